using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// may_goto loops and open-coded number iterators: the programs of Data/loops_cases.c with the Linux 6.18
/// verdicts, error lines and statistics from veristat (loop convergence, widening, SCC back-edges).
/// </summary>
public class LoopTests
{
    private static VerificationResult Verify(string asm, int logLevel = 1) =>
        TestProgram.Verify(asm, ProgramType.SocketFilter, logLevel, maps: []);

    private static void AssertAccepts(VerificationResult r, int insns, int states, int peak)
    {
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(insns, r.Stats.TotalInsns);
        Assert.Equal(states, r.Stats.TotalStates);
        Assert.Equal(peak, r.Stats.PeakStates);
    }

    private static void AssertRejects(VerificationResult r, string error, int insns)
    {
        Assert.False(r.Accepted, r.Log);
        Assert.Equal(error, r.ErrorLine);
        Assert.Equal(insns, r.Stats.TotalInsns);
    }

    private const string IterSum =
        "r6 = 0; r1 = r10; r1 += -8; r2 = 0; r3 = 10; call bpf_iter_num_new;" +
        "l0: r1 = r10; r1 += -8; call bpf_iter_num_next; if r0 == 0 goto l1; r1 = *(u32 *)(r0 + 0); r6 += r1; goto l0;" +
        "l1: r1 = r10; r1 += -8; call bpf_iter_num_destroy; r0 = r6; exit;";

    [Fact]
    public void MayGotoLoopConvergesByWidening()
    {
        // mg_loop: 17 insns, 3 states, peak 4 (3 checkpoints + 1 back-edge); stack depth 0 + the counter's 16.
        var r = Verify("r0 = 0; l0: may_goto l1; r0 += 1; goto l0; l1: r0 = 0; exit;", logLevel: 2);
        AssertAccepts(r, 17, 3, 4);
        Assert.Contains("\nfrom 1 to 2: R0=scalar() R1=ctx() R10=fp0\n", r.Log);
        Assert.Contains("SCC backedge (1)\n1: safe\nSCC exit (1)\n", r.Log);
        Assert.Equal(16, r.Stats.StackDepth);
    }

    [Fact]
    public void MayGotoLoopWithPreciseIndex()
    {
        // mg_bounded: 170 insns, 17 states, peak 17, stack depth 16 + 16.
        var r = Verify("r1 = 0; r2 = 0; *(u64 *)(r10 - 16) = r2; *(u64 *)(r10 - 8) = r2;" +
            "l0: may_goto l1; if r1 > 15 goto l1; r3 = r10; r3 += -16; r3 += r1; r2 = *(u8 *)(r3 + 0); r1 += 1; goto l0;" +
            "l1: r0 = 0; exit;");
        AssertAccepts(r, 170, 17, 17);
        Assert.Equal(32, r.Stats.StackDepth);
    }

    [Fact]
    public void NestedMayGotoLoops() =>
        AssertAccepts(Verify("r6 = 0; r7 = 0; l0: may_goto l2; r6 += 1; r7 = 0; l1: may_goto l0; r7 += 1; goto l1; l2: r0 = 0; exit;"), 34, 7, 12);

    [Fact]
    public void MayGotoLoopStillChecksBounds() =>
        AssertRejects(Verify("r1 = 0; r2 = 0; *(u64 *)(r10 - 8) = r2;" +
            "l0: may_goto l1; r3 = r10; r3 += -8; r3 += r1; r2 = *(u8 *)(r3 + 0); r1 += 1; goto l0; l1: r0 = 0; exit;"),
            "invalid read from stack R3 off=0 size=1", 82);

    [Fact]
    public void NumberIteratorLoop()
    {
        // it_sum: 48 insns, 4 states, peak 5.
        var r = Verify(IterSum, logLevel: 2);
        AssertAccepts(r, 48, 4, 5);
        Assert.Contains("call bpf_iter_num_new#", r.Log);
        Assert.Contains("; R0=scalar() fp-8=iter_num(ref_id=1,state=active,depth=0) refs=1\n", r.Log);
        Assert.Contains("; R0=0 fp-8=iter_num(ref_id=1,state=drained,depth=0) refs=1\n", r.Log);
        Assert.Contains("R0=rdonly_mem(id=2,ref_obj_id=1,sz=4)", r.Log);
        Assert.Contains("fp-8=iter_num(ref_id=1,state=active,depth=2) refs=1\n", r.Log);
        Assert.Contains("SCC backedge (1)\n", r.Log);
    }

    [Fact]
    public void IteratorLoopWithBoundedCounter() =>
        AssertAccepts(Verify(
            "r6 = 0; r7 = 0; *(u64 *)(r10 - 24) = r7; *(u64 *)(r10 - 32) = r7; r1 = r10; r1 += -8; r2 = 0; r3 = 10; call bpf_iter_num_new;" +
            "l0: r1 = r10; r1 += -8; call bpf_iter_num_next; if r0 == 0 goto l1; r6 += 1; if r6 > 15 goto l1; r1 = r10; r1 += -32; r1 += r6; r2 = *(u8 *)(r1 + 0); goto l0;" +
            "l1: r1 = r10; r1 += -8; call bpf_iter_num_destroy; r0 = 0; exit;"), 281, 19, 19);

    [Fact]
    public void IteratorElementIsFourBytes() =>
        AssertRejects(Verify("r1 = r10; r1 += -8; r2 = 0; r3 = 10; call bpf_iter_num_new;" +
            "l0: r1 = r10; r1 += -8; call bpf_iter_num_next; if r0 == 0 goto l1; r1 = *(u64 *)(r0 + 0); goto l0;" +
            "l1: r1 = r10; r1 += -8; call bpf_iter_num_destroy; r0 = 0; exit;"),
            "R0 min value is outside of the allowed memory range", 16);

    [Fact]
    public void UndestroyedIteratorLeaks() =>
        AssertRejects(Verify("r1 = r10; r1 += -8; r2 = 0; r3 = 10; call bpf_iter_num_new; r0 = 0; exit;"),
            "BPF_EXIT instruction in main prog would lead to reference leak", 7);

    [Fact]
    public void NextNeedsInitializedIterator() =>
        AssertRejects(Verify("r1 = r10; r1 += -8; call bpf_iter_num_next; r0 = 0; exit;"),
            "expected an initialized iter_num as arg #0", 3);

    [Fact]
    public void NewNeedsUninitializedSlots() =>
        AssertRejects(Verify("r1 = r10; r1 += -8; r2 = 0; r3 = 10; call bpf_iter_num_new;" +
            "r1 = r10; r1 += -8; r2 = 0; r3 = 10; call bpf_iter_num_new; r0 = 0; exit;"),
            "expected uninitialized iter_num as arg #0", 10);

    [Fact]
    public void IteratorArgumentMustNotBeNull() =>
        AssertRejects(Verify("r1 = 0; call bpf_iter_num_destroy; r0 = 0; exit;"), "Possibly NULL pointer passed to trusted arg0", 2);

    [Fact]
    public void IteratorSlotIsNotReadable() =>
        AssertRejects(Verify("r1 = r10; r1 += -8; r2 = 0; r3 = 10; call bpf_iter_num_new; r0 = *(u64 *)(r10 - 8);" +
            "r1 = r10; r1 += -8; call bpf_iter_num_destroy; r0 = 0; exit;"),
            "invalid read from stack off -8+0 size 8", 6);

    [Fact]
    public void FastcallSpillsDoNotCountTowardsStackDepth()
    {
        // cumulative_stack_depth (verifier_bpf_fastcall.c): success, 8 insns, "stack depth 512+0" — the callee's
        // spill/fill around the inlined bpf_get_smp_processor_id is removed before check_max_stack_depth.
        var r = Verify("r1 = 42; *(u64 *)(r10 - 512) = r1; call pc+1; exit; *(u64 *)(r10 - 8) = r1; call 8; r1 = *(u64 *)(r10 - 8); exit;", logLevel: 4);
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(8, r.Stats.TotalInsns);
        Assert.Contains("stack depth 512+0\n", r.Log);
    }

    [Fact]
    public void FastcallContractBrokenByHelperWrite()
    {
        // bad_helper_write: the helper writes the spill slot, the pattern stays: "stack depth 8".
        var r = Verify("r1 = 1; *(u64 *)(r10 - 8) = r1; call 8; r1 = *(u64 *)(r10 - 8); r1 = r10; r1 += -8; r2 = 1; r3 = 42; call 113; exit;", logLevel: 4);
        Assert.True(r.Accepted, r.Log);
        Assert.Contains("stack depth 8\n", r.Log);
    }

    [Fact]
    public void CssTaskIteratorOnlyInLsmIterAndSleepablePrograms()
    {
        // check_css_task_iter_allowlist; the live kernel, on the clang-built equivalent (a tc program), processes 6 insns.
        var r = TestProgram.Verify("r6 = r10; r6 += -8; r1 = r6; r2 = 0; w3 = 0; call bpf_iter_css_task_new; r0 = 0; exit;", ProgramType.SchedCls, 4, maps: []);
        Assert.Equal("css_task_iter is only allowed in bpf_lsm, bpf_iter and sleepable progs", r.ErrorLine);
        Assert.Equal(6, r.Stats.TotalInsns);
    }
}
