using Bpf.Btf;
using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// btf_prepare_func_args on the main program: not fatal, but the kernel logs why the prototype is not one a global
/// function could have (lines seen in the 6.18 kernel's veristat -vl2 logs of verifier_gotol and test_subprogs).
/// </summary>
public class FuncPrototypeTests
{
    private static VerificationResult VerifyWithProto(Func<BtfBuilder, uint> proto)
    {
        var b = new BtfBuilder();
        uint func = b.Func("test", proto(b));
        var btf = BtfSpec.Parse(b.Build());
        var (obj, prog) = TestProgram.Build("r0 = 0; exit;");
        prog = prog with { FuncInfos = [new FuncInfo(0, func)] };
        obj = obj with { Btf = btf, Programs = [prog] };
        return BpfVerifier.Verify(obj, prog, new VerifierOptions { LogLevel = 2 });
    }

    [Fact]
    public void VoidMainFunctionIsLoggedButAccepted()
    {
        var r = VerifyWithProto(b => b.FuncProto(0));
        Assert.True(r.Accepted, r.Log);
        Assert.Contains("Global function test() doesn't return scalar. Only those are supported.\n0: R1=ctx() R10=fp0\n", r.Log);
    }

    [Fact]
    public void VoidPointerArgumentHasNoSize()
    {
        var r = VerifyWithProto(b => b.FuncProto(b.Int("int", 4, signed: true), ("ctx", b.Ptr(0))));
        Assert.True(r.Accepted, r.Log);
        Assert.Contains("arg#0 reference type('UNKNOWN ') size cannot be determined: -22\n", r.Log);
    }

    [Fact]
    public void ContextStructArgumentIsSilent()
    {
        var r = VerifyWithProto(b => b.FuncProto(b.Int("int", 4, signed: true), ("skb", b.Ptr(b.Struct("__sk_buff", 0)))));
        Assert.True(r.Accepted, r.Log);
        Assert.DoesNotContain("arg#0", r.Log);
        Assert.DoesNotContain("Global function", r.Log);
    }
}
