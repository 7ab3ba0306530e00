namespace Bpf.Btf.Tests;

public class BtfStructAccessTests
{
    private static (BtfSpec Spec, uint Task, uint Inner, uint Mm) Build()
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        uint u8 = b.Int("unsigned char", 1);
        uint mm = b.Struct("mm_struct", 8, new BtfBuilderMember("users", i32, 0));
        uint mmPtr = b.Ptr(mm);
        uint rcuTag = b.TypeTag("rcu", mm);
        uint rcuPtr = b.Ptr(rcuTag);
        uint inner = b.Struct("inner", 8, new BtfBuilderMember("a", i32, 0), new BtfBuilderMember("b", i32, 32));
        uint cb = b.Array(u8, i32, 16);
        uint task = b.Struct("task_struct", 48,
            new BtfBuilderMember("pid", i32, 0),
            new BtfBuilderMember("flags", i32, 32, 3),
            new BtfBuilderMember("mm", mmPtr, 64),
            new BtfBuilderMember("in", inner, 128),
            new BtfBuilderMember("cb", cb, 192),
            new BtfBuilderMember("parent_mm", rcuPtr, 320));
        return (b.BuildSpec(), task, inner, mm);
    }

    [Fact]
    public void ScalarPointerAndNestedMembers()
    {
        var (spec, task, _, mm) = Build();
        Assert.Equal(BtfAccessResult.Scalar, BtfStructAccess.Access(spec, task, 0, 4, false, out _, out _, out _, out _));
        Assert.Equal(BtfAccessResult.PtrToBtfId, BtfStructAccess.Access(spec, task, 8, 8, false, out uint next, out var flags, out string? field, out _));
        Assert.Equal(mm, next);
        Assert.Equal("mm", field);
        Assert.Equal(BtfPtrFlags.None, flags);
        Assert.Equal(BtfAccessResult.Scalar, BtfStructAccess.Access(spec, task, 20, 4, false, out _, out _, out _, out _));
        Assert.Equal(BtfAccessResult.Scalar, BtfStructAccess.Access(spec, task, 26, 8, false, out _, out _, out _, out _)); // inside cb[]
        Assert.Equal(BtfAccessResult.PtrToBtfId, BtfStructAccess.Access(spec, task, 40, 8, false, out _, out flags, out _, out _));
        Assert.Equal(BtfPtrFlags.Rcu, flags);
    }

    [Fact]
    public void KernelMessagesOnBadAccess()
    {
        var (spec, task, _, _) = Build();
        BtfStructAccess.Access(spec, task, 12, 8, false, out _, out _, out _, out string? err);
        Assert.Equal("cannot access ptr member mm with moff 8 in struct task_struct with off 12 size 8", err);
        BtfStructAccess.Access(spec, task, 46, 4, false, out _, out _, out _, out err);
        Assert.Equal("access beyond struct task_struct at off 46 size 4", err);
        BtfStructAccess.Access(spec, task, 36, 8, false, out _, out _, out _, out err);
        Assert.Equal("access beyond the end of member cb (mend:40) in struct task_struct with off 36 size 8", err);
    }

    [Fact]
    public void IdsMatchWalksFirstMembers()
    {
        var (spec, task, inner, _) = Build();
        Assert.True(BtfStructAccess.IdsMatch(spec, task, 16, spec, inner, false, true));
        Assert.False(BtfStructAccess.IdsMatch(spec, task, 16, spec, inner, true, true));
        Assert.True(BtfStructAccess.IdsMatch(spec, task, 0, spec, task, true, true));
    }
}
