using Bpf.Verifier.Domain;
using Bpf.Verifier.Liveness;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// The checker's side of stack liveness (Liveness/): every stack slot the current instruction reads or fully
/// writes is reported for the slot's own frame, the 6.18 analysis is brought up to date whenever a path or a
/// function ends, and checkpoints forget their dead registers and slots once all their paths are done. With
/// --liveness legacy the 6.17 read marks decide instead; with --liveness check both run and must agree.
/// </summary>
internal sealed partial class Checker
{
    private StackLiveness? _liveness;

    private StackLiveness Live => _liveness ??= new StackLiveness(_insns, _subprogs, _aux, _log, enabled: _opt.Liveness != LivenessMode.Legacy);

    private bool LegacyMarks => _opt.Liveness != LivenessMode.New;

    /// <summary>The 6.18 analysis, for statistics (null when nothing was verified).</summary>
    public StackLiveness? StackLivenessAnalysis => _liveness;

    /// <summary>The longest walk of legacy read marks up the parent chain (the kernel's mark_read statistic).</summary>
    public int LongestMarkRead { get; private set; }

    /// <summary>Slots the 6.18 analysis found dead that legacy read marks keep alive (--liveness check).</summary>
    public List<string> LivenessViolations { get; } = [];

    /// <summary>Slots (bit spi) of call frame <paramref name="frame"/> that the current instruction may read.</summary>
    internal void MarkStackRead(int frame, ulong mask)
    {
        Live.MarkRead(_cur, frame, _insnIdx, mask);
        if (!LegacyMarks)
            return;
        var fs = _cur.Frames[frame];
        for (ulong m = mask; m != 0; m &= m - 1)
        {
            int walk = LegacyStackLiveness.MarkRead(fs, System.Numerics.BitOperations.TrailingZeroCount(m));
            if (walk > LongestMarkRead)
                LongestMarkRead = walk;
        }
    }

    /// <summary>Slots (bit spi) of call frame <paramref name="frame"/> the current instruction writes whole.</summary>
    internal void MarkStackWrite(int frame, ulong mask)
    {
        Live.MarkWrite(frame, mask);
        if (!LegacyMarks)
            return;
        var fs = _cur.Frames[frame];
        for (ulong m = mask; m != 0; m &= m - 1)
            LegacyStackLiveness.MarkWritten(fs, System.Numerics.BitOperations.TrailingZeroCount(m));
    }

    /// <summary>A new checkpoint: legacy read marks of the current state now go to it.</summary>
    private void LivenessOnCheckpoint(VerifierState checkpoint)
    {
        if (LegacyMarks)
            LegacyStackLiveness.Link(_cur, checkpoint);
    }

    /// <summary>The current state is pruned against <paramref name="old"/> (propagate_liveness).</summary>
    private void LivenessOnPruned(VerifierState old)
    {
        if (!LegacyMarks)
            return;
        int walk = LegacyStackLiveness.PropagateOnHit(old, _cur);
        if (walk > LongestMarkRead)
            LongestMarkRead = walk;
    }

    /// <summary>Slots touched by bytes [<paramref name="lo"/>, <paramref name="hi"/>) below the frame pointer.</summary>
    private static ulong SlotsOfRange(long lo, long hi)
    {
        ulong m = 0;
        for (long b = lo; b < hi; b++)
        {
            long spi = (-b - 1) / FuncState.RegSize;
            if (spi is >= 0 and < 64)
                m |= 1UL << (int)spi;
        }
        return m;
    }

    /// <summary>
    /// clean_live_states: checkpoints at this instruction and call chain whose paths are all explored lose what
    /// no continuation can read, once (later comparisons then ignore it).
    /// </summary>
    private void CleanLiveStates(int insnIdx, int bucket)
    {
        var list = _explored.At(bucket);
        if (list == null)
            return;
        var cur = _cur;
        for (int i = list.Count - 1; i >= 0; i--)
        {
            var st = list[i].State;
            if (st.Branches != 0 || st.InsnIdx != insnIdx || st.Cleaned || !SameCallsites(st, cur))
                continue;
            if (IncompleteReadMarks(st))
                continue;
            CleanVerifierState(st);
        }
    }

    private static bool SameCallsites(VerifierState a, VerifierState b)
    {
        if (a.CurFrame != b.CurFrame)
            return false;
        for (int f = a.CurFrame; f >= 0; f--)
        {
            if (a.Frames[f].CallSite != b.Frames[f].CallSite)
                return false;
        }
        return true;
    }

    /// <summary>clean_verifier_state / clean_func_state.</summary>
    private void CleanVerifierState(VerifierState st)
    {
        var mode = _opt.Liveness;
        if (mode != LivenessMode.Legacy)
            Live.QueryInit(st);
        st.Cleaned = true;
        for (int f = 0; f <= st.CurFrame; f++)
        {
            var func = st.Frames[f];
            int ip = f == st.CurFrame ? st.InsnIdx : st.Frames[f + 1].CallSite;
            ushort liveRegs = _aux[ip].LiveRegsBefore;
            for (int r = 0; r < 10; r++)
            {
                if ((liveRegs & (1 << r)) == 0)
                    func.Regs[r] = RegState.NotInit;
            }
            for (int spi = 0; spi < func.SlotCount; spi++)
            {
                bool alive = mode == LivenessMode.Legacy ? LegacyStackLiveness.IsRead(func, spi) : Live.SlotAlive(f, spi);
                if (mode == LivenessMode.Check && !alive && LegacyStackLiveness.IsRead(func, spi))
                    LivenessViolations.Add($"insn {st.InsnIdx} frame {f} fp{-(spi + 1) * 8}: dead for the 6.18 analysis, read after this state (legacy marks)");
                if (alive)
                    continue;
                func.ClearSlot(spi);
            }
        }
    }
}
