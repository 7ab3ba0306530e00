namespace Bpf.Verifier.Liveness;

/// <summary>The marks of one instruction for one frame's stack (struct per_frame_masks), bit spi = slot fp-(spi+1)*8.</summary>
internal struct SlotMasks
{
    /// <summary>Slots the instruction may read, joined over every visit.</summary>
    public ulong MayRead;
    /// <summary>Slots the instruction writes whole on every visit (intersection).</summary>
    public ulong MustWrite;
    /// <summary>Slots written by the instruction or on every path after it, within the function.</summary>
    public ulong MustWriteAcc;
    /// <summary>Slots that may be read at or after the instruction before being written.</summary>
    public ulong LiveBefore;
}

/// <summary>
/// A function as reached through one call chain (struct func_instance): for each of its instructions, the marks
/// on the stack of every frame of the chain (the function itself and its callers, whose stacks it can reach
/// through pointer arguments). Frames are allocated when first marked.
/// </summary>
internal sealed class FuncInstance(CallChain chain, int insnCount)
{
    public readonly CallChain Chain = chain;
    public readonly int InsnCount = insnCount;
    /// <summary>New marks since the last fixed-point update.</summary>
    public bool Updated;
    /// <summary>A must_write set shrank, so accumulated must_write_acc sets have to be recomputed from scratch.</summary>
    public bool MustWriteDropped;
    public readonly SlotMasks[]?[] Frames = new SlotMasks[]?[Domain.VerifierState.MaxCallFrames];
    /// <summary>Per instruction: must_write holds a first visit's writes already (later visits intersect).</summary>
    public readonly bool[] MustWriteSet = new bool[insnCount];

    public int Rel(int insn) => insn - Chain.Start;

    /// <summary>
    /// Per frame, the instructions whose inputs (own marks or a successor's result) changed since they were last
    /// evaluated: the fixed point re-evaluates only these, which gives the same results and pass count as
    /// evaluating every instruction, since an instruction's result depends on nothing else.
    /// </summary>
    public readonly ulong[]?[] Dirty = new ulong[]?[Domain.VerifierState.MaxCallFrames];

    public ref SlotMasks Masks(int frame, int insn)
    {
        var arr = Frames[frame] ??= NewFrame(frame);
        return ref arr[insn - Chain.Start];
    }

    private SlotMasks[] NewFrame(int frame)
    {
        Dirty[frame] = new ulong[(InsnCount + 63) / 64];
        return new SlotMasks[InsnCount];
    }

    public void MarkDirty(int frame, int rel)
    {
        if ((uint)rel < (uint)InsnCount)
            Dirty[frame]![rel >> 6] |= 1UL << rel;
    }

    /// <summary>Clears and returns the dirty bit of <paramref name="rel"/>.</summary>
    public bool TakeDirty(int frame, int rel)
    {
        ref ulong w = ref Dirty[frame]![rel >> 6];
        ulong bit = 1UL << rel;
        if ((w & bit) == 0)
            return false;
        w &= ~bit;
        return true;
    }

    public void MarkAllDirty(int frame) => Array.Fill(Dirty[frame]!, ulong.MaxValue);

    /// <summary>is_live_before: false for frames never marked.</summary>
    public bool LiveBefore(int frame, int insn, int spi)
    {
        var arr = Frames[frame];
        return arr != null && (arr[insn - Chain.Start].LiveBefore & (1UL << spi)) != 0;
    }

    public long Bytes
    {
        get
        {
            long b = 64 + InsnCount;
            foreach (var f in Frames)
            {
                if (f != null)
                    b += (long)f.Length * 32;
            }
            return b;
        }
    }
}
