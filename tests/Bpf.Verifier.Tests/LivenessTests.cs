using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// Linux 6.18 stack liveness (Liveness/StackLiveness.cs): the level-2 log lines of its data flow, and the pruning
/// it allows across calls. Programs of Data/liveness_cases.c; lines and figures are veristat's on Linux 6.18.
/// </summary>
public class LivenessTests
{
    private const string Simple =
        "r1 = 0; *(u64 *)(r10 - 8) = r1; call 7; if r0 > 5 goto l0; *(u64 *)(r10 - 16) = r0; " +
        "l0: r2 = *(u64 *)(r10 - 8); r0 = 0; exit;";

    private const string WithCall =
        "r1 = 0; *(u64 *)(r10 - 8) = r1; *(u64 *)(r10 - 16) = r1; r1 = r10; r1 += -8; call sub1; call 7; " +
        "if r0 > 5 goto l0; r0 = *(u64 *)(r10 - 16); l0: r0 = 0; exit; " +
        "sub1: r2 = *(u64 *)(r1 + 0); r3 = 1; *(u64 *)(r10 - 8) = r3; *(u64 *)(r1 + 0) = r3; call 7; " +
        "if r0 > 3 goto l1; r0 = *(u64 *)(r10 - 8); l1: r0 = 0; exit;";

    private const string Join =
        "r6 = r1; call 7; if r0 > 5 goto l0; *(u64 *)(r10 - 8) = r6; goto l1; l0: r1 = 7; *(u64 *)(r10 - 8) = r1; " +
        "l1: r1 = r10; r1 += -8; ";

    private const string CalleeKills = Join + "call sub; r0 = *(u64 *)(r10 - 8); r0 = 0; exit; " +
        "sub: r2 = 42; *(u64 *)(r1 + 0) = r2; r0 = 0; exit;";

    private const string CalleeReads = Join + "call sub; r0 = 0; exit; sub: r2 = *(u64 *)(r1 + 0); r0 = 0; exit;";

    private const string CalleeMaybeWrites = Join + "call sub; r0 = *(u64 *)(r10 - 8); r0 = 0; exit; " +
        "sub: r6 = r1; call 7; if r0 > 5 goto l2; r2 = 42; *(u64 *)(r6 + 0) = r2; l2: r0 = 0; exit;";

    private const string HelperReads =
        "r1 = 0; *(u64 *)(r10 - 8) = r1; *(u64 *)(r10 - 16) = r1; call 7; if r0 > 5 goto l0; *(u64 *)(r10 - 24) = r0; " +
        "l0: r1 = r10; r1 += -16; r2 = 16; r3 = 0; r4 = 0; r5 = 0; call 28; r0 = 0; exit;";

    private static VerificationResult Run(string asm, int logLevel = 0, ProgramType type = ProgramType.SocketFilter) =>
        TestProgram.Verify(asm, type, logLevel);

    [Theory]
    [InlineData(Simple, 11, 1, 1)]
    [InlineData(WithCall, 29, 2, 2)]
    [InlineData(CalleeKills, 20, 2, 2)]
    [InlineData(CalleeReads, 23, 2, 2)]
    [InlineData(CalleeMaybeWrites, 37, 4, 4)]
    public void StatisticsMatchKernel(string asm, int insns, int totalStates, int peakStates)
    {
        var r = Run(asm);
        Assert.True(r.Accepted, r.ErrorLine);
        Assert.Equal(insns, r.Stats.TotalInsns);
        Assert.Equal(totalStates, r.Stats.TotalStates);
        Assert.Equal(peakStates, r.Stats.PeakStates);
    }

    [Fact]
    public void HelperMemoryArgumentReadsItsSlots()
    {
        var r = Run(HelperReads, 2, ProgramType.SchedCls);
        Assert.True(r.Accepted, r.ErrorLine);
        Assert.Equal(23, r.Stats.TotalInsns);
        Assert.Contains("(0) frame 0 insn 12 +live -8,-16 \n", r.Log);
    }

    [Fact]
    public void StraightLineMarksAndIterations()
    {
        var r = Run(Simple, 2);
        Assert.Contains(
            "7: (95) exit\n" +
            "(0) frame 0 insn 5 +live -8 \n" +
            "(0) frame 0 insn 4 +live -8 \n" +
            "(0) frame 0 insn 4 +written -16 \n" +
            "(0) frame 0 insn 3 +live -8 \n" +
            "(0) frame 0 insn 1 +written -8 \n" +
            "(0) frame 0 insn 0 +written -8 \n" +
            "(0) live stack update done in 2 iterations\n", r.Log);
    }

    [Fact]
    public void CalleeMarksReachTheCallInstruction()
    {
        var r = Run(WithCall, 2);
        Assert.Contains(
            "19: (95) exit\n" +
            "(5,11) frame 0 insn 14 +written -8 \n" +
            "(5,11) frame 0 insn 11 +live -8 \n" +
            "(5,11) frame 0 insn 11 +written -8 \n" +
            "(5,11) frame 1 insn 17 +live -8 \n" +
            "(5,11) frame 1 insn 16 +live -8 \n" +
            "(5,11) frame 1 insn 13 +written -8 \n" +
            "(5,11) frame 1 insn 11 +written -8 \n" +
            "(5,11) live stack update done in 2 iterations\n" +
            "(0) frame 0 insn 5 +live -8 \n" +
            "(0) frame 0 insn 5 +written -8 \n" +
            "(0) frame 0 insn 2 +live -8 \n" +
            "(0) frame 0 insn 2 +written -8,-16 \n" +
            "(0) frame 0 insn 1 +written -8,-16 \n" +
            "(0) frame 0 insn 0 +written -8,-16 \n" +
            "(0) live stack update done in 2 iterations\n" +
            "returning from callee:\n", r.Log);
        Assert.Contains(
            "(0) frame 0 insn 8 +live -16 \n" +
            "(0) frame 0 insn 7 +live -16 \n" +
            "(0) frame 0 insn 6 +live -16 \n" +
            "(0) frame 0 insn 5 +live -16 \n" +
            "(0) live stack update done in 2 iterations\n", r.Log);
    }

    [Fact]
    public void SlotWrittenByEveryPathOfTheCalleeIsDeadAtTheCall()
    {
        var r = Run(CalleeKills, 2);
        Assert.Contains(
            "(0) frame 0 insn 10 +live -8 \n" +
            "(0) live stack update done in 2 iterations\n", r.Log);
        Assert.Contains("9: safe\n(0) live stack update done in 1 iterations\n", r.Log);
    }

    [Fact]
    public void MustWriteShrinksWhenAVisitDoesNotWrite()
    {
        var r = Run(CalleeMaybeWrites, 2);
        Assert.Contains(
            "(0) frame 0 insn 6 -live -8\n" +
            "(0) frame 0 insn 6 +written -8 \n" +
            "(0) frame 0 insn 5 -live -8\n" +
            "(0) frame 0 insn 5 +written -8 \n", r.Log);
    }
}
