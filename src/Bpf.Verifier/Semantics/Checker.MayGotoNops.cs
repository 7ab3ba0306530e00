using Bpf.Isa;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// Which may_goto instructions survive the privileged clean-up passes after verification
/// (opt_hard_wire_dead_code_branches, opt_remove_dead_code, opt_remove_nops): only those make do_misc_fixups reserve
/// the counter's stack. Removing a "may_goto +0" can turn the may_goto before it into another one, so a batch of
/// may_gotos that all jump to the same place disappears entirely.
/// </summary>
internal sealed partial class Checker
{
    private readonly record struct LiveInsn(int Orig, bool Ja, bool MayGoto, int Target);

    internal static bool[] SurvivingMayGotos(Instruction[] insns, InsnAux[] aux)
    {
        var live = new List<LiveInsn>();
        for (int i = 0; i < insns.Length; i++)
        {
            var insn = insns[i];
            if (!aux[i].Seen)
            {
                if (insn.IsLdImm64)
                    i++;
                continue;
            }
            live.Add(Hardwired(insns, aux, i));
            if (insn.IsLdImm64)
                live.Add(new LiveInsn(++i, false, false, -1));
        }
        for (int k = 0; k < live.Count; k++)
        {
            var e = live[k];
            if (!(e.Ja || e.MayGoto) || Offset(live, k) != 0)
                continue;
            live.RemoveAt(k);
            // Go back one to catch "may_goto +1; may_goto +0" (the kernel steps back two before its i++).
            k -= e.MayGoto && k > 0 ? 2 : 1;
        }
        var survives = new bool[insns.Length];
        foreach (var e in live)
        {
            if (e.MayGoto)
                survives[e.Orig] = true;
        }
        return survives;
    }

    /// <summary>A conditional jump with one branch never taken becomes a goto (to the taken side, or +0).</summary>
    private static LiveInsn Hardwired(Instruction[] insns, InsnAux[] aux, int i)
    {
        var insn = insns[i];
        byte cls = insn.Class, op = Opcode.Op(insn.Code);
        bool isJmp = cls is Opcode.Jmp or Opcode.Jmp32;
        if (!isJmp || op is Opcode.Call or Opcode.Exit)
            return new LiveInsn(i, false, false, -1);
        int target = cls == Opcode.Jmp32 && op == Opcode.Ja ? i + insn.Imm + 1 : i + insn.Offset + 1;
        bool plainJa = insn.Code == (Opcode.Jmp | Opcode.Ja) && insn.Dst == 0 && insn.Src == 0 && insn.Imm == 0;
        if (op == Opcode.Ja)
            return new LiveInsn(i, plainJa, false, target);
        bool fallSeen = i + 1 < aux.Length && aux[i + 1].Seen;
        bool targetSeen = target >= 0 && target < aux.Length && aux[target].Seen;
        if (!fallSeen)
            return new LiveInsn(i, true, false, target);
        if (!targetSeen)
            return new LiveInsn(i, true, false, i + 1);
        bool mayGoto = insn.Code == (Opcode.Jmp | Opcode.Jcond) && insn.Dst == 0 && insn.Src == 0 && insn.Imm == 0;
        return new LiveInsn(i, false, mayGoto, target);
    }

    /// <summary>The jump's offset in the compacted program: removed targets slide to the next live instruction.</summary>
    private static int Offset(List<LiveInsn> live, int k)
    {
        int t = live[k].Target, lo = 0, hi = live.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (live[mid].Orig < t)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo - k - 1;
    }
}
