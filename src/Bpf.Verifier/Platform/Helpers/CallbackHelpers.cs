namespace Bpf.Verifier.Platform;

/// <summary>An argument of a callback-calling helper (the bpf_arg_type subset these helpers use).</summary>
internal enum CallbackArg : byte
{
    /// <summary>ARG_ANYTHING.</summary>
    Anything,
    /// <summary>ARG_CONST_MAP_PTR.</summary>
    ConstMapPtr,
    /// <summary>ARG_PTR_TO_FUNC: the callback (a static subprogram loaded with ld_imm64 src=BPF_PSEUDO_FUNC).</summary>
    Func,
    /// <summary>ARG_PTR_TO_STACK_OR_NULL: the callback's context.</summary>
    StackOrNull,
    /// <summary>ARG_PTR_TO_BTF_ID of struct task_struct (btf_tracing_ids[BTF_TRACING_TYPE_TASK]).</summary>
    BtfTask,
}

/// <summary>A helper that calls a BPF function back, synchronously, with its callback's return range.</summary>
internal sealed record CallbackHelper(int Id, CallbackArg[] Args, int RetMin, int RetMax);

/// <summary>
/// Prototypes of the callback-calling helpers bpfv models (kernel/bpf/bpf_iter.c bpf_loop, bpf_for_each_map_elem,
/// kernel/bpf/task_iter.c bpf_find_vma, kernel/bpf/ringbuf.c bpf_user_ringbuf_drain); their return value is an
/// integer. Timers are HelperTable prototypes with an async callback (Checker.Timer).
/// </summary>
internal static class CallbackHelpers
{
    public const int Loop = 181, ForEachMapElem = 164, FindVma = 180, UserRingbufDrain = 209;
    /// <summary>bpf_timer_set_callback: an async callback (a prototype of HelperTable, verified by Checker.Timer).</summary>
    public const int TimerSetCallback = 170;

    private static readonly CallbackHelper[] Table =
    [
        new(Loop, [CallbackArg.Anything, CallbackArg.Func, CallbackArg.StackOrNull, CallbackArg.Anything], 0, 1),
        new(ForEachMapElem, [CallbackArg.ConstMapPtr, CallbackArg.Func, CallbackArg.StackOrNull, CallbackArg.Anything], 0, 1),
        new(FindVma, [CallbackArg.BtfTask, CallbackArg.Anything, CallbackArg.Func, CallbackArg.StackOrNull, CallbackArg.Anything], 0, 1),
        // bpf_user_ringbuf_drain(user_ringbuf, callback, ctx, flags): the callback gets each sample as a local dynptr
        new(UserRingbufDrain, [CallbackArg.ConstMapPtr, CallbackArg.Func, CallbackArg.StackOrNull, CallbackArg.Anything], 0, 1),
    ];

    /// <summary>Map types with map_for_each_callback: hash, array, percpu hash/array, LRU hash and LRU percpu hash.</summary>
    private static readonly uint[] ForEachMaps = [1, 2, 5, 6, 9, 10];

    public static CallbackHelper? Find(int id)
    {
        foreach (var h in Table)
        {
            if (h.Id == id)
                return h;
        }
        return null;
    }

    /// <summary>Whether a synchronous callback-calling helper (is_sync_callback_calling_function) has this id.</summary>
    public static bool IsSync(int id) => Find(id) != null;

    public static bool MapAllowed(int id, uint mapType) => id != ForEachMapElem || Array.IndexOf(ForEachMaps, mapType) >= 0;
}
