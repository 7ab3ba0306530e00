namespace Bpf.Btf.Tests;

public class KernelAcceptanceTests
{
    [Fact]
    public void WellFormedObjectBtfIsAccepted()
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        uint ctx = b.Struct("__sk_buff", 8, new BtfBuilderMember("len", i32, 0), new BtfBuilderMember("bits", i32, 32, 3));
        uint ptr = b.Ptr(ctx);
        uint proto = b.FuncProto(i32, ("skb", ptr));
        b.Func("prog", proto);
        uint arr = b.Array(i32, i32, 4);
        uint v = b.Var("counters", arr);
        b.Datasec(".bss", 16, new BtfDatasecVar(v, 0, 16));
        b.DeclTag("tag", ctx, 0);
        Assert.Null(b.BuildSpec().CheckKernelAcceptance());
    }

    [Fact]
    public void UnnamedFuncArgumentIsRejected()
    {
        // clang leaves __naked functions' arguments unnamed; the kernel refuses such BTF.
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        uint proto = b.FuncProto(i32, (null, i32));
        b.Func("naked_fn", proto);
        Assert.Equal("[3] FUNC naked_fn type_id=2 Invalid arg#1", b.BuildSpec().CheckKernelAcceptance());
    }

    [Fact]
    public void ZeroSizedDatasecIsRejectedUntilFixedUp()
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        uint v = b.Var("x", i32);
        b.Datasec(".data", 0, new BtfDatasecVar(v, 0, 4));
        var spec = b.BuildSpec();
        Assert.Equal("[3] DATASEC .data size=0 vlen=1 size == 0", spec.CheckKernelAcceptance());
        Assert.Null(spec.FixupDatasecs(_ => 8, _ => new BtfElfSymbol(4, false)));
        Assert.Equal(new BtfDatasecVar(v, 4, 4), spec.DatasecVar(3, 0));
        Assert.Null(spec.CheckKernelAcceptance());
    }

    [Fact]
    public void KsymsExternsAreRewrittenLikeLibbpf()
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        uint proto = b.FuncProto(i32, (null, i32));
        uint kfunc = b.Func("bpf_kfunc", proto, BtfLinkage.Extern);
        uint ksym = b.Var("some_ksym", i32, BtfLinkage.Extern);
        b.Datasec(".ksyms", 0, new BtfDatasecVar(kfunc, 0, 0), new BtfDatasecVar(ksym, 0, 0));
        var spec = b.BuildSpec();
        Assert.NotNull(spec.CheckKernelAcceptance());
        spec.FixupExterns();
        Assert.Null(spec.CheckKernelAcceptance());
        Assert.Equal(BtfLinkage.Global, spec.FuncLinkage(kfunc));
        Assert.Equal("dummy_ksym", spec.ParamName(proto, 0));
        Assert.Equal(8u, spec.RawSize(5));
    }

    [Theory]
    [InlineData("1bad")]
    [InlineData("has space")]
    public void InvalidIdentifiersAreRejected(string name)
    {
        var b = new BtfBuilder();
        b.Int("int", 4);
        b.Struct(name, 0);
        Assert.Contains("Invalid name", b.BuildSpec().CheckKernelAcceptance());
    }

    [Fact]
    public void MemberBeyondStructIsRejected()
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4);
        b.Struct("s", 4, new BtfBuilderMember("a", i32, 0), new BtfBuilderMember("b", i32, 16));
        Assert.Contains("Member exceeds struct_size", b.BuildSpec().CheckKernelAcceptance());
    }

    [Fact]
    public void TypeTagAfterModifierIsRejected()
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4);
        uint tag = b.TypeTag("user", i32);
        b.Const(tag);
        Assert.Equal("Type tags don't precede modifiers", b.BuildSpec().CheckKernelAcceptance());
    }

    /// <summary>
    /// btf_parse_struct_metas: a bpf_list_head member whose contains: tag names a struct missing from the BTF makes the
    /// kernel refuse the whole BTF (checked on the live 6.18 kernel: libbpf then loads without BTF, and bpf_obj_new
    /// fails with "requires prog BTF").
    /// </summary>
    [Theory]
    [InlineData("contains:elem:node", true)]
    [InlineData("contains:missing_elem:node", false)]
    [InlineData("contains:elem:other", false)]
    [InlineData("contains:elem", false)]
    public void GraphRootsMustNameAStructWithItsNode(string tag, bool accepted)
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        uint u64 = b.Int("unsigned long long", 8, signed: false);
        uint opaque = b.Array(u64, i32, 2);
        uint head = b.Struct("bpf_list_head", 16, new BtfBuilderMember("__opaque", opaque, 0));
        uint node = b.Struct("bpf_list_node", 24, new BtfBuilderMember("__opaque", b.Array(u64, i32, 3), 0));
        b.Struct("elem", 32, new BtfBuilderMember("v", i32, 0), new BtfBuilderMember("node", node, 64));
        uint holder = b.Struct("holder", 16, new BtfBuilderMember("head", head, 0));
        b.DeclTag(tag, holder, 0);
        string? error = b.BuildSpec().CheckKernelAcceptance();
        if (accepted)
            Assert.Null(error);
        else
            Assert.Equal($"[{holder}] STRUCT holder member 0: graph root without a valid contains: tag", error);
    }
}
