using Bpf.Verifier.Domain;
using Bpf.Verifier.Liveness;

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
        /// <summary>Back-edges, oldest first; walked newest first (the kernel pushes to the list head).</summary>
        public readonly List<(VerifierState State, VerifierState EqualState)> Backedges = [];
    }

    /// <summary>Keyed by call chain (compute_scc_callchain): the call sites down to the first frame inside an SCC, then the SCC.</summary>
    private readonly Dictionary<CallChain.Key, SccVisit> _sccVisits = [];

    /// <summary>The call chain of <paramref name="st"/>, false outside loops.</summary>
    private bool SccCallchain(VerifierState st, out CallChain.Key key)
    {
        key = default;
        Span<int> chain = stackalloc int[VerifierState.MaxCallFrames];
        int n = 0;
        for (int i = 0; i <= st.CurFrame; i++)
        {
            int insn = i == st.CurFrame ? st.InsnIdx : st.Frames[i + 1].CallSite;
            int scc = _aux[insn].Scc;
            if (scc != 0)
            {
                chain[n++] = scc;
                key = CallChain.Pack(chain[..n]);
                return true;
            }
            if (insn != 0)
                chain[n++] = insn;
        }
        return false;
    }

    /// <summary>format_callchain: "(callsite,...,scc)" for the log.</summary>
    private string SccCallchainText(VerifierState st)
    {
        var sb = new System.Text.StringBuilder("(");
        for (int i = 0; i <= st.CurFrame; i++)
        {
            int insn = i == st.CurFrame ? st.InsnIdx : st.Frames[i + 1].CallSite;
            int scc = _aux[insn].Scc;
            if (scc != 0)
                return sb.Append(scc).Append(')').ToString();
            if (insn != 0)
                sb.Append(insn).Append(',');
        }
        return "";
    }

    private void MaybeEnterScc(VerifierState st)
    {
        if (!SccCallchain(st, out var chain))
            return;
        if (!_sccVisits.TryGetValue(chain, out var visit))
            _sccVisits[chain] = visit = new SccVisit();
        if (visit.Entry != null)
            return;
        visit.Entry = st;
        if (_log.Level2)
            _log.Write($"SCC enter {SccCallchainText(st)}\n");
    }

    private void MaybeExitScc(VerifierState st)
    {
        if (_sccVisits.Count == 0 || !SccCallchain(st, out var chain))
            return;
        if (!_sccVisits.TryGetValue(chain, out var visit) || visit.Entry != st)
            return;
        if (_log.Level2)
            _log.Write($"SCC exit {SccCallchainText(st)}\n");
        visit.Entry = null;
        _explored.AddBackedges(-visit.Backedges.Count);
        PropagateBackedges(visit);
    }

    /// <summary>add_scc_backedge: remember cur (pruned at a loop checkpoint) until the loop is fully explored.</summary>
    private void AddSccBackedge(VerifierState equal, VerifierState cur, int insnIdx)
    {
        SccVisit? visit = null;
        if (!SccCallchain(equal, out var chain) || !_sccVisits.TryGetValue(chain, out visit))
            Unsupported($"SCC back-edge outside a visited SCC at insn {insnIdx}");
        var copy = cur.Clone();
        copy.FrozenHist = FreezeHist(cur);
        copy.InsnIdx = insnIdx;
        if (_log.Level2)
            _log.Write($"SCC backedge {SccCallchainText(equal)}\n");
        visit.Backedges.Add((copy, equal));
        _explored.AddBackedges(1);
    }

    /// <summary>incomplete_read_marks: a checkpoint in an SCC that still has back-edges pending.</summary>
    private bool IncompleteReadMarks(VerifierState st)
    {
        if (_sccVisits.Count == 0 || !SccCallchain(st, out var chain))
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
                for (int i = visit.Backedges.Count - 1; i >= 0; i--)
                    MarkAllScalarsPrecise(visit.Backedges[i].State);
                break;
            }
            changed = false;
            for (int i = visit.Backedges.Count - 1; i >= 0; i--)
            {
                var (state, equal) = visit.Backedges[i];
                _precisionChanged = false;
                PropagatePrecision(equal, state);
                changed |= _precisionChanged;
            }
        }
        while (changed);
        visit.Backedges.Clear();
    }
}
