namespace Bpf.Btf.Tests;

public class BtfSpecTests
{
    [Fact]
    public void ParsesEveryKind()
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        uint ptr = b.Ptr(i32);
        uint arr = b.Array(i32, i32, 4);
        uint st = b.Struct("s", 24,
            new BtfBuilderMember("a", i32, 0),
            new BtfBuilderMember("bf", i32, 32, 3),
            new BtfBuilderMember("p", ptr, 64),
            new BtfBuilderMember("arr", arr, 128));
        uint un = b.Union("u", 4, new BtfBuilderMember("x", i32, 0));
        uint en = b.Enum("e", 4, true, ("A", -1), ("B", 7));
        uint fwd = b.Fwd("f", isUnion: true);
        uint td = b.Typedef("int_t", i32);
        uint vol = b.Volatile(td);
        uint cst = b.Const(vol);
        uint rst = b.Restrict(ptr);
        uint proto = b.FuncProto(i32, ("ctx", ptr), ("n", i32));
        uint func = b.Func("main", proto, BtfLinkage.Global);
        uint var = b.Var("g", i32, BtfLinkage.Global);
        uint sec = b.Datasec(".data", 4, new BtfDatasecVar(var, 0, 4));
        uint flt = b.Float("double", 8);
        uint tag = b.DeclTag("tagged", st, 1);
        uint ttag = b.TypeTag("user", i32);
        uint e64 = b.Enum64("e64", 8, false, ("BIG", unchecked((long)0xffff_0000_0000_0001UL)));
        var spec = b.BuildSpec();

        Assert.Equal(20, spec.TypeCount);
        Assert.Equal(BtfKind.Int, spec.Kind(i32));
        Assert.Equal("int", spec.Name(i32));
        Assert.True(spec.IntEncoding(i32).IsSigned);
        Assert.Equal(32u, spec.IntEncoding(i32).Bits);
        Assert.Equal(BtfKind.Ptr, spec.Kind(ptr));
        Assert.Equal(i32, spec.RefType(ptr));
        Assert.Equal(new BtfArrayInfo(i32, i32, 4), spec.ArrayInfo(arr));
        Assert.Equal(16, spec.SizeOf(arr));
        Assert.Equal(4, spec.Vlen(st));
        Assert.Equal("bf", spec.MemberName(st, 1));
        Assert.Equal(new BtfMember(spec.Member(st, 1).NameOff, i32, 32, 3), spec.Member(st, 1));
        Assert.Equal(0u, spec.Member(st, 2).BitfieldSize);
        Assert.Equal(BtfKind.Union, spec.Kind(un));
        Assert.Equal(ulong.MaxValue, spec.EnumValue(en, 0).Value);
        Assert.Equal("B", spec.EnumValueName(en, 1));
        Assert.True(spec.KindFlag(fwd));
        Assert.Equal(i32, spec.SkipModsAndTypedefs(cst));
        Assert.Equal(td, spec.SkipModifiers(cst));
        Assert.Equal(ptr, spec.SkipModifiers(rst));
        Assert.Equal(4, spec.SizeOf(cst));
        Assert.Equal(2, spec.Vlen(proto));
        Assert.Equal("ctx", spec.ParamName(proto, 0));
        Assert.Equal(BtfLinkage.Global, spec.FuncLinkage(func));
        Assert.Equal(proto, spec.RefType(func));
        Assert.Equal(BtfLinkage.Global, spec.VarLinkage(var));
        Assert.Equal(new BtfDatasecVar(var, 0, 4), spec.DatasecVar(sec, 0));
        Assert.Equal(8, spec.SizeOf(flt));
        Assert.Equal(1, spec.DeclTagComponentIdx(tag));
        Assert.Equal(BtfKind.TypeTag, spec.Kind(ttag));
        Assert.Equal(0xffff_0000_0000_0001UL, spec.EnumValue(e64, 0).Value);
        Assert.Equal(-1, spec.SizeOf(proto));
        Assert.Equal(-1, spec.SizeOf(0));
    }

    [Fact]
    public void FindsByName()
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        uint s1 = b.Struct("task", 4, new BtfBuilderMember("pid", i32, 0));
        uint f1 = b.Fwd("task");
        var spec = b.BuildSpec();
        Assert.Equal([s1, f1], spec.FindByName("task").ToArray());
        Assert.Equal(f1, spec.FindByName("task", BtfKind.Fwd));
        Assert.Equal(0u, spec.FindByName("task", BtfKind.Union));
        Assert.True(spec.FindByName("nope").IsEmpty);
    }

    [Fact]
    public void RoundTripsThroughToBytes()
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        b.Datasec(".bss", 0, new BtfDatasecVar(b.Var("x", i32), 0, 4));
        var spec = b.BuildSpec();
        spec.SetDatasecSize(3, 4);
        var again = BtfSpec.Parse(spec.ToBytes());
        Assert.Equal(4u, again.RawSize(3));
        Assert.Equal("x", again.Name(2));
    }
}
