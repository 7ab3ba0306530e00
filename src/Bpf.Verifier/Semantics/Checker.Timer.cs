using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// bpf_timer helpers: ARG_PTR_TO_TIMER (the map value's struct bpf_timer field, which names the timer's map) and
/// bpf_timer_set_callback's asynchronous callback. The callback is verified as its own program: a fresh state with
/// one frame queued on the branch stack (push_async_cb), R1-R3 the map, a key and the value, returning 0.
/// </summary>
internal sealed partial class Checker
{
    private const int TimerSetCallbackId = CallbackHelpers.TimerSetCallback;

    /// <summary>process_timer_func: a constant offset to the bpf_timer field of a BTF-described map value.</summary>
    private void ProcessTimerArg(int regno, ref CallMeta meta)
    {
        var reg = Regs[regno];
        if (!reg.Bounds.IsConst)
            Fail($"R{regno} doesn't have constant offset. bpf_timer has to be at the constant offset", Einval);
        var map = _maps[reg.MapIndex];
        if (map.BtfValueTypeId == 0 || _obj.Btf == null)
            Fail($"map '{map.KernelName}' has to have BTF in order to use bpf_timer", Einval);
        var rec = MapRecord(reg.MapIndex);
        if (rec == null || !rec.Has(BtfFieldMask.Timer))
            Fail($"map '{map.KernelName}' has no valid bpf_timer", Einval);
        long at = (long)reg.Bounds.ConstValue + reg.Off;
        if (rec.TimerOff != at)
            Fail($"off {at} doesn't point to 'struct bpf_timer' that is at {rec.TimerOff}", Einval);
        // Inner maps of a map-in-map would need map_uid to tell two lookups of the outer map apart.
        if (reg.MapIndex >= _obj.Maps.Count)
            Unsupported("bpf_timer in an inner map");
        meta.MapArg = reg.MapIndex;
    }

    /// <summary>ARG_CONST_MAP_PTR after a timer argument: bpf_timer_init's map must be the timer's own map.</summary>
    private void CheckTimerMapArg(in RegState reg, in CallMeta meta)
    {
        if (meta.MapArg < 0 || meta.MapArg == reg.MapIndex)
            return;
        if (reg.MapIndex >= _obj.Maps.Count)
            Unsupported("inner map passed with a timer");
        Fail("timer pointer in R1 map_uid=0 doesn't match map pointer in R2 map_uid=0", Einval);
    }

    /// <summary>
    /// push_callback_call for an async callback (is_async_callback_calling_insn): the callback does not run
    /// here but later, from a fresh stack, so its first state shares nothing with the caller's.
    /// </summary>
    private void PushAsyncCallback(in CallMeta meta) => PushAsyncCallback(meta.CallbackSubprog, meta.MapArg);

    /// <summary>
    /// push_async_cb with set_timer_callback_state's registers for <paramref name="map"/>, also the state of the bpf_wq
    /// and bpf_task_work callbacks (sleepable, returning within their own range). A timer callback is never
    /// sleepable, even in a sleepable program.
    /// </summary>
    private void PushAsyncCallback(int sub, int map, bool sleepable = false, int retMin = 0, int retMax = 0)
    {
        CheckSubprogCallArgs(sub, callback: true);
        (_callbackSubprogs ??= []).Add(sub);
        _subprogs[sub].IsAsyncCb = true;

        // push_async_cb leaves first_insn_idx zero: backtracking in the callback may walk on below its entry.
        // Its history starts where the caller's ends (insn_hist_start = cur->insn_hist_end): the entries below
        // belong to queued states.
        var st = new VerifierState { FirstInsnIdx = 0, HistStart = _cur.HistEnd, HistEnd = _cur.HistEnd, InSleepable = sleepable };
        var frame = new FuncState(0, -1, sub)
        {
            InAsyncCallbackFn = true,
            AsyncEntryCnt = _cur.Cur.AsyncEntryCnt + 1,
            CallbackRetMin = retMin,
            CallbackRetMax = retMax,
        };
        // set_timer_callback_state: callback_fn(struct bpf_map *map, void *key, void *value)
        frame.Regs[1] = KnownZeroPtr(RegType.ConstPtrToMap);
        frame.Regs[1].MapIndex = map;
        frame.Regs[2] = KnownZeroPtr(RegType.PtrToMapKey);
        frame.Regs[2].MapIndex = map;
        frame.Regs[3] = KnownZeroPtr(RegType.PtrToMapValue);
        frame.Regs[3].MapIndex = map;
        st.Frames[0] = frame;
        st.InsnIdx = _subprogs[sub].Start;
        _branches.Add(new BranchEntry(st, st.InsnIdx, _insnIdx, _log.EndPos));
        if (_branches.Count > ComplexityLimitJmpSeq)
            Fail(Messages.JumpSeqTooComplex(_branches.Count), -7);
        // init_func_state of the callback's frame marks the whole state scratched.
        _scratch.MarkAll();
    }

    /// <summary>check_return_code in an async callback: R0 must be a precise scalar within the callback's range.</summary>
    private void CheckAsyncCallbackReturn()
    {
        const string ctx = "At async callback return";
        CheckRegArg(0, RegUse.Src);
        if (Regs[0].Type != RegType.Scalar)
            Fail(Messages.NotKnownValue(ctx, 0, TypeStr(Regs[0])), Einval);
        MarkChainPrecision(0);
        var r0 = Regs[0];
        long min = _cur.Cur.CallbackRetMin, max = _cur.Cur.CallbackRetMax;
        if (r0.Bounds.SMin >= min && r0.Bounds.SMax <= max)
            return;
        Fail(InvalidScalarMessage(ctx, "R0", r0, min, max), Einval);
    }
}
