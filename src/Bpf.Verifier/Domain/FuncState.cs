namespace Bpf.Verifier.Domain;

/// <summary>
/// One call frame (struct bpf_func_state): R0-R10 and the stack. Stack bytes are indexed like the kernel:
/// byte index b = -off - 1 for stack offset off, slot spi = b / 8, the byte's type is SlotTypes[b].
/// </summary>
public sealed class FuncState
{
    public const int MaxReg = 11;
    public const int RegSize = 8;

    public readonly RegState[] Regs = new RegState[MaxReg];
    /// <summary>Per-byte slot type, length = allocated stack bytes (multiple of 8).</summary>
    public SlotType[] Slots = [];
    /// <summary>Spilled register per 8-byte slot.</summary>
    public RegState[] Spilled = [];
    public int FrameNo;
    /// <summary>Instruction index of the call that created this frame (-1 for the main frame).</summary>
    public int CallSite = -1;
    public int Subprog;
    public bool InCallbackFn;
    public bool InAsyncCallbackFn;
    /// <summary>Legacy (6.17) stack liveness only: per slot read/written flags, and the same frame in the parent checkpoint.</summary>
    public byte[]? SlotLive;
    public FuncState? LiveParent;
    /// <summary>The frame of the exception callback verified as its own entry: it exits like the main program.</summary>
    public bool InExceptionCallbackFn;
    /// <summary>Callback frames: the range R0 must be in at the callback's exit (callback_ret_range).</summary>
    public int CallbackRetMin, CallbackRetMax;
    /// <summary>bpf_loop callback visits queued from this frame's current call (callback_depth).</summary>
    public int CallbackDepth;

    public int AllocatedStack => Slots.Length;
    public int SlotCount => Spilled.Length;

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

    /// <summary>Makes this frame a copy of <paramref name="o"/>, reusing its arrays when their sizes match.</summary>
    internal void CopyFrom(FuncState o)
    {
        Array.Copy(o.Regs, Regs, MaxReg);
        Slots = CopyArray(Slots, o.Slots);
        Spilled = CopyArray(Spilled, o.Spilled);
        FrameNo = o.FrameNo;
        CallSite = o.CallSite;
        Subprog = o.Subprog;
        InCallbackFn = o.InCallbackFn;
        InAsyncCallbackFn = o.InAsyncCallbackFn;
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

    /// <summary>Grows the stack so that <paramref name="bytes"/> bytes below fp exist (grow_stack_state).</summary>
    public void GrowStack(int bytes)
    {
        int size = (bytes + RegSize - 1) / RegSize * RegSize;
        if (size <= Slots.Length)
            return;
        var slots = new SlotType[size];
        Array.Copy(Slots, slots, Slots.Length);
        var spilled = new RegState[size / RegSize];
        Array.Copy(Spilled, spilled, Spilled.Length);
        for (int i = Spilled.Length; i < spilled.Length; i++)
            spilled[i] = RegState.NotInit;
        Slots = slots;
        Spilled = spilled;
        if (SlotLive != null)
            Array.Resize(ref SlotLive, spilled.Length);
    }

    public SlotType ByteType(int off) => Slots[-off - 1];

    /// <summary>True when the whole slot is a full 8-byte register spill.</summary>
    public bool IsSpilledReg(int spi) => Slots[spi * RegSize + RegSize - 1] == SlotType.Spill;
}
