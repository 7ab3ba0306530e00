namespace Bpf.Verifier.Tests;

/// <summary>Log text compared with the 6.18 kernel's output for the same programs (veristat -vl1 / -vl2).</summary>
public class LogFormatTests
{
    [Fact]
    public void Level1RejectionLog()
    {
        // veristat -vl1 -f map_ptr_add_reg_one kernel_cases.o (map address differs: kernel pointer).
        var r = TestProgram.Verify("r1 = %[m_array] ll; r2 = 1; r1 += r2; r0 = 0; exit;");
        string expected =
            "0: R1=ctx() R10=fp0\n" +
            "0: (18) r1 = 0xffff888100000000       ; R1=map_ptr(map=m_array,ks=4,vs=8)\n" +
            "2: (b7) r2 = 1                        ; R2=1\n" +
            "3: (0f) r1 += r2\n" +
            "R1 pointer arithmetic on map_ptr prohibited\n";
        Assert.StartsWith(expected, r.Log);
        Assert.EndsWith("stack depth 0\nprocessed 3 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n", r.Log);
    }

    [Fact]
    public void StackDepthLeavesOutFunctionsNeverReached()
    {
        // The kernel removes an accepted program's dead code before its statistics (opt_remove_dead_code): a function
        // whose instructions were never reached is not in the "stack depth" line (test_xdp_noinline lists 17 of 20;
        // checked on the live kernel with the same code as a clang object: "stack depth 0").
        var r = TestProgram.Verify("r0 = 0; if r0 == 0 goto pc+1; call pc+2; r0 = 0; exit; r1 = 0; *(u64 *)(r10 - 8) = r1; exit;");
        Assert.True(r.Accepted, r.ErrorLine);
        Assert.Contains("stack depth 0\n", r.Log);
    }

    [Fact]
    public void Level1AcceptedLogHasOnlyStatistics()
    {
        var r = TestProgram.Verify("r0 = 0; exit;");
        Assert.True(r.Accepted);
        Assert.StartsWith("verification time ", r.Log);
        Assert.EndsWith("stack depth 0\nprocessed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n", r.Log);
    }

    [Fact]
    public void Level2StateLinesAndStackSlots()
    {
        // veristat -vl2 -f map_key_on_stack_bad: partial zero spill shows as fp-8=0000????
        var r = TestProgram.Verify("r2 = r10; r2 += -4; r1 = %[m_hash] ll; r3 = 0; *(u32 *)(r10 - 4) = r3; call 1; r0 = 0; exit;", logLevel: 2);
        Assert.Contains("Live regs before insn:\n      0: .......... (bf) r2 = r10\n", r.Log);
        Assert.Contains("0: (bf) r2 = r10                      ; R2=fp0 R10=fp0\n", r.Log);
        Assert.Contains("1: (07) r2 += -4                      ; R2=fp-4\n", r.Log);
        // The zero store is not a spill: r3 must be precise (mark_precise lines), then the state on its own line.
        Assert.Contains("5: (63) *(u32 *)(r10 -4) = r3\nmark_precise: frame0: last_idx 5 first_idx 0 subseq_idx -1 \n" +
            "mark_precise: frame0: regs=r3 stack= before 4: (b7) r3 = 0\n6: R3=0 R10=fp0 fp-8=0000????\n", r.Log);
    }

    [Fact]
    public void PacketPointerStates()
    {
        // veristat -vl2 -f xdp_pkt_oob
        var r = TestProgram.Verify("r2 = *(u32 *)(r1 + 0); r3 = *(u32 *)(r1 + 4); r4 = r2; r4 += 14; if r4 > r3 goto l0; r0 = *(u8 *)(r2 + 14); l0: r0 = 2; exit;", Bpf.Object.ProgramType.Xdp);
        Assert.Contains("0: (61) r2 = *(u32 *)(r1 +0)          ; R1=ctx() R2=pkt(r=0)\n", r.Log);
        Assert.Contains("3: (07) r4 += 14                      ; R4=pkt(off=14,r=0)\n", r.Log);
        Assert.Contains("4: (2d) if r4 > r3 goto pc+1          ; R3=pkt_end() R4=pkt(off=14,r=14)\n", r.Log);
    }
}
