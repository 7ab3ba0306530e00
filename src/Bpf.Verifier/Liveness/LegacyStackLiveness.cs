using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Liveness;

/// <summary>
/// The stack liveness Linux 6.18 replaced (6.17's REG_LIVE_READ / REG_LIVE_WRITTEN marks on stack slots), kept to
/// compare against: each frame of the current state is linked to the same frame of the checkpoint it descends
/// from; a read marks the slot read in every ancestor checkpoint up to the nearest write; when a state is pruned,
/// the reads the equivalent checkpoint saw are replayed onto the pruned state's ancestors. A checkpoint whose
/// paths are all explored keeps exactly the slots some descendant read. Registers keep the static analysis
/// (compute_live_registers) in both modes.
/// </summary>
internal static class LegacyStackLiveness
{
    public const byte Read = 1;
    public const byte Written = 2;

    /// <summary>mark_reg_read for a stack slot; returns how many ancestors were newly marked (the mark_read walk).</summary>
    public static int MarkRead(FuncState state, int spi)
    {
        int walk = 0;
        var child = state;
        var parent = state.LiveParent;
        while (parent != null && child.SlotLive != null && spi < child.SlotLive.Length)
        {
            if ((child.SlotLive[spi] & Written) != 0)
                break;
            if (parent.SlotLive == null || spi >= parent.SlotLive.Length)
                break;
            if ((parent.SlotLive[spi] & Read) != 0)
                break;
            parent.SlotLive[spi] |= Read;
            child = parent;
            parent = child.LiveParent;
            walk++;
        }
        return walk;
    }

    public static void MarkWritten(FuncState state, int spi)
    {
        if (state.SlotLive != null && spi < state.SlotLive.Length)
            state.SlotLive[spi] |= Written;
    }

    public static bool IsRead(FuncState state, int spi) =>
        state.SlotLive != null && spi < state.SlotLive.Length && (state.SlotLive[spi] & Read) != 0;

    /// <summary>
    /// A new checkpoint: the current state's frames now descend from it, and the writes made so far were the
    /// checkpoint's, not the current state's.
    /// </summary>
    public static void Link(VerifierState cur, VerifierState checkpoint)
    {
        for (int f = 0; f <= cur.CurFrame; f++)
        {
            var frame = cur.Frames[f];
            var saved = checkpoint.Frames[f];
            saved.SlotLive ??= new byte[saved.SlotCount];
            frame.LiveParent = saved;
            frame.SlotLive = new byte[frame.SlotCount];
        }
    }

    /// <summary>
    /// propagate_liveness: <paramref name="cur"/> is pruned against <paramref name="old"/>; what old's descendants
    /// read, cur's continuation would have read.
    /// </summary>
    public static int PropagateOnHit(VerifierState old, VerifierState cur)
    {
        int longest = 0;
        for (int f = 0; f <= old.CurFrame; f++)
        {
            var of = old.Frames[f];
            var cf = cur.Frames[f];
            int n = Math.Min(of.SlotCount, cf.SlotCount);
            for (int spi = 0; spi < n; spi++)
            {
                if (!IsRead(of, spi) || IsRead(cf, spi))
                    continue;
                if (cf.SlotLive != null && spi < cf.SlotLive.Length)
                    cf.SlotLive[spi] |= Read;
                longest = Math.Max(longest, MarkRead(cf, spi));
            }
        }
        return longest;
    }
}
