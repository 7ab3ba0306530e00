using Bpf.Isa;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Passes;

/// <summary>
/// A conservative stand-in for 6.18's stack liveness: per instruction, which 8-byte slots of the current frame
/// may still be read. Accesses through registers known to hold fp+K (StackPointerFacts) are tracked by slot;
/// helpers read only their memory arguments (from the pointer up to fp when the size is not known here);
/// an access through a register that may point anywhere into the frame, kfunc and subprogram calls, and
/// LD_ABS/IND make every slot live. Used to ignore dead slots of the innermost frame when comparing states.
/// </summary>
internal static class ComputeLiveStack
{
    private const ulong All = ulong.MaxValue;

    public static void Run(PassContext ctx)
    {
        var insns = ctx.Insns;
        int n = insns.Length;
        var entries = new List<int> { 0 };
        foreach (var sp in ctx.Subprogs)
            entries.Add(sp.Start);
        var facts = StackPointerFacts.Run(insns, entries);
        var use = new ulong[n];
        var def = new ulong[n];
        for (int i = 0; i < n; i++)
            UseDef(insns[i], facts[i], ctx.Prog.Type, out use[i], out def[i]);
        var live = BackwardDataflow.SolveLiveBefore(insns, use, def);
        for (int i = 0; i < n; i++)
            ctx.Aux[i].LiveStackBefore = live[i];
    }

    private static ulong Slots(long off, int size)
    {
        // bytes [off, off+size) below fp; slot spi covers [-(spi+1)*8, -spi*8)
        if (off >= 0 || off < -512 || off + size > 0 || size <= 0)
            return All;
        ulong m = 0;
        for (long b = off; b < off + size; b++)
            m |= 1UL << (int)((-b - 1) / 8);
        return m;
    }

    /// <summary>Slots read through register <paramref name="reg"/> + off (size bytes), given the facts before the insn.</summary>
    private static ulong ReadVia(long[]? facts, int reg, int off, int size)
    {
        if (facts == null || reg > 10)
            return All;
        long v = facts[reg];
        if (v == StackPointerFacts.NotStack)
            return 0;
        if (v == StackPointerFacts.Unknown)
            return All;
        return Slots(v + off, size);
    }

    private static void UseDef(Instruction insn, long[]? facts, Bpf.Object.ProgramType type, out ulong use, out ulong def)
    {
        use = 0;
        def = 0;
        if (facts == null)
            return; // unreachable
        switch (insn.Class)
        {
            case Opcode.Ldx:
                use = ReadVia(facts, insn.Src, insn.Offset, Opcode.SizeBytes(insn.Code));
                break;
            case Opcode.St:
            case Opcode.Stx:
                if (Opcode.Mode(insn.Code) == Opcode.Atomic)
                {
                    int addr = insn.Imm == AtomicOp.LoadAcq ? insn.Src : insn.Dst;
                    use = ReadVia(facts, addr, insn.Offset, Opcode.SizeBytes(insn.Code));
                }
                else if (Opcode.SizeBytes(insn.Code) == 8 && insn.Dst <= 10 && facts[insn.Dst] is long k &&
                    k != StackPointerFacts.NotStack && k != StackPointerFacts.Unknown && (k + insn.Offset) % 8 == 0 &&
                    k + insn.Offset < 0 && k + insn.Offset >= -512)
                {
                    def = Slots(k + insn.Offset, 8);
                }
                break;
            case Opcode.Ld:
                if (Opcode.Mode(insn.Code) is Opcode.Abs or Opcode.Ind)
                    use = All;
                break;
            case Opcode.Jmp:
            case Opcode.Jmp32:
                if (Opcode.Op(insn.Code) == Opcode.Call)
                    use = insn.IsHelperCall ? HelperReads(insn.Imm, facts, type) : All;
                break;
        }
    }

    /// <summary>The slots a helper may read: those behind its memory arguments.</summary>
    private static ulong HelperReads(int id, long[] facts, Bpf.Object.ProgramType type)
    {
        var proto = HelperTable.Find(id, type);
        if (proto == null)
            return All;
        ulong use = 0;
        for (int a = 0; a < proto.Args.Length && a < 5; a++)
        {
            switch (proto.Args[a])
            {
                case ArgKind.PtrToMapKey:
                case ArgKind.PtrToMapValue:
                case ArgKind.PtrToMemRdonly:
                case ArgKind.PtrToMemRdonlyOrNull:
                case ArgKind.PtrToMemWrite:
                    {
                        long v = facts[a + 1];
                        if (v == StackPointerFacts.NotStack)
                            break;
                        if (v == StackPointerFacts.Unknown || v >= 0 || v < -512)
                            return All;
                        use |= Slots(v, (int)-v);
                        break;
                    }
                case ArgKind.Anything:
                case ArgKind.DontCare:
                case ArgKind.ConstMapPtr:
                case ArgKind.ConstSize:
                case ArgKind.ConstSizeOrZero:
                case ArgKind.ConstAllocSizeOrZero:
                case ArgKind.PtrToCtx:
                case ArgKind.PtrToCtxOrNull:
                case ArgKind.PtrToUninitMem:
                case ArgKind.PtrToFixedUninitMem:
                case ArgKind.PtrToUninitMapValue:
                    break;
                default:
                    return All;
            }
        }
        return use;
    }
}
