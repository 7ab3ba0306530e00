using Bpf.Verifier.Log;
using Bpf.Verifier.Pruning;

namespace Bpf.Verifier.Semantics;

/// <summary>is_state_visited: prune against checkpoints, detect infinite loops, add new checkpoints.</summary>
internal sealed partial class Checker
{
    private bool IsStateVisited(int insnIdx)
    {
        var cur = _cur;
        bool force = _opt.TestStateFreq || _aux[insnIdx].ForceCheckpoint || cur.JmpHistory.Count > 40;
        bool addNew = force;
        if (JmpsProcessed - PrevJmpsProcessed >= 2 && InsnProcessed - PrevInsnProcessed >= 8)
            addNew = true;

        var list = _explored.At(insnIdx);
        int n = 0;
        if (list != null)
        {
            for (int i = 0; i < list.Count; i++)
            {
                var sl = list[i];
                n++;
                if (sl.State.Branches > 0)
                {
                    // Still being explored: we are in a loop back to this checkpoint.
                    if (StateEquivalence.Subsumes(sl.State, cur, exact: true))
                    {
                        _lines.Print(_log, insnIdx, "; ");
                        _log.Write($"infinite loop detected at insn {insnIdx}\n");
                        _log.Write("cur state:");
                        _printer.AppendFrame(_log.Builder, cur, cur.Cur, null);
                        _log.Write("old state:");
                        _printer.AppendFrame(_log.Builder, sl.State, sl.State.Frames[cur.CurFrame], null);
                        throw new VerifierException($"infinite loop detected at insn {insnIdx}", -22);
                    }
                    if (!force && JmpsProcessed - PrevJmpsProcessed < 20 && InsnProcessed - PrevInsnProcessed < 100)
                        addNew = false;
                    sl.MissCount++;
                    continue;
                }
                if (StateEquivalence.Subsumes(sl.State, cur, exact: false, _aux[insnIdx].LiveRegsBefore, _aux[insnIdx].LiveStackBefore))
                {
                    sl.HitCount++;
                    return true;
                }
                sl.MissCount++;
                // Heuristic eviction of checkpoints that keep missing (as the kernel does).
                if (sl.MissCount > sl.HitCount * 3 + 3 && sl.State.Branches == 0)
                {
                    _explored.RemoveAt(insnIdx, i);
                    i--;
                }
            }
        }
        if (n > _explored.MaxStatesPerInsn)
            _explored.MaxStatesPerInsn = n;
        if (!addNew)
            return false;

        PrevInsnProcessed = InsnProcessed;
        PrevJmpsProcessed = JmpsProcessed;
        var checkpoint = cur.Clone();
        checkpoint.InsnIdx = insnIdx;
        checkpoint.Branches = 1;
        checkpoint.JmpHistory = [];
        _explored.Add(insnIdx, checkpoint);
        cur.Parent = checkpoint;
        cur.FirstInsnIdx = insnIdx;
        cur.JmpHistory.Clear();
        return false;
    }
}
