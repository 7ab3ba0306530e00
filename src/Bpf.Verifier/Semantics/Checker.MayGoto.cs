using Bpf.Isa;
using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// may_goto (BPF_JMP|BPF_JCOND): the hidden iteration budget is not modelled by values. The jump (loop exit)
/// is explored first; the fall-through is queued with one more may_goto iteration, its imprecise scalars
/// widened against the previous iteration so that the loop converges (see is_state_visited).
/// </summary>
internal sealed partial class Checker
{
    /// <summary>Extra stack the kernel's may_goto rewrite reserves per function (timed may_goto on x86-64).</summary>
    internal const int MayGotoStackExtra = 16;

    /// <summary>
    /// do_misc_fixups: every function keeping a reachable may_goto gets the counter's stack, which the kernel's
    /// "stack depth" line reports (the rewrite happens after verification, before the statistics).
    /// </summary>
    internal static void AddMayGotoStack(Instruction[] insns, InsnAux[] aux, List<SubprogInfo> subprogs)
    {
        bool[]? survives = null;
        foreach (var sp in subprogs)
        {
            for (int i = sp.Start; i < sp.End && i < insns.Length; i++)
            {
                var insn = insns[i];
                if (insn.Code == (Opcode.Jmp | Opcode.Jcond) && aux[i].Seen
                    && (survives ??= SurvivingMayGotos(insns, aux))[i])
                {
                    sp.StackDepth += MayGotoStackExtra;
                    break;
                }
            }
        }
    }

    private void CheckMayGoto(Instruction insn)
    {
        if (insn.Code != (Opcode.Jmp | Opcode.Jcond) || insn.Src != 0 || insn.Dst != 0 || insn.Imm != 0)
            Fail($"invalid may_goto imm {insn.Imm}", -22);
        // Skip the checkpoint is_state_visited has just made for this very instruction.
        var prev = _cur.Parent is { } p ? FindPrevEntry(p, _insnIdx) : null;
        var queued = PushStack(_insnIdx + 1, _insnIdx, false);
        queued.MayGotoDepth++;
        if (prev != null)
            WidenImpreciseScalars(prev, queued);
        _insnIdx += insn.Offset;
    }

    /// <summary>find_prev_entry: the nearest unfinished checkpoint at insn on cur's path (a previous loop iteration).</summary>
    private VerifierState? FindPrevEntry(VerifierState cur, int insn)
    {
        var list = _explored.At(_explored.Bucket(insn, _cur.Cur.CallSite));
        if (list == null)
            return null;
        for (int i = list.Count - 1; i >= 0; i--)
        {
            var st = list[i].State;
            if (st.InsnIdx == insn && st.Branches > 0 && SameCallsites(st, cur) && st.DfsDepth < cur.DfsDepth)
                return st;
        }
        return null;
    }

    private readonly List<(uint Old, uint Cur)> _widenIds = [];

    /// <summary>
    /// widen_imprecise_scalars: scalars that changed since the previous iteration and were not needed precise
    /// forget their value, so the next iteration can match the previous one.
    /// </summary>
    private void WidenImpreciseScalars(VerifierState old, VerifierState cur)
    {
        _widenIds.Clear();
        for (int fr = old.CurFrame; fr >= 0; fr--)
        {
            var fo = old.Frames[fr];
            var fc = cur.Frames[fr];
            for (int r = 0; r < FuncState.MaxReg; r++)
                MaybeWidenReg(fo.Regs[r], ref fc.Regs[r]);
            int slots = Math.Min(fo.SlotCount, fc.SlotCount);
            for (int s = 0; s < slots; s++)
            {
                if (fo.IsSpilledReg(s) && fc.IsSpilledReg(s))
                {
                    var spilledReg = fc.Spilled[s];
                    MaybeWidenReg(fo.Spilled[s], ref spilledReg);
                    fc.SetSpilled(s, spilledReg);
                }
            }
        }
    }

    private void MaybeWidenReg(in RegState old, ref RegState cur)
    {
        if (old.Type != RegType.Scalar || cur.Type != RegType.Scalar)
            return;
        if (old.Precise || cur.Precise || ScalarsExact(old, cur))
            return;
        MarkUnknown(ref cur);
    }

    /// <summary>regs_exact for two scalars, ids by a renaming shared across the whole widening.</summary>
    private bool ScalarsExact(in RegState a, in RegState b) =>
        a.Flags == b.Flags && a.Off == b.Off && a.Bounds.SameAs(b.Bounds) && WidenIdsMatch(a.Id, b.Id) &&
        WidenIdsMatch(a.RefObjId, b.RefObjId);

    private bool WidenIdsMatch(uint oldId, uint curId)
    {
        if (oldId == 0 || curId == 0)
            return oldId == curId;
        foreach (var (o, c) in _widenIds)
        {
            if (o == oldId)
                return c == curId;
            if (c == curId)
                return false;
        }
        _widenIds.Add((oldId, curId));
        return true;
    }
}
