namespace Bpf.Verifier.Domain;

/// <summary>
/// One call frame (struct bpf_func_state): R0-R10 and the stack. Stack bytes are indexed like the kernel:
/// byte index b = -off - 1 for stack offset off, slot spi = b / 8, the byte's type is Slots[b].
/// The stack is copy-on-write (FuncState.Stack.cs).
/// </summary>
public sealed partial class FuncState
{
    public const int MaxReg = 11;
    public const int RegSize = 8;

    public readonly RegState[] Regs = new RegState[MaxReg];
    public int FrameNo;
    /// <summary>Instruction index of the call that created this frame (-1 for the main frame).</summary>
    public int CallSite = -1;
    public int Subprog;
    public bool InCallbackFn;
    public bool InAsyncCallbackFn;
    /// <summary>async_entry_cnt: async callbacks entered to reach this frame (an async callback re-armed from itself is no loop).</summary>
    public int AsyncEntryCnt;
    /// <summary>Legacy (6.17) stack liveness only: per slot read/written flags, and the same frame in the parent checkpoint.</summary>
    public byte[]? SlotLive;
    public FuncState? LiveParent;
    /// <summary>The frame of the exception callback verified as its own entry: it exits like the main program.</summary>
    public bool InExceptionCallbackFn;
    /// <summary>Callback frames: the range R0 must be in at the callback's exit (callback_ret_range).</summary>
    public int CallbackRetMin, CallbackRetMax;
    /// <summary>bpf_loop callback visits queued from this frame's current call (callback_depth).</summary>
    public int CallbackDepth;

    public int AllocatedStack => _slots.Length;
    public int SlotCount => _slotCount;

    public FuncState(int frameNo, int callSite, int subprog)
    {
        FrameNo = frameNo;
        CallSite = callSite;
        Subprog = subprog;
        for (int i = 0; i < MaxReg; i++)
            Regs[i] = RegState.NotInit;
        Regs[10] = RegState.FramePointer(frameNo);
    }

    private FuncState(FuncState o) => CopyFrom(o);

    /// <summary>Makes this frame a copy of <paramref name="o"/>: its registers are copied, its stack shared.</summary>
    internal void CopyFrom(FuncState o)
    {
        Array.Copy(o.Regs, Regs, MaxReg);
        ShareStack(o);
        FrameNo = o.FrameNo;
        CallSite = o.CallSite;
        Subprog = o.Subprog;
        InCallbackFn = o.InCallbackFn;
        InAsyncCallbackFn = o.InAsyncCallbackFn;
        AsyncEntryCnt = o.AsyncEntryCnt;
        SlotLive = o.SlotLive == null ? null : CopyArray(SlotLive ?? [], o.SlotLive);
        LiveParent = o.LiveParent;
        InExceptionCallbackFn = o.InExceptionCallbackFn;
        CallbackRetMin = o.CallbackRetMin;
        CallbackRetMax = o.CallbackRetMax;
        CallbackDepth = o.CallbackDepth;
    }

    private static T[] CopyArray<T>(T[] mine, T[] theirs)
    {
        if (theirs.Length == 0)
            return [];
        if (mine.Length != theirs.Length)
            return (T[])theirs.Clone();
        Array.Copy(theirs, mine, theirs.Length);
        return mine;
    }

    public FuncState Clone() => new(this);
}
