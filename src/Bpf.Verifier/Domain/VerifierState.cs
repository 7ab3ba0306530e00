namespace Bpf.Verifier.Domain;

/// <summary>
/// A whole verifier state (struct bpf_verifier_state): the call frames, references, and the pruning bookkeeping.
/// </summary>
public sealed class VerifierState
{
    public const int MaxCallFrames = 8;

    public FuncState[] Frames = new FuncState[MaxCallFrames];
    public int CurFrame;
    public ReferenceState[] Refs = [];
    public int ActiveRcuLock;
    public int ActivePreemptLock;
    /// <summary>in_sleepable: a sleepable async callback (bpf_wq, bpf_task_work) is being verified.</summary>
    public bool InSleepable;
    public bool Speculative;
    /// <summary>may_goto iterations assumed on this path (forks at may_goto bump it on the looping side).</summary>
    public int MayGotoDepth;
    /// <summary>Checkpoints above this state on its path (find_prev_entry looks for shallower loop entries).</summary>
    public int DfsDepth;
    /// <summary>Callback bodies entered on this path (callback_unroll_depth; the infinite-loop check compares it).</summary>
    public int CallbackUnrollDepth;

    /// <summary>Parent checkpoint in the explored tree; branch counting for pruning.</summary>
    public VerifierState? Parent;
    public int Branches = 1;
    public int InsnIdx;
    public int FirstInsnIdx;
    public int LastInsnIdx;
    /// <summary>Evicted from the explored lists while still being explored (env->free_list).</summary>
    public bool InFreeList;
    /// <summary>A checkpoint whose dead registers and stack slots were cleared (never copied).</summary>
    public bool Cleaned;
    /// <summary>
    /// Instruction history since the parent checkpoint (jumps, stack spills/fills, linked registers), the path
    /// precision backtracking walks back. A state being explored, or queued, owns entries [HistStart, HistEnd) of
    /// the checker's one history array and appends at its end (insn_hist_start/end): depth-first exploration keeps
    /// the entries of every queued state below the current end, so a branch copies two indices. States that are
    /// walked after the path moved on (checkpoints, loop back-edges) keep a <see cref="FrozenHist"/> of their own.
    /// </summary>
    public int HistStart, HistEnd;
    public HistEntry[]? FrozenHist;

    public int HistLength => FrozenHist?.Length ?? HistEnd - HistStart;

    public FuncState Cur => Frames[CurFrame];
    public RegState[] Regs => Frames[CurFrame].Regs;

    public VerifierState Clone(FramePool? pool = null)
    {
        var s = pool?.RentState() ?? new VerifierState();
        s.CopyFrom(this, pool);
        return s;
    }

    /// <summary>Makes this state (new, or recycled by <see cref="FramePool"/>) a copy of <paramref name="o"/>: every field is set here.</summary>
    private void CopyFrom(VerifierState o, FramePool? pool)
    {
        CurFrame = o.CurFrame;
        Refs = o.Refs;
        ActiveRcuLock = o.ActiveRcuLock;
        ActivePreemptLock = o.ActivePreemptLock;
        InSleepable = o.InSleepable;
        Speculative = o.Speculative;
        MayGotoDepth = o.MayGotoDepth;
        DfsDepth = o.DfsDepth;
        CallbackUnrollDepth = o.CallbackUnrollDepth;
        Parent = o.Parent;
        Branches = o.Branches;
        InsnIdx = o.InsnIdx;
        FirstInsnIdx = o.FirstInsnIdx;
        LastInsnIdx = o.LastInsnIdx;
        InFreeList = false;
        Cleaned = false;
        HistStart = o.HistStart;
        HistEnd = o.HistEnd;
        FrozenHist = null;
        for (int i = 0; i <= o.CurFrame; i++)
            Frames[i] = pool != null ? pool.Clone(o.Frames[i]) : o.Frames[i].Clone();
        for (int i = o.CurFrame + 1; i < MaxCallFrames; i++)
            Frames[i] = null!;
    }

    public void AddRef(ReferenceState r)
    {
        var n = new ReferenceState[Refs.Length + 1];
        Array.Copy(Refs, n, Refs.Length);
        n[^1] = r;
        Refs = n;
    }

    public bool RemoveRef(uint id)
    {
        int idx = -1;
        for (int i = 0; i < Refs.Length; i++)
        {
            if (Refs[i].Id == id)
                idx = i;
        }
        if (idx < 0)
            return false;
        var n = new ReferenceState[Refs.Length - 1];
        Array.Copy(Refs, n, idx);
        Array.Copy(Refs, idx + 1, n, idx, Refs.Length - idx - 1);
        Refs = n;
        return true;
    }
}

/// <summary>Flags of a history entry (INSN_F_*): a stack slot access, or a jump comparing a stack pointer.</summary>
[Flags]
public enum HistFlags : byte
{
    None = 0,
    StackAccess = 1,
    DstRegStack = 2,
    SrcRegStack = 4,
}

/// <summary>
/// One instruction of the history (struct bpf_insn_hist_entry): where it came from, the stack slot it spilled
/// to or filled from, and the scalars linked by id at a conditional jump (packed, see LinkedRegs).
/// </summary>
public struct HistEntry
{
    public int Idx;
    public int PrevIdx;
    public HistFlags Flags;
    public byte StackFrame;
    public byte StackSpi;
    public ulong LinkedRegs;

    public HistEntry(int idx, int prevIdx)
    {
        Idx = idx;
        PrevIdx = prevIdx;
    }
}
