using Bpf.Isa;

namespace Bpf.Verifier.Tests;

/// <summary>The structural passes (check_subprogs, resolve_pseudo_ldimm64, check_cfg) and their kernel messages.</summary>
public class StructureTests
{
    private static Instruction Mov(int dst, int imm) => new((byte)(Opcode.Alu64 | Opcode.Mov | Opcode.K), dst, 0, 0, imm);

    private static Instruction Exit => new((byte)(Opcode.Jmp | Opcode.Exit), 0, 0, 0, 0);

    private static Instruction Ja(short off) => new((byte)(Opcode.Jmp | Opcode.Ja), 0, 0, off, 0);

    [Fact]
    public void LastInsnMustBeExitOrJump()
    {
        var r = TestProgram.Verify([Mov(0, 0)]);
        Assert.Equal("last insn is not an exit or jmp", r.ErrorLine);
        Assert.Equal(0, r.Stats.TotalInsns);
    }

    [Fact]
    public void JumpOutOfRange()
    {
        var r = TestProgram.Verify([Ja(5), Exit]);
        Assert.Equal("jump out of range from insn 0 to 6", r.ErrorLine);
    }

    [Fact]
    public void UnreachableInsn()
    {
        var r = TestProgram.Verify([Mov(0, 0), Exit, Mov(0, 1), Exit]);
        Assert.Equal("unreachable insn 2", r.ErrorLine);
    }

    [Fact]
    public void UnknownOpcode()
    {
        var r = TestProgram.Verify([new Instruction(0xff, 0, 0, 0, 0), Exit]);
        Assert.Equal("unknown opcode ff", r.ErrorLine);
    }

    [Fact]
    public void TruncatedLdImm64()
    {
        // check_subprogs runs before resolve_pseudo_ldimm64: the kernel's answer for ebpf-samples invalid/invalid-lddw.o.
        var r = TestProgram.Verify([new Instruction((byte)(Opcode.Ld | Opcode.Imm | Opcode.DW), 0, 0, 0, 1)]);
        Assert.Equal("last insn is not an exit or jmp", r.ErrorLine);
    }

    [Fact]
    public void InvalidRegister()
    {
        var r = TestProgram.Verify([Mov(11, 0), Exit]);
        Assert.Equal("R11 is invalid", r.ErrorLine);
    }

    [Fact]
    public void FramePointerIsReadOnly()
    {
        var r = TestProgram.Verify("r10 = 0; r0 = 0; exit;");
        Assert.Equal("frame pointer is read only", r.ErrorLine);
    }

    [Fact]
    public void InfiniteLoopDetected()
    {
        var r = TestProgram.Verify("r0 = 0; l0: if r0 == 0 goto l0; exit;");
        Assert.False(r.Accepted);
        // The kernel follows the message with both states; its last line, the old state, is the error line.
        Assert.Contains("infinite loop detected at insn 1\ncur state:", r.Log);
        Assert.StartsWith("old state: R0=", r.ErrorLine);
    }

    [Fact]
    public void UnmodelledHelperIsRejectedAsUnsupported()
    {
        // bpf_bprm_opts_set (#159) of LSM programs is not modelled yet: never a silent accept.
        var r = TestProgram.Verify("r1 = 0; r2 = 0; call 159; r0 = 0; exit;", Bpf.Object.ProgramType.Lsm);
        Assert.False(r.Accepted);
        Assert.True(r.Unsupported, r.ErrorLine);
    }
}

/// <summary>bpf-to-bpf calls (Data/kernel_cases2.c, subprog_call: accepted, 7 insns, stack depth 0+0).</summary>
public class SubprogramTests
{
    [Fact]
    public void StaticSubprogramCall()
    {
        var r = TestProgram.Verify("r1 = *(u32 *)(r1 + 0); call add1; w0 &= 1; exit; add1: w0 = w1; w0 += 1; exit;", logLevel: 2);
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(7, r.Stats.TotalInsns);
        Assert.Contains("caller:\n R10=fp0\ncallee:\n frame1: R1=scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff)) R10=fp0\n", r.Log);
        Assert.Contains("to caller at 2:\n", r.Log);
        Assert.Contains("stack depth 0+0\n", r.Log);
    }

    [Fact]
    public void InfiniteLoopInsnCount()
    {
        // inf_loop: failure after 9 insns, 1 state.
        var r = TestProgram.Verify("r0 = 0; l0: if r0 == 0 goto l0; exit;");
        Assert.Equal(9, r.Stats.TotalInsns);
        Assert.Equal(1, r.Stats.TotalStates);
        Assert.Contains("cur state: R0=0 R1=ctx() R10=fp0\n", r.Log);
    }
}
