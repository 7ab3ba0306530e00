using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// SCC visits (maybe_enter_scc / maybe_exit_scc): the first checkpoint created inside a loop, per call chain,
/// is the loop's entry state until every path from it is explored. Only the level-2 log lines are modelled;
/// backedge bookkeeping matters for iterator and may_goto loops, which are not supported.
/// </summary>
internal sealed partial class Checker
{
    private readonly Dictionary<string, VerifierState?> _sccVisits = [];

    /// <summary>compute_scc_callchain + format_callchain: "(callsite,...,scc)", or null outside loops.</summary>
    private string? SccCallchain(VerifierState st)
    {
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
        if (_sccVisits.TryGetValue(chain, out var entry) && entry != null)
            return;
        _sccVisits[chain] = st;
        if (_log.Level2)
            _log.Write($"SCC enter {chain}\n");
    }

    private void MaybeExitScc(VerifierState st)
    {
        if (_sccVisits.Count == 0 || SccCallchain(st) is not { } chain)
            return;
        if (!_sccVisits.TryGetValue(chain, out var entry) || entry != st)
            return;
        if (_log.Level2)
            _log.Write($"SCC exit {chain}\n");
        _sccVisits[chain] = null;
    }
}
