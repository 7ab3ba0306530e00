using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Tests;

/// <summary>
/// Copy-on-write frame stacks (FuncState.Stack.cs): copies share the stack until one side writes, a write never
/// shows through to another copy, and writes that change nothing copy nothing.
/// </summary>
public class FrameStackTests
{
    private static FuncState FrameWithSpill(ulong value)
    {
        var f = new FuncState(0, -1, 0);
        f.GrowStack(16);
        f.WritableSpilled[1] = RegState.ConstScalar(value);
        f.WritableSlots.Slice(8, 8).Fill(SlotType.Spill);
        return f;
    }

    // Slot 1's spilled register: the same chunk object when the stacks share it.
    private static bool SameStack(FuncState a, FuncState b) =>
        Unsafe.AreSame(ref Unsafe.AsRef(in a.Spilled[1]), ref Unsafe.AsRef(in b.Spilled[1]));

    [Fact]
    public void CopiesShareTheStackUntilOneWrites()
    {
        var a = FrameWithSpill(7);
        var b = a.Clone();
        Assert.True(SameStack(a, b));

        b.WritableSpilled[1] = RegState.ConstScalar(9);
        Assert.False(SameStack(a, b));
        Assert.Equal(7UL, a.Spilled[1].ConstValue);
        Assert.Equal(9UL, b.Spilled[1].ConstValue);
        Assert.True(b.IsSpilledReg(1));
    }

    [Fact]
    public void TheOriginalCopiesTooWhenItWritesFirst()
    {
        var a = FrameWithSpill(7);
        var b = a.Clone();
        a.WritableSlots.Slice(8, 8).Fill(SlotType.Misc);
        Assert.True(b.IsSpilledReg(1));
        Assert.False(a.IsSpilledReg(1));
    }

    [Fact]
    public void WritesThatChangeNothingKeepSharing()
    {
        var a = FrameWithSpill(7);
        var b = a.Clone();
        b.SetSpilled(1, a.Spilled[1]);
        b.SetSpilledPrecise(1, false);
        b.ClearSlot(0);
        Assert.True(SameStack(a, b));

        b.SetSpilledPrecise(1, true);
        Assert.False(SameStack(a, b));
        Assert.False(a.Spilled[1].Precise);
    }

    [Fact]
    public void GrowingACopyLeavesTheOtherAlone()
    {
        var a = FrameWithSpill(7);
        var b = a.Clone();
        b.GrowStack(64);
        Assert.Equal(16, a.AllocatedStack);
        Assert.Equal(64, b.AllocatedStack);
        Assert.Equal(7UL, b.Spilled[1].ConstValue);
        Assert.Equal(RegType.NotInit, b.Spilled[7].Type);
        Assert.Equal(SlotType.Invalid, b.Slots[63]);
    }

    [Fact]
    public void APooledFrameNeverWritesIntoAStackStillShared()
    {
        var pool = new FramePool();
        var root = FrameWithSpill(7);
        var st = new VerifierState();
        st.Frames[0] = root;
        var branch = st.Clone(pool);
        var checkpoint = st.Clone(pool);
        pool.Return(branch);

        // The returned frame is reused for the next copy; the checkpoint still shares the original stack.
        var next = st.Clone(pool);
        next.Frames[0].WritableSpilled[1] = RegState.ConstScalar(1);
        Assert.Equal(7UL, checkpoint.Frames[0].Spilled[1].ConstValue);
        Assert.Equal(7UL, root.Spilled[1].ConstValue);
        Assert.Equal(1UL, next.Frames[0].Spilled[1].ConstValue);
    }
}
