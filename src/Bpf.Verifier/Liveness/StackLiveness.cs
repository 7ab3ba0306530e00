using System.Text;
using Bpf.Isa;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Passes;
using Bpf.Verifier.Semantics;

namespace Bpf.Verifier.Liveness;

/// <summary>
/// Linux 6.18's stack liveness (kernel/bpf/liveness.c), an analysis of its own fed by the checker:
/// <list type="number">
/// <item>While instructions are verified, every stack slot read (may_read, joined over visits) and every slot
/// written whole (must_write, intersected over visits) is recorded per (call chain, instruction), for the stack of
/// each frame in the chain.</item>
/// <item>When a path ends (an exit or a pruned state), the functions of its chain are brought to a fixed point,
/// callee first: live_before = (∪ live_before of successors \ must_write) ∪ may_read, and must_write_acc, the slots
/// written on every path to the function's exit. A callee's entry facts about its callers' stacks then become the
/// call instruction's marks in the caller's chain.</item>
/// <item>When a checkpoint is cleaned, a slot is dead if it is not live before the checkpoint's instruction, nor
/// after (or, for callback-calling instructions, before) the call instruction of any outer frame.</item>
/// </list>
/// Being path-insensitive, the data flow needs no parent-state chains; being chain-sensitive, a function that
/// always writes a caller's slot kills it at the call.
/// </summary>
internal sealed class StackLiveness
{
    private readonly Instruction[] _insns;
    private readonly IReadOnlyList<SubprogInfo> _subprogs;
    private readonly InsnAux[] _aux;
    private readonly VerifierLog _log;
    private readonly Dictionary<CallChain.Key, FuncInstance> _instances = [];
    private int[]? _postorder;
    private int[]? _funcPostStart;
    /// <summary>Successor and predecessor rows, computed once with the postorder.</summary>
    private CfgEdges? _edges;

    /// <summary>The instance of the state being verified (cur_instance), looked up again after calls and returns.</summary>
    private FuncInstance? _cur;
    private readonly ulong[] _writeAcc = new ulong[VerifierState.MaxCallFrames];
    private int _writeInsn;

    /// <summary>The instances of the state being cleaned (live_stack_query).</summary>
    private readonly FuncInstance?[] _query = new FuncInstance?[VerifierState.MaxCallFrames];
    private int _queryFrame;
    private int _queryInsn;

    /// <summary>Off under --liveness legacy: every entry point returns at once.</summary>
    private readonly bool _enabled;

    public StackLiveness(Instruction[] insns, IReadOnlyList<SubprogInfo> subprogs, InsnAux[] aux, VerifierLog log, bool enabled = true)
    {
        _enabled = enabled;
        _insns = insns;
        _subprogs = subprogs;
        _aux = aux;
        _log = log;
    }

    public int InstanceCount => _instances.Count;

    /// <summary>Memory held by the analysis (the seed reports it per program).</summary>
    public long Bytes
    {
        get
        {
            long b = 0;
            foreach (var i in _instances.Values)
                b += i.Bytes;
            return b;
        }
    }

    private FuncInstance Lookup(CallChain chain)
    {
        var key = chain.PackedKey;
        if (_instances.TryGetValue(key, out var inst))
            return inst;
        return Add(key, chain);
    }

    private FuncInstance Lookup(VerifierState st, int frame)
    {
        var key = CallChain.KeyOf(st, frame, _subprogs);
        if (_instances.TryGetValue(key, out var inst))
            return inst;
        return Add(key, CallChain.Of(st, frame, _subprogs));
    }

    private FuncInstance Add(CallChain.Key key, CallChain chain)
    {
        var sp = _subprogs[SubprogOf(chain.Start)];
        var inst = new FuncInstance(chain, sp.End - sp.Start);
        _instances.Add(key, inst);
        return inst;
    }

    private int SubprogOf(int start) => _aux[start].Subprog;

    /// <summary>bpf_reset_live_stack_callchain: the current state entered or left a function.</summary>
    public void ResetCallchain() => _cur = null;

    private FuncInstance Cur(VerifierState st) => _cur ??= Lookup(st, st.CurFrame);

    /// <summary>bpf_mark_stack_read: slots of <paramref name="frame"/> that <paramref name="insn"/> may read.</summary>
    public void MarkRead(VerifierState st, int frame, int insn, ulong mask)
    {
        if (_enabled)
            MarkRead(Cur(st), frame, insn, mask);
    }

    private static void MarkRead(FuncInstance inst, int frame, int insn, ulong mask)
    {
        ref var m = ref inst.Masks(frame, insn);
        ulong merged = m.MayRead | mask;
        if (merged == m.MayRead)
            return;
        if ((merged | m.LiveBefore) != m.LiveBefore)
            inst.Updated = true;
        m.MayRead = merged;
        inst.MarkDirty(frame, inst.Rel(insn));
    }

    /// <summary>bpf_reset_stack_write_marks: start collecting the writes of <paramref name="insn"/>.</summary>
    public void ResetWrites(VerifierState st, int insn)
    {
        if (_enabled)
            ResetWrites(Cur(st), insn);
    }

    private void ResetWrites(FuncInstance inst, int insn)
    {
        _writeInsn = insn;
        for (int i = 0; i <= inst.Chain.Depth; i++)
            _writeAcc[i] = 0;
    }

    /// <summary>bpf_mark_stack_write: slots of <paramref name="frame"/> the current instruction writes whole.</summary>
    public void MarkWrite(int frame, ulong mask) => _writeAcc[frame] |= mask;

    /// <summary>
    /// bpf_commit_stack_write_marks: the collected writes become the instruction's must_write (intersected with
    /// earlier visits). Nothing happens when a call or return changed the chain meanwhile.
    /// </summary>
    public void CommitWrites() => CommitWrites(_cur);

    private void CommitWrites(FuncInstance? inst)
    {
        if (inst == null)
            return;
        int idx = inst.Rel(_writeInsn);
        for (int f = 0; f <= inst.Chain.Depth; f++)
        {
            ulong mask = _writeAcc[f];
            if (mask == 0 && !inst.MustWriteSet[idx])
                continue;
            ref var m = ref inst.Masks(f, _writeInsn);
            ulong old = m.MustWrite;
            if (inst.MustWriteSet[idx])
                mask &= old;
            if (old != mask)
            {
                m.MustWrite = mask;
                inst.Updated = true;
                inst.MarkDirty(f, idx);
            }
            if ((old & ~mask) != 0)
                inst.MustWriteDropped = true;
        }
        inst.MustWriteSet[idx] = true;
        _writeInsn = 0;
    }

    /// <summary>
    /// bpf_update_live_stack: bring every function of <paramref name="st"/>'s chain with new marks to a fixed
    /// point, innermost first so that callee facts reach the callers' call instructions.
    /// </summary>
    public void Update(VerifierState st)
    {
        _cur = null;
        if (!_enabled)
            return;
        for (int f = st.CurFrame; f >= 0; f--)
        {
            var inst = Lookup(st, f);
            if (!inst.Updated)
                continue;
            Solve(inst);
            inst.Updated = false;
            inst.MustWriteDropped = false;
        }
    }

    private void Solve(FuncInstance inst)
    {
        if (_postorder == null)
        {
            var starts = new int[_subprogs.Count];
            for (int i = 0; i < starts.Length; i++)
                starts[i] = _subprogs[i].Start;
            CfgPostorder.Compute(_insns, starts, out _postorder, out _funcPostStart);
            _edges = new CfgEdges(_insns);
        }
        var chain = inst.Chain;
        if (inst.MustWriteDropped)
        {
            for (int f = 0; f < inst.Frames.Length; f++)
            {
                var fr = inst.Frames[f];
                if (fr == null)
                    continue;
                for (int i = 0; i < fr.Length; i++)
                    fr[i].MustWriteAcc = 0;
                inst.MarkAllDirty(f);
            }
        }
        int sub = SubprogOf(chain.Start);
        int poStart = _funcPostStart![sub], poEnd = _funcPostStart[sub + 1];
        int iterations = 0;
        bool changed;
        do
        {
            iterations++;
            changed = false;
            for (int f = 0; f <= chain.Depth; f++)
            {
                var masks = inst.Frames[f];
                if (masks == null)
                    continue;
                for (int p = poStart; p < poEnd; p++)
                {
                    int insn = _postorder[p];
                    if (!inst.TakeDirty(f, insn - chain.Start) || !UpdateInsn(inst, f, masks, insn))
                        continue;
                    changed = true;
                    var edges = _edges!;
                    for (int q = edges.PredStart[insn]; q < edges.PredStart[insn + 1]; q++)
                        inst.MarkDirty(f, edges.Preds[q] - chain.Start);
                }
            }
        }
        while (changed);
        if (_log.Level2)
            _log.Write($"{chain} live stack update done in {iterations} iterations\n");
        if (chain.Depth > 0)
            PropagateToCaller(inst);
    }

    private bool UpdateInsn(FuncInstance inst, int frame, SlotMasks[] masks, int insn)
    {
        var edges = _edges!;
        int s0 = edges.SuccStart[insn], s1 = edges.SuccStart[insn + 1];
        if (s0 == s1)
            return false;
        int start = inst.Chain.Start;
        ref var m = ref masks[insn - start];
        ulong after = 0, writeAcc = ulong.MaxValue;
        for (int s = s0; s < s1; s++)
        {
            ref var sm = ref masks[edges.Succ[s] - start];
            after |= sm.LiveBefore;
            writeAcc &= sm.MustWriteAcc;
        }
        writeAcc |= m.MustWrite;
        ulong before = (after & ~m.MustWrite) | m.MayRead;
        bool changed = before != m.LiveBefore || writeAcc != m.MustWriteAcc;
        if (_log.Level2 && (m.MayRead != 0 || m.MustWrite != 0 || insn == start || _aux[insn].PrunePoint))
        {
            LogChange(inst.Chain, "live", frame, insn, m.LiveBefore, before);
            LogChange(inst.Chain, "written", frame, insn, m.MustWriteAcc, writeAcc);
        }
        m.LiveBefore = before;
        m.MustWriteAcc = writeAcc;
        return changed;
    }

    /// <summary>log_mask_change: "(0) frame 0 insn 5 +live -8 " with the slots that appeared, then those that went.</summary>
    private void LogChange(CallChain chain, string what, int frame, int insn, ulong old, ulong now)
    {
        ulong changed = old ^ now;
        if (changed == 0)
            return;
        var sb = new StringBuilder();
        sb.Append(chain).Append(" frame ").Append(frame).Append(" insn ").Append(insn).Append(' ');
        if ((now & changed) != 0)
            StackMaskText.Append(sb.Append('+').Append(what).Append(' '), now & changed).Append(' ');
        if ((~now & changed) != 0)
            StackMaskText.Append(sb.Append('-').Append(what).Append(' '), ~now & changed);
        _log.Write(sb.Append('\n').ToString());
    }

    /// <summary>
    /// propagate_to_outer_instance: what the callee's entry says about its callers' stacks (may be read, surely
    /// written) becomes the call instruction's reads and writes in the caller's chain.
    /// </summary>
    private void PropagateToCaller(FuncInstance inst)
    {
        var chain = inst.Chain;
        int callsite = chain.CallSite(chain.Depth - 1);
        var outer = Lookup(chain.Outer(_subprogs[_aux[callsite].Subprog].Start));
        ResetWrites(outer, callsite);
        for (int f = 0; f < chain.Depth; f++)
        {
            var masks = inst.Frames[f];
            if (masks == null)
                continue;
            ref var entry = ref masks[0];
            MarkWrite(f, entry.MustWriteAcc);
            MarkRead(outer, f, callsite, entry.LiveBefore);
        }
        CommitWrites(outer);
    }

    /// <summary>bpf_live_stack_query_init: prepare <see cref="SlotAlive"/> questions about <paramref name="st"/>.</summary>
    public void QueryInit(VerifierState st)
    {
        for (int f = 0; f <= st.CurFrame; f++)
            _query[f] = Lookup(st, f);
        _queryFrame = st.CurFrame;
        _queryInsn = st.InsnIdx;
    }

    /// <summary>
    /// bpf_stack_slot_alive: the slot may be read before the queried state's instruction, or, in an outer frame,
    /// after its call instruction (before it, when the call invokes a callback that may run again).
    /// </summary>
    public bool SlotAlive(int frame, int spi)
    {
        var inner = _query[_queryFrame]!;
        if (inner.LiveBefore(frame, _queryInsn, spi))
            return true;
        for (int i = frame; i < _queryFrame; i++)
        {
            int callsite = inner.Chain.CallSite(i);
            int at = _aux[callsite].CallsCallback ? callsite : callsite + 1;
            if (_query[i]!.LiveBefore(frame, at, spi))
                return true;
        }
        return false;
    }
}
