using Bpf.Isa;

namespace Bpf.Verifier.Passes;

/// <summary>
/// The shared machinery of the liveness pre-passes: an instruction's intra-function successors (calls fall through,
/// exits have none) and the backward fixed point live_before = (live_after \ def) ∪ use over bit masks.
/// </summary>
internal static class BackwardDataflow
{
    /// <summary>Writes the successors of insn <paramref name="i"/> into <paramref name="succ"/> (length ≥ 2) and returns their count.</summary>
    public static int Successors(Instruction[] insns, int i, Span<int> succ)
    {
        var insn = insns[i];
        byte cls = insn.Class;
        if (cls is not (Opcode.Jmp or Opcode.Jmp32))
        {
            succ[0] = i + (insn.IsLdImm64 ? 2 : 1);
            return 1;
        }
        switch (Opcode.Op(insn.Code))
        {
            case Opcode.Exit:
                return 0;
            case Opcode.Call:
                succ[0] = i + 1;
                return 1;
            case Opcode.Ja:
                succ[0] = i + (cls == Opcode.Jmp32 ? insn.Imm : insn.Offset) + 1;
                return 1;
            default:
                succ[0] = i + 1;
                succ[1] = i + insn.Offset + 1;
                return 2;
        }
    }

    /// <summary>Iterates live_before to a fixed point (successors out of range contribute nothing).</summary>
    public static ulong[] SolveLiveBefore(Instruction[] insns, ulong[] use, ulong[] def)
    {
        int n = insns.Length;
        var live = new ulong[n];
        Span<int> succ = stackalloc int[2];
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int i = n - 1; i >= 0; i--)
            {
                ulong outSet = 0;
                int cnt = Successors(insns, i, succ);
                for (int s = 0; s < cnt; s++)
                {
                    if ((uint)succ[s] < (uint)n)
                        outSet |= live[succ[s]];
                }
                ulong inSet = (outSet & ~def[i]) | use[i];
                if (inSet != live[i])
                {
                    live[i] = inSet;
                    changed = true;
                }
            }
        }
        return live;
    }
}
