using Bpf.Btf;
using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// bpf_loop callbacks and global functions with memory arguments: programs of Data/callbacks_cases.c
/// (clang-19 -O2 -g --target=bpf -mcpu=v3), with the verdict, message and processed-instruction count the Linux 6.18
/// verifier gave through veristat. The BTF the kernel needs (func_info, the callback static) is built here.
/// </summary>
public class CallbackTests
{
    /// <summary>main(void *ctx) at 0 and one second function at <paramref name="subStart"/>: a static callback
    /// cb(u32, void *) or a global g(int *).</summary>
    private static VerificationResult Verify(string asm, int subStart, bool globalMemArg)
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        uint u32 = b.Int("unsigned int", 4);
        uint voidPtr = b.Ptr(0);
        uint main = b.Func("prog", b.FuncProto(i32, ("ctx", voidPtr)));
        uint sub = globalMemArg
            ? b.Func("g", b.FuncProto(i32, ("p", b.Ptr(i32))))
            : b.Func("cb", b.FuncProto(i32, ("idx", u32), ("ctx", voidPtr)), BtfLinkage.Static);
        var (obj, prog) = TestProgram.Build(asm);
        prog = prog with { FuncInfos = [new FuncInfo(0, main), new FuncInfo(subStart, sub)] };
        obj = obj with { Btf = b.BuildSpec(), Programs = [prog] };
        return BpfVerifier.Verify(obj, prog, new VerifierOptions { LogLevel = 2 });
    }

    private const string LoopCall = "w1 = 10; r2 = cb ll; r3 = 0; r4 = 0; call 181; w0 = 0; exit; ";

    [Fact]
    public void LoopWithTrivialCallbackConverges()
    {
        var r = Verify(LoopCall + "cb: w0 = 0; exit;", 8, false);
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(10, r.Stats.TotalInsns);
        Assert.Contains("from 5 to 8: frame1: R1=scalar() R2=0 R10=fp0 cb\n", r.Log);
    }

    [Fact]
    public void CallbackReturnOutsideRangeIsRejected()
    {
        var r = Verify(LoopCall + "cb: w0 = 2; exit;", 8, false);
        Assert.False(r.Accepted);
        Assert.Equal("At callback return the register R0 has smin=2 smax=2 should have been in [0, 1]", r.ErrorLine);
        Assert.Equal(9, r.Stats.TotalInsns);
    }

    [Fact]
    public void LoopCallbackUpdatesCallerStackAndIsInlined()
    {
        var r = Verify("r1 = 0; *(u64 *)(r10 - 8) = r1; r3 = r10; r3 += -8; w1 = 5; r2 = cb ll; r4 = 0; call 181; " +
            "r0 = *(u64 *)(r10 - 8); w0 &= 1; exit; " +
            "cb: r1 = *(u64 *)(r2 + 0); r1 += 1; *(u64 *)(r2 + 0) = r1; w0 = 0; exit;", 12, false);
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(26, r.Stats.TotalInsns);
        // optimize_bpf_loop: the inlined loop needs three more stack slots.
        Assert.Equal(32, r.Stats.StackDepth);
    }

    private const string ForEach = "r1 = %[m_array] ll; r2 = cb ll; r3 = 0; r4 = 0; call 164; w0 = 0; exit; ";

    [Theory]
    [InlineData(0, 15)]
    public void ForEachMapElemCallbackGetsKeyAndValue(int off, int insns)
    {
        var r = Verify(ForEach + $"cb: r1 = *(u64 *)(r3 + {off}); w0 = 1; if r1 > 0x5 goto +1; w0 = 0; exit;", 9, false);
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(insns, r.Stats.TotalInsns);
    }

    [Fact]
    public void ForEachMapElemValueIsBounded()
    {
        var r = Verify(ForEach + "cb: r1 = *(u64 *)(r3 + 8); w0 = 1; if r1 > 0x5 goto +1; w0 = 0; exit;", 9, false);
        Assert.False(r.Accepted);
        Assert.Equal("R3 min value is outside of the allowed memory range", r.ErrorLine);
        Assert.Equal(8, r.Stats.TotalInsns);
    }

    private const string GlobalCall = "w1 = 42; *(u32 *)(r10 - 4) = r1; r1 = r10; r1 += -4; call pc+1; exit; ";

    [Fact]
    public void GlobalMemoryArgumentMayBeNull()
    {
        var r = Verify(GlobalCall + "r0 = *(u32 *)(r1 + 0); exit;", 6, true);
        Assert.False(r.Accepted);
        Assert.Equal("R1 invalid mem access 'mem_or_null'", r.ErrorLine);
        Assert.Equal(7, r.Stats.TotalInsns);
        Assert.Contains("6: R1=mem_or_null(id=1,sz=4) R10=fp0\n", r.Log);
    }

    [Fact]
    public void GlobalMemoryArgumentCheckedForNull()
    {
        var r = Verify(GlobalCall + "w0 = 0; if r1 == 0x0 goto +1; r0 = *(u32 *)(r1 + 0); exit;", 6, true);
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(11, r.Stats.TotalInsns);
    }

    [Fact]
    public void GlobalMemoryArgumentTooSmall()
    {
        var r = Verify("w1 = 0; *(u16 *)(r10 - 2) = r1; r1 = r10; r1 += -2; call pc+1; exit; " +
            "w0 = 0; if r1 == 0x0 goto +1; r0 = *(u32 *)(r1 + 0); exit;", 6, true);
        Assert.False(r.Accepted);
        // The function's name comes from the ELF symbols, which this hand-built object does not have.
        Assert.StartsWith("Caller passes invalid args into func#1 ", r.ErrorLine);
        Assert.Contains("invalid read from stack R1 off=-2 size=4\nCaller passes invalid args into func#1 ", r.Log);
        Assert.Equal(5, r.Stats.TotalInsns);
    }
}

/// <summary>
/// The main program's exception_callback decl tag (the exc.c part of Data/callbacks_cases.c): the named global
/// function is verified as its own entry, presumed called, and must take a single integer.
/// </summary>
public class ExceptionCallbackTests
{
    private static VerificationResult Verify(bool pointerArg)
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        uint u64 = b.Int("unsigned long long", 8);
        uint main = b.Func("prog", b.FuncProto(i32, ("ctx", b.Ptr(0))));
        b.DeclTag("exception_callback:exc_cb", main);
        uint cb = b.Func("exc_cb", b.FuncProto(i32, pointerArg ? ("p", b.Ptr(0)) : ("cookie", u64)));
        var (obj, prog) = TestProgram.Build("w0 = 0; exit; w0 = 0; exit;");
        prog = prog with { FuncInfos = [new FuncInfo(0, main), new FuncInfo(2, cb)] };
        obj = obj with { Btf = b.BuildSpec(), Programs = [prog] };
        return BpfVerifier.Verify(obj, prog, new VerifierOptions { LogLevel = 2 });
    }

    [Fact]
    public void ExceptionCallbackIsVerifiedAsItsOwnEntry()
    {
        var r = Verify(pointerArg: false);
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(4, r.Stats.TotalInsns);
        Assert.Contains("func#1 @2\n", r.Log);
        Assert.Contains("2: R1=scalar() R10=fp0\n", r.Log);
    }

    [Fact]
    public void ExceptionCallbackNeedsAnIntegerArgument()
    {
        var r = Verify(pointerArg: true);
        Assert.False(r.Accepted);
        // A void * has no size: btf_prepare_func_args refuses the prototype before the exception rule.
        Assert.Equal("arg#0 reference type('UNKNOWN ') size cannot be determined: -22", r.ErrorLine);
        Assert.Equal(2, r.Stats.TotalInsns);
    }
}
