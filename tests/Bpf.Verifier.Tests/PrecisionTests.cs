namespace Bpf.Verifier.Tests;

/// <summary>
/// Precision tracking and pruning (mark_chain_precision, regsafe, is_state_visited). Programs of
/// Data/precision_cases.c; the figures and log lines are veristat's on Linux 6.18 (-t where noted).
/// </summary>
public class PrecisionTests
{
    private const string SpillFill =
        "call 7; r6 = r0; r1 = 8; if r6 > 100 goto l1; r1 = 16; l1: r7 = r1; *(u64 *)(r10 - 24) = r7; " +
        "r3 = *(u64 *)(r10 - 24); r2 = r10; r2 += -32; r2 += r3; r0 = 0; *(u64 *)(r2 + 0) = r0; exit;";
    private const string ImprecisePruned = "call 7; r6 = r0; r1 = 1; if r6 > 10 goto l1; r1 = 2; l1: r2 = r1; r0 = 0; exit;";
    private const string PreciseNotPruned =
        "call 7; r6 = r0; r1 = 0; if r6 > 10 goto l1; r1 = 8; l1: r2 = r10; r2 += -16; r2 += r1; r0 = 0; *(u64 *)(r2 + 0) = r0; exit;";
    private const string BranchTaken = "call 7; r6 = r0; r1 = 3; if r6 > 10 goto l1; r1 = 5; l1: if r1 == 3 goto l2; r0 = 0; exit; l2: r0 = 1; exit;";
    private const string Linked =
        "call 7; r0 &= 0xff; r6 = r0; r7 = r0; if r6 > 7 goto l1; r1 = r10; r1 += -8; r1 += r7; r0 = 0; *(u8 *)(r1 + 0) = r0; " +
        "l1: r0 = 0; exit;";

    private static VerificationResult Run(string asm, bool testStates, int logLevel = 0)
    {
        var (obj, prog) = TestProgram.Build(asm);
        return BpfVerifier.Verify(obj, prog, new VerifierOptions { TestStateFreq = testStates, LogLevel = logLevel == 0 ? 0 : logLevel | 4 });
    }

    [Theory]
    [InlineData(SpillFill, false, 23, 1, 1)]
    [InlineData(SpillFill, true, 23, 4, 4)]
    [InlineData(ImprecisePruned, false, 11, 1, 1)]
    [InlineData(ImprecisePruned, true, 9, 3, 3)]
    [InlineData(PreciseNotPruned, false, 17, 1, 1)]
    [InlineData(PreciseNotPruned, true, 17, 4, 4)]
    [InlineData(BranchTaken, false, 11, 1, 1)]
    [InlineData(BranchTaken, true, 11, 5, 5)]
    [InlineData(Linked, false, 13, 1, 1)]
    [InlineData(Linked, true, 13, 3, 3)]
    public void StatisticsMatchKernel(string asm, bool testStates, int insns, int totalStates, int peakStates)
    {
        var r = Run(asm, testStates);
        Assert.True(r.Accepted, r.ErrorLine);
        Assert.Equal(insns, r.Stats.TotalInsns);
        Assert.Equal(totalStates, r.Stats.TotalStates);
        Assert.Equal(peakStates, r.Stats.PeakStates);
    }

    [Fact]
    public void BacktrackingThroughSpillAndFill()
    {
        var r = Run(SpillFill, false, logLevel: 2);
        Assert.Contains(
            "10: (0f) r2 += r3\n" +
            "mark_precise: frame0: last_idx 10 first_idx 0 subseq_idx -1 \n" +
            "mark_precise: frame0: regs=r3 stack= before 9: (07) r2 += -32\n" +
            "mark_precise: frame0: regs=r3 stack= before 8: (bf) r2 = r10\n" +
            "mark_precise: frame0: regs=r3 stack= before 7: (79) r3 = *(u64 *)(r10 -24)\n" +
            "mark_precise: frame0: regs= stack=-24 before 6: (7b) *(u64 *)(r10 -24) = r7\n" +
            "mark_precise: frame0: regs=r7 stack= before 5: (bf) r7 = r1\n" +
            "mark_precise: frame0: regs=r1 stack= before 4: (b7) r1 = 16\n" +
            "11: R2=fp-16 R3=16\n", r.Log);
        // The other path reaches the checkpoint at 5 and continues backtracking into its parent state.
        Assert.Contains("mark_precise: frame0: parent state regs=r1 stack=:  R0=scalar(id=1) R1=P8 R6=scalar(id=1,umin=101) R10=fp0\n", r.Log);
    }

    [Fact]
    public void BranchOnConstantMarksItPrecise()
    {
        var r = Run(BranchTaken, true, logLevel: 2);
        Assert.Contains("mark_precise: frame0: regs=r1 stack= before 4: (b7) r1 = 5\n", r.Log);
    }

    [Fact]
    public void ImpreciseStackSpillDoesNotBlockPruning()
    {
        // Two different constants spilled to fp-8 and never relied on: the second path is pruned (-t: 9 insns).
        const string asm = "call 7; r6 = r0; r1 = 1; if r6 > 10 goto l1; r1 = 2; l1: *(u64 *)(r10 - 8) = r1; r0 = 0; exit;";
        var r = Run(asm, true);
        Assert.True(r.Accepted);
        Assert.Equal(9, r.Stats.TotalInsns);
        Assert.Equal(3, r.Stats.TotalStates);
    }
}
