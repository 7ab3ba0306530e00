using Bpf.Verifier.Domain;
using Bpf.Verifier.Pruning;

namespace Bpf.Verifier.Semantics;

/// <summary>is_state_visited: prune against checkpoints, detect infinite loops, add new checkpoints.</summary>
internal sealed partial class Checker
{
    private readonly StateEquivalence _equiv = new() { AddConstMask = ScalarOps.IdAddConst };
    private Func<int, ushort>? _liveRegsAt;

    private ushort LiveRegsAt(int insn) => _aux[insn].LiveRegsBefore;

    private bool StatesEqual(VerifierState old, VerifierState cur, ExactLevel exact, int insnIdx) =>
        _equiv.Equal(old, cur, exact, _liveRegsAt ??= LiveRegsAt);

    private bool IsStateVisited(int insnIdx)
    {
        var cur = _cur;
        bool forceCheckpoint = _aux[insnIdx].ForceCheckpoint;
        // Long histories are cut by a checkpoint so backtracking stays cheap.
        bool force = _opt.TestStateFreq || forceCheckpoint || cur.HistLength > 40;
        bool addNew = force;
        if (JmpsProcessed - PrevJmpsProcessed >= 2 && InsnProcessed - PrevInsnProcessed >= 8)
            addNew = true;

        int bucket = _explored.Bucket(insnIdx, cur.Cur.CallSite);
        CleanLiveStates(insnIdx, bucket);
        var list = _explored.At(bucket);
        int statesCnt = 0;
        if (list != null)
        {
            // Newest first, as the kernel adds to the head of the bucket.
            for (int i = list.Count - 1; i >= 0; i--)
            {
                var sl = list[i];
                statesCnt++;
                if (sl.State.InsnIdx != insnIdx)
                    continue;
                bool loop = false, hit = false;
                if (sl.State.Branches > 0)
                {
                    // Still being explored: we are in a loop back to this checkpoint, unless this is another entry
                    // into the same async callback (one that re-arms itself), which is neither a loop nor safe yet.
                    var oldFrame = sl.State.Frames[sl.State.CurFrame];
                    bool asyncReentry = oldFrame.InAsyncCallbackFn && oldFrame.AsyncEntryCnt != cur.Cur.AsyncEntryCnt;
                    bool skipInfLoop = false;
                    if (!asyncReentry && LoopCheckpointHit(sl.State, cur, insnIdx, out skipInfLoop))
                    {
                        // A converged callback call is a plain hit: the call is in no SCC, no back-edge is kept.
                        loop = !_aux[insnIdx].CallsCallback;
                        hit = true;
                    }
                    else if (!asyncReentry && !skipInfLoop && StatesMaybeLooping(sl.State, cur) &&
                        StatesEqual(sl.State, cur, ExactLevel.Exact, insnIdx) && !IterActiveDepthsDiffer(sl.State, cur) &&
                        sl.State.MayGotoDepth == cur.MayGotoDepth && sl.State.CallbackUnrollDepth == cur.CallbackUnrollDepth)
                    {
                        _lines.Print(_log, insnIdx, "; ");
                        _log.Write($"infinite loop detected at insn {insnIdx}\n");
                        _log.Write("cur state:");
                        _printer.AppendFrame(_log.Builder, cur, cur.Cur, null);
                        var old = new System.Text.StringBuilder("old state:");
                        _printer.AppendFrame(old, sl.State, sl.State.Frames[cur.CurFrame], null);
                        _log.Write(old.ToString());
                        // The error line is the log's last line, as the kernel leaves it: the old state.
                        throw new VerifierException(old.ToString().TrimEnd('\n'), -22);
                    }
                    // Different loop iterations rarely help pruning: add checkpoints sparingly inside loops.
                    if (!hit && !force && JmpsProcessed - PrevJmpsProcessed < 20 && InsnProcessed - PrevInsnProcessed < 100)
                        addNew = false;
                }
                else
                {
                    // Marks of a checkpoint inside a loop with pending back-edges are incomplete: compare by range.
                    loop = IncompleteReadMarks(sl.State);
                    hit = StatesEqual(sl.State, cur, loop ? ExactLevel.RangeWithin : ExactLevel.NotExact, insnIdx);
                }
                if (hit)
                {
                    sl.HitCount++;
                    if (_aux[insnIdx].JmpPoint)
                        PushHistory(HistFlags.None, 0, 0, 0);
                    LivenessOnPruned(sl.State);
                    PropagatePrecision(sl.State, cur);
                    if (loop)
                        AddSccBackedge(sl.State, cur, insnIdx);
                    return true;
                }
                // Misses only count when a new state would be added, so loop iterations do not evict early ones.
                if (addNew)
                    sl.MissCount++;
                int n = forceCheckpoint && sl.State.Branches > 0 ? 64 : 3;
                if (sl.MissCount > sl.HitCount * n + n)
                {
                    if (_explored.Evict(bucket, i, IncompleteReadMarks(sl.State)))
                        _framePool.ReturnFrames(sl.State);
                }
            }
        }
        if (statesCnt > _explored.MaxStatesPerInsn)
            _explored.MaxStatesPerInsn = statesCnt;
        if (!addNew)
            return false;

        PrevInsnProcessed = InsnProcessed;
        PrevJmpsProcessed = JmpsProcessed;
        MarkAllScalarsImprecise(cur);
        var checkpoint = cur.Clone(_framePool);
        checkpoint.FrozenHist = FreezeHist(cur);
        checkpoint.InsnIdx = insnIdx;
        checkpoint.Branches = 1;
        _explored.Add(bucket, checkpoint);
        MaybeEnterScc(checkpoint);
        cur.Parent = checkpoint;
        LivenessOnCheckpoint(checkpoint);
        cur.DfsDepth = checkpoint.DfsDepth + 1;
        cur.FirstInsnIdx = insnIdx;
        cur.HistStart = cur.HistEnd;
        return false;
    }

    /// <summary>
    /// The convergence rules for checkpoints of an unfinished loop: at an iterator's next call an equal state
    /// (by range) with an active iterator is a loop hit, at may_goto a deeper equal state is; otherwise the
    /// infinite-loop check runs, except at iterator next calls.
    /// </summary>
    private bool LoopCheckpointHit(VerifierState old, VerifierState cur, int insnIdx, out bool skipInfLoop)
    {
        skipInfLoop = false;
        if (_aux[insnIdx].IsIterNext)
        {
            skipInfLoop = true;
            return StatesEqual(old, cur, ExactLevel.RangeWithin, insnIdx) && IterArgActive(cur);
        }
        if (_aux[insnIdx].CallsCallback)
        {
            // A callback-calling call reached again with a state within an earlier one: the visits converged.
            skipInfLoop = true;
            return StatesEqual(old, cur, ExactLevel.RangeWithin, insnIdx);
        }
        if (IsMayGoto(insnIdx))
            return old.MayGotoDepth != cur.MayGotoDepth && StatesEqual(old, cur, ExactLevel.RangeWithin, insnIdx);
        return false;
    }

    private bool IsMayGoto(int insnIdx) => _insns[insnIdx].Code == (Bpf.Isa.Opcode.Jmp | Bpf.Isa.Opcode.Jcond) && _insns[insnIdx].Src == 0;

    /// <summary>states_maybe_looping: the innermost frame's registers are bit-identical (cheap pre-check).</summary>
    private static bool StatesMaybeLooping(VerifierState old, VerifierState cur)
    {
        int fr = cur.CurFrame;
        if (old.CurFrame != fr)
            return false;
        var a = old.Frames[fr].Regs;
        var b = cur.Frames[fr].Regs;
        for (int i = 0; i < FuncState.MaxReg; i++)
        {
            ref var x = ref a[i];
            ref var y = ref b[i];
            if (x.Type != y.Type || x.Flags != y.Flags || x.Off != y.Off || x.MapIndex != y.MapIndex || x.Aux != y.Aux ||
                x.BtfId != y.BtfId || x.Id != y.Id || x.RefObjId != y.RefObjId || !x.Bounds.SameAs(y.Bounds))
                return false;
        }
        return true;
    }
}
