namespace Bpf.Verifier.Domain;

/// <summary>
/// Frames of states whose path has ended, reused by later clones: a branch then costs array copies instead of
/// fresh (zeroed) allocations, which dominated the time of large programs. Only the explored path's own state is
/// returned here; checkpoints and queued branches keep their frames. The stacks those frames let go of are
/// pooled too (<see cref="StackStorePool"/>), for the private copies copy-on-write makes.
/// </summary>
public sealed class FramePool
{
    private readonly Stack<FuncState> _free = new();
    private readonly StackStorePool _stacks = new();

    public FuncState Clone(FuncState o)
    {
        o.Pool ??= _stacks;
        if (!_free.TryPop(out var f))
            return o.Clone();
        f.CopyFrom(o);
        return f;
    }

    /// <summary>Takes back the frames of a state nothing refers to any more.</summary>
    public void Return(VerifierState st)
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
}
