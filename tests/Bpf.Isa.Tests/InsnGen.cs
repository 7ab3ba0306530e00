namespace Bpf.Isa.Tests;

/// <summary>Generates valid, canonically encoded instructions (unused fields zero) of every kind.</summary>
internal static class InsnGen
{
    private static readonly int[] AluOps =
        [Opcode.Add, Opcode.Sub, Opcode.Mul, Opcode.Div, Opcode.Or, Opcode.And, Opcode.Lsh, Opcode.Rsh, Opcode.Mod, Opcode.Xor, Opcode.Mov, Opcode.Arsh];

    private static readonly int[] JmpOps =
        [Opcode.Jeq, Opcode.Jgt, Opcode.Jge, Opcode.Jset, Opcode.Jne, Opcode.Jsgt, Opcode.Jsge, Opcode.Jlt, Opcode.Jle, Opcode.Jslt, Opcode.Jsle];

    private static readonly int[] Sizes = [Opcode.W, Opcode.H, Opcode.B, Opcode.DW];

    private static readonly int[] AtomicImms =
    [
        AtomicOp.Add, AtomicOp.And, AtomicOp.Or, AtomicOp.Xor,
        AtomicOp.Add | AtomicOp.Fetch, AtomicOp.And | AtomicOp.Fetch, AtomicOp.Or | AtomicOp.Fetch, AtomicOp.Xor | AtomicOp.Fetch,
        AtomicOp.Xchg, AtomicOp.Cmpxchg,
    ];

    /// <summary>One program (1 or 2 slots) of a random kind.</summary>
    public static Instruction[] Next(Random rng)
    {
        int dst = rng.Next(11), src = rng.Next(11);
        short off = (short)rng.Next(short.MinValue, short.MaxValue + 1);
        int imm = rng.Next(5) == 0 ? rng.Next(-20, 20) : rng.Next(int.MinValue, int.MaxValue);
        byte cls;
        switch (rng.Next(16))
        {
            case 0:
            case 1:
                {
                    cls = rng.Next(2) == 0 ? Opcode.Alu : Opcode.Alu64;
                    int op = AluOps[rng.Next(AluOps.Length)];
                    short aluOff = (short)((op is Opcode.Div or Opcode.Mod) && rng.Next(2) == 0 ? 1 : 0);
                    return rng.Next(2) == 0
                        ? [new((byte)(cls | op | Opcode.K), dst, 0, aluOff, imm)]
                        : [new((byte)(cls | op | Opcode.X), dst, src, op == Opcode.Mov ? MovOff(rng) : aluOff, 0)];
                }

            case 2:
                cls = rng.Next(2) == 0 ? Opcode.Alu : Opcode.Alu64;
                return [new((byte)(cls | Opcode.Neg), dst, 0, 0, 0)];
            case 3:
                {
                    int bits = 16 << rng.Next(3);
                    return rng.Next(3) switch
                    {
                        0 => [new(Opcode.Alu64 | Opcode.End, dst, 0, 0, bits)],
                        1 => [new(Opcode.Alu | Opcode.End | Opcode.ToLe, dst, 0, 0, bits)],
                        _ => [new(Opcode.Alu | Opcode.End | Opcode.ToBe, dst, 0, 0, bits)],
                    };
                }

            case 4:
                return rng.Next(2) == 0
                    ? [new(Opcode.Alu64 | Opcode.Mov | Opcode.X, dst, src, 1, rng.Next(2) << 16 | rng.Next(2))]
                    : [new(Opcode.Alu64 | Opcode.Mov | Opcode.X, dst, src, -1, 0)];
            case 5:
                {
                    int size = Sizes[rng.Next(4)];
                    bool sx = size != Opcode.DW && rng.Next(2) == 0;
                    return [new((byte)(Opcode.Ldx | (sx ? Opcode.MemSx : Opcode.Mem) | size), dst, src, off, 0)];
                }

            case 6:
                return [new((byte)(Opcode.St | Opcode.Mem | Sizes[rng.Next(4)]), dst, 0, off, imm)];
            case 7:
                return [new((byte)(Opcode.Stx | Opcode.Mem | Sizes[rng.Next(4)]), dst, src, off, 0)];
            case 8:
                {
                    int size = rng.Next(2) == 0 ? Opcode.W : Opcode.DW;
                    int aimm = AtomicImms[rng.Next(AtomicImms.Length)];
                    return [new((byte)(Opcode.Stx | Opcode.Atomic | size), dst, src, off, aimm)];
                }

            case 9:
                return [new((byte)(Opcode.Stx | Opcode.Atomic | Sizes[rng.Next(4)]), dst, src, off,
                    rng.Next(2) == 0 ? AtomicOp.LoadAcq : AtomicOp.StoreRel)];
            case 10:
                {
                    int size = Sizes[rng.Next(3)];
                    return rng.Next(2) == 0
                        ? [new((byte)(Opcode.Ld | Opcode.Abs | size), 0, 0, 0, imm)]
                        : [new((byte)(Opcode.Ld | Opcode.Ind | size), 0, src, 0, imm)];
                }

            case 11:
                return [new(Opcode.Ld | Opcode.Imm | Opcode.DW, dst, 0, 0, imm), new(0, 0, 0, 0, rng.Next(int.MinValue, int.MaxValue))];
            case 12:
            case 13:
                {
                    cls = rng.Next(2) == 0 ? Opcode.Jmp : Opcode.Jmp32;
                    int op = JmpOps[rng.Next(JmpOps.Length)];
                    return rng.Next(2) == 0
                        ? [new((byte)(cls | op | Opcode.K), dst, 0, off, imm)]
                        : [new((byte)(cls | op | Opcode.X), dst, src, off, 0)];
                }

            case 14:
                return rng.Next(4) switch
                {
                    0 => [new(Opcode.Jmp | Opcode.Ja, 0, 0, off, 0)],
                    1 => [new(Opcode.Jmp32 | Opcode.Ja, 0, 0, 0, imm)],
                    2 => [new(Opcode.Jmp | Opcode.Jcond, 0, 0, off, 0)],
                    _ => [new(Opcode.Jmp | Opcode.Exit, 0, 0, 0, 0)],
                };
            default:
                return rng.Next(4) switch
                {
                    0 => [new(Opcode.Jmp | Opcode.Call, 0, 0, 0, rng.Next(HelperNames.Count))],
                    1 => [new(Opcode.Jmp | Opcode.Call, 0, 0, 0, rng.Next(HelperNames.Count, int.MaxValue))],
                    2 => [new(Opcode.Jmp | Opcode.Call, 0, Pseudo.Call, 0, imm)],
                    _ => [new(Opcode.Jmp | Opcode.Call, 0, Pseudo.KfuncCall, 0, imm)],
                };
        }
    }

    private static short MovOff(Random rng) => rng.Next(4) switch
    {
        0 => 8,
        1 => 16,
        2 => 32,
        _ => 0,
    };
}
