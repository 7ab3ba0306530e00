namespace Bpf.Verifier.Domain;

/// <summary>
/// States and frames of paths that have ended, reused by later clones: a branch then costs array copies instead of
/// fresh (zeroed) allocations on fresh pages, which dominated the time of large programs. What comes back: the
/// explored path's own state when its path ends, and the frames of checkpoints the kernel frees (evicted with no
/// branch left); queued branches and kept checkpoints keep theirs. The stacks those frames let go of are pooled
/// too (<see cref="StackStorePool"/>), for the private copies copy-on-write makes.
/// </summary>
public sealed class FramePool
{
    private readonly Stack<FuncState> _free = new();
    private readonly Stack<VerifierState> _freeStates = new();
    private readonly StackStorePool _stacks = new();

    public FuncState Clone(FuncState o)
    {
        o.Pool ??= _stacks;
        if (!_free.TryPop(out var f))
            return o.Clone();
        f.CopyFrom(o);
        return f;
    }

    /// <summary>
    /// A checkpoint the kernel frees (evicted, last branch done): its frames and stacks serve the next copies, as
    /// the kernel's freed memory serves its next allocations. The state object stays (other checkpoints' parent
    /// links may still name it, as in the kernel, where nothing follows them any more) with no frames.
    /// </summary>
    public void ReturnFrames(VerifierState st)
    {
        for (int i = 0; i <= st.CurFrame; i++)
        {
            if (st.Frames[i] is { } f)
            {
                f.ReleaseStack();
                _free.Push(f);
            }
            st.Frames[i] = null!;
        }
    }

    /// <summary>A state object to be overwritten by a copy (VerifierState.Clone), null when none is free.</summary>
    public VerifierState? RentState() => _freeStates.TryPop(out var s) ? s : null;

    /// <summary>Takes back a state nothing refers to any more, and its frames.</summary>
    public void Return(VerifierState st)
    {
        ReturnFrames(st);
        st.Parent = null;
        st.Refs = [];
        _freeStates.Push(st);
    }
}
