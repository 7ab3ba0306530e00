using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// SCC visits (maybe_enter_scc / maybe_exit_scc / add_scc_backedge): the first checkpoint created inside a loop,
/// per call chain, is the loop's entry state until every path from it is explored. A loop state that prunes
/// against a checkpoint of its own unfinished loop leaves a back-edge (a copy of the pruned state); when the
/// SCC is left, precision is pushed along all back-edges until nothing changes, since marks inside an
/// unfinished loop are incomplete.
/// </summary>
internal sealed partial class Checker
{
    private const int MaxBackedgeIters = 64;

    private sealed class SccVisit
    {
        public VerifierState? Entry;
        /// <summary>Back-edges, newest first (the kernel pushes to the list head).</summary>
        public readonly List<(VerifierState State, VerifierState EqualState)> Backedges = [];
    }

    private readonly Dictionary<string, SccVisit> _sccVisits = [];

    /// <summary>compute_scc_callchain + format_callchain: "(callsite,...,scc)", or null outside loops.</summary>
    private string? SccCallchain(VerifierState st)
    {
        // Most states are outside loops: find out without building the key.
        bool inScc = false;
        for (int i = 0; i <= st.CurFrame && !inScc; i++)
            inScc = _aux[i == st.CurFrame ? st.InsnIdx : st.Frames[i + 1].CallSite].Scc != 0;
        if (!inScc)
            return null;
        var sb = new System.Text.StringBuilder("(");
        for (int i = 0; i <= st.CurFrame; i++)
        {
            int insn = i == st.CurFrame ? st.InsnIdx : st.Frames[i + 1].CallSite;
            int scc = _aux[insn].Scc;
            if (scc != 0)
                return sb.Append(scc).Append(')').ToString();
            if (i == st.CurFrame)
                return null;
            if (insn != 0)
                sb.Append(insn).Append(',');
        }
        return null;
    }

    private void MaybeEnterScc(VerifierState st)
    {
        if (SccCallchain(st) is not { } chain)
            return;
        if (!_sccVisits.TryGetValue(chain, out var visit))
            _sccVisits[chain] = visit = new SccVisit();
        if (visit.Entry != null)
            return;
        visit.Entry = st;
        if (_log.Level2)
            _log.Write($"SCC enter {chain}\n");
    }

    private void MaybeExitScc(VerifierState st)
    {
        if (_sccVisits.Count == 0 || SccCallchain(st) is not { } chain)
            return;
        if (!_sccVisits.TryGetValue(chain, out var visit) || visit.Entry != st)
            return;
        if (_log.Level2)
            _log.Write($"SCC exit {chain}\n");
        visit.Entry = null;
        _explored.AddBackedges(-visit.Backedges.Count);
        PropagateBackedges(visit);
    }

    /// <summary>add_scc_backedge: remember cur (pruned at a loop checkpoint) until the loop is fully explored.</summary>
    private void AddSccBackedge(VerifierState equal, VerifierState cur, int insnIdx)
    {
        string? chain = SccCallchain(equal);
        SccVisit? visit = null;
        if (chain == null || !_sccVisits.TryGetValue(chain, out visit))
            Unsupported($"SCC back-edge outside a visited SCC at insn {insnIdx}");
        var copy = cur.Clone();
        copy.FrozenHist = FreezeHist(cur);
        copy.InsnIdx = insnIdx;
        if (_log.Level2)
            _log.Write($"SCC backedge {chain}\n");
        visit.Backedges.Insert(0, (copy, equal));
        _explored.AddBackedges(1);
    }

    /// <summary>incomplete_read_marks: a checkpoint in an SCC that still has back-edges pending.</summary>
    private bool IncompleteReadMarks(VerifierState st)
    {
        if (_sccVisits.Count == 0 || SccCallchain(st) is not { } chain)
            return false;
        return _sccVisits.TryGetValue(chain, out var visit) && visit.Backedges.Count > 0;
    }

    /// <summary>propagate_backedges: precision from each back-edge's equal state into its parents, to a fixed point.</summary>
    private void PropagateBackedges(SccVisit visit)
    {
        int iter = 0;
        bool changed;
        do
        {
            if (iter++ > MaxBackedgeIters)
            {
                if (_log.Level2)
                    _log.Write("propagate_backedges: too many iterations\n");
                foreach (var (state, _) in visit.Backedges)
                    MarkAllScalarsPrecise(state);
                break;
            }
            changed = false;
            foreach (var (state, equal) in visit.Backedges)
            {
                _precisionChanged = false;
                PropagatePrecision(equal, state);
                changed |= _precisionChanged;
            }
        }
        while (changed);
        visit.Backedges.Clear();
    }
}
