using Bpf.Isa;

namespace Bpf.Verifier.Passes;

/// <summary>
/// A conservative stand-in for 6.18's stack liveness: per instruction, which 8-byte slots of the current frame
/// may still be read. Only direct r10+const accesses are tracked precisely; any indirect load, atomic or call
/// makes every slot live. Used to ignore dead slots of the innermost frame when comparing states.
/// </summary>
internal static class ComputeLiveStack
{
    private const ulong All = ulong.MaxValue;

    public static void Run(PassContext ctx)
    {
        var insns = ctx.Insns;
        int n = insns.Length;
        var use = new ulong[n];
        var def = new ulong[n];
        for (int i = 0; i < n; i++)
            UseDef(insns[i], out use[i], out def[i]);
        var live = BackwardDataflow.SolveLiveBefore(insns, use, def);
        for (int i = 0; i < n; i++)
            ctx.Aux[i].LiveStackBefore = live[i];
    }

    private static ulong Slots(int off, int size)
    {
        // bytes [off, off+size) below fp; slot spi covers [-(spi+1)*8, -spi*8)
        if (off >= 0 || off < -512 || off + size > 0)
            return All;
        ulong m = 0;
        for (int b = off; b < off + size; b++)
            m |= 1UL << ((-b - 1) / 8);
        return m;
    }

    private static void UseDef(Instruction insn, out ulong use, out ulong def)
    {
        use = 0;
        def = 0;
        switch (insn.Class)
        {
            case Opcode.Ldx:
                use = insn.Src == 10 ? Slots(insn.Offset, Opcode.SizeBytes(insn.Code)) : All;
                break;
            case Opcode.St:
            case Opcode.Stx:
                if (Opcode.Mode(insn.Code) == Opcode.Atomic)
                {
                    use = All;
                }
                else if (insn.Dst == 10 && Opcode.SizeBytes(insn.Code) == 8 && insn.Offset % 8 == 0 && insn.Offset < 0 && insn.Offset >= -512)
                {
                    def = Slots(insn.Offset, 8);
                }
                break;
            case Opcode.Ld:
                if (Opcode.Mode(insn.Code) is Opcode.Abs or Opcode.Ind)
                    use = All;
                break;
            case Opcode.Jmp:
            case Opcode.Jmp32:
                if (Opcode.Op(insn.Code) == Opcode.Call)
                    use = All;
                break;
        }
    }
}
