using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// Programs of Data/kernel_cases3.c with the Linux 6.18 verdicts and statistics from veristat
/// (linked scalar ids, pkt_meta ranges, helper memory arguments, variable-offset stack reads, pruning).
/// </summary>
public class KernelCases3Tests
{
    [Fact]
    public void LinkedScalarsShareBranchRefinement()
    {
        // linked_regs: success, 12 insns, 1 state, max_states_per_insn 0 ("from 2 to 9: safe").
        var r = TestProgram.Verify("call 7; r1 = r0; if r1 > 3 goto l0; r2 = 0; *(u64 *)(r10 - 8) = r2; r3 = r10; r3 += -8; r3 += r0; r0 = *(u8 *)(r3 + 0); l0: r0 = 0; exit;", logLevel: 2);
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(12, r.Stats.TotalInsns);
        Assert.Equal(1, r.Stats.TotalStates);
        Assert.Equal(0, r.Stats.MaxStatesPerInsn);
        Assert.Contains("1: (bf) r1 = r0                       ; R0=scalar(id=1) R1=scalar(id=1)\n", r.Log);
        Assert.Contains("\nfrom 2 to 9: safe\n", r.Log);
    }

    [Fact]
    public void PacketMetaCheckedAgainstData()
    {
        // meta_ok: success, 10 insns, 1 state.
        var r = TestProgram.Verify("r2 = *(u32 *)(r1 + 8); r3 = *(u32 *)(r1 + 0); r1 = r2; r1 += 8; if r1 > r3 goto l0; r0 = *(u64 *)(r1 - 8); l0: r0 = 2; exit;", ProgramType.Xdp);
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(10, r.Stats.TotalInsns);
        Assert.Equal(1, r.Stats.TotalStates);
    }

    [Fact]
    public void TracePrintkFormatOnStack()
    {
        // printk_ok: success, 8 insns.
        var r = TestProgram.Verify("r1 = 0x0a; *(u64 *)(r10 - 8) = r1; r1 = r10; r1 += -8; r2 = 8; call 6; r0 = 0; exit;");
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(8, r.Stats.TotalInsns);
    }

    [Fact]
    public void TracePrintkNeedsGplLicense()
    {
        var r = TestProgram.Verify("r1 = 0x0a; *(u64 *)(r10 - 8) = r1; r1 = r10; r1 += -8; r2 = 8; call 6; r0 = 0; exit;", license: "Proprietary");
        Assert.Equal("cannot call GPL-restricted function from non-GPL compatible program", r.ErrorLine);
    }

    [Fact]
    public void HelperMemoryArgumentMustBePointer()
    {
        // probe_read_null: failure after 4 insns.
        var r = TestProgram.Verify("r1 = 0; r2 = 0; r3 = 0; call 113; r0 = 0; exit;");
        Assert.Equal("R1 type=scalar expected=fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_", r.ErrorLine);
        Assert.Equal(4, r.Stats.TotalInsns);
    }

    [Fact]
    public void VariableOffsetStackRead()
    {
        // stack_var_off_read: success, 11 insns.
        var r = TestProgram.Verify("r1 = 0; *(u64 *)(r10 - 16) = r1; *(u64 *)(r10 - 8) = r1; call 7; r0 &= 8; r1 = r10; r1 += -16; r1 += r0; r0 = *(u64 *)(r1 + 0); r0 = 0; exit;");
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(11, r.Stats.TotalInsns);
    }

    [Fact]
    public void TestStateFreqAddsCheckpoints()
    {
        var (obj, prog) = TestProgram.Build("r1 = 0; l0: r1 += 1; if r1 < 10 goto l0; r0 = 0; exit;");
        var normal = BpfVerifier.Verify(obj, prog, new VerifierOptions());
        var freq = BpfVerifier.Verify(obj, prog, new VerifierOptions { TestStateFreq = true });
        Assert.True(freq.Accepted);
        Assert.True(freq.Stats.TotalStates > normal.Stats.TotalStates);
    }
}
