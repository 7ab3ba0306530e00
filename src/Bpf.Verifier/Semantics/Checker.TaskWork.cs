namespace Bpf.Verifier.Semantics;

/// <summary>
/// The async callbacks of bpf_wq_set_callback_impl and bpf_task_work_schedule_{signal,resume}_impl: each is
/// verified later from a fresh state of its own (push_async_cb) that is sleepable (in_sleepable), with the map,
/// a key and the value of the field's map in R1-R3.
/// </summary>
internal sealed partial class Checker
{
    /// <summary>The push_callback_call of check_kfunc_call for the async-callback-calling kfuncs.</summary>
    private void PushKfuncAsyncCallback(KfuncCall call)
    {
        string name = call.Info.Name;
        if (name == "bpf_wq_set_callback_impl")
        {
            // set_timer_callback_state: the map of the bpf_wq in R1; the callback returns 0.
            PushAsyncCallback(RequireCallback(call), Regs[1].MapIndex, sleepable: true);
        }
        else if (name.StartsWith("bpf_task_work_schedule_", StringComparison.Ordinal))
        {
            // set_task_work_schedule_callback_state: the __map argument in R3; any s32 return value.
            PushAsyncCallback(RequireCallback(call), Regs[3].MapIndex, sleepable: true, int.MinValue, int.MaxValue);
        }
    }

    private int RequireCallback(KfuncCall call)
    {
        if (call.CallbackSub < 0)
            Unsupported($"kfunc {call.Info.Name} without a callback");
        return call.CallbackSub;
    }
}
