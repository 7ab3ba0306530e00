namespace Bpf.Verifier.Semantics;

/// <summary>
/// The checker's side of 6.18 stack liveness: every stack slot the current instruction reads or fully writes is
/// reported here (bpf_mark_stack_read / bpf_mark_stack_write), for the slot's own frame.
/// </summary>
internal sealed partial class Checker
{
    /// <summary>Slots (bit spi) of call frame <paramref name="frame"/> that the current instruction may read.</summary>
    internal void MarkStackRead(int frame, ulong mask)
    {
        _ = frame;
        _ = mask;
    }

    /// <summary>Slots (bit spi) of call frame <paramref name="frame"/> the current instruction writes whole.</summary>
    internal void MarkStackWrite(int frame, ulong mask)
    {
        _ = frame;
        _ = mask;
    }
}
