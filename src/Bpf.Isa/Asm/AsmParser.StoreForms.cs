namespace Bpf.Isa;

/// <summary>Plain stores: <c>*(u64 *)(r10 -8) = r1</c> and <c>*(u32 *)(r10 -8) = 5</c>.</summary>
internal sealed partial class AsmParser
{
    /// <summary><c>*(u64 *)(r10 -8) = r1</c> (STX) or <c>*(u32 *)(r10 - 8) = 5</c> (ST).</summary>
    private void ParseStore()
    {
        Expect("*");
        int size = ParseUnsignedTypeCast();
        var (reg, off) = ParseMemOperand();
        Expect("=");
        if (IsReg(Peek, out _, out _))
        {
            int src = ExpectAnyReg();
            _b.Emit(new Instruction((byte)(Opcode.Stx | Opcode.Mem | size), reg, src, off, 0));
        }
        else
        {
            _b.Emit(new Instruction((byte)(Opcode.St | Opcode.Mem | size), reg, 0, off, ParseImm32()));
        }
    }
}
