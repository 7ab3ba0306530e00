using Bpf.Verifier.Domain;
using Bpf.Verifier.Semantics;

namespace Bpf.Verifier.Liveness;

/// <summary>
/// The call instructions that lead to a function, followed by the function's first instruction, e.g. (5,11) for
/// a subprogram starting at 11 called at insn 5 of the main program, (0) for the main program itself.
/// Liveness facts are kept per chain, so two calls of one function do not blur each other's marks.
/// </summary>
internal sealed class CallChain
{
    private readonly int[] _sites;

    private CallChain(int[] sites) => _sites = sites;

    /// <summary>Frame index of the function in the chain (0 for a chain of one).</summary>
    public int Depth => _sites.Length - 1;

    /// <summary>First instruction of the function the chain ends in.</summary>
    public int Start => _sites[^1];

    /// <summary>The call instruction of frame <paramref name="frame"/> (&lt; Depth) into the next frame.</summary>
    public int CallSite(int frame) => _sites[frame];

    /// <summary>compute_callchain: the chain of <paramref name="st"/> up to frame <paramref name="frame"/>.</summary>
    public static CallChain Of(VerifierState st, int frame, IReadOnlyList<SubprogInfo> subprogs)
    {
        var sites = new int[frame + 1];
        for (int i = 0; i < frame; i++)
            sites[i] = st.Frames[i + 1].CallSite;
        sites[frame] = subprogs[st.Frames[frame].Subprog].Start;
        return new CallChain(sites);
    }

    /// <summary>
    /// The chain packed into three words (21 bits per entry, instruction indices stay below 2^20, and the length),
    /// so that a state's chain can be looked up without building it.
    /// </summary>
    public readonly record struct Key(ulong W0, ulong W1, ulong W2);

    public Key PackedKey => Pack(_sites);

    /// <summary>The key of <see cref="Of"/>(st, frame, subprogs), without allocating.</summary>
    public static Key KeyOf(VerifierState st, int frame, IReadOnlyList<SubprogInfo> subprogs)
    {
        Span<int> sites = stackalloc int[VerifierState.MaxCallFrames];
        for (int i = 0; i < frame; i++)
            sites[i] = st.Frames[i + 1].CallSite;
        sites[frame] = subprogs[st.Frames[frame].Subprog].Start;
        return Pack(sites[..(frame + 1)]);
    }

    /// <summary>Packs up to eight instruction indices (and their count) into a key.</summary>
    public static Key Pack(ReadOnlySpan<int> sites)
    {
        Span<ulong> w = stackalloc ulong[3];
        for (int i = 0; i < sites.Length; i++)
            w[i / 3] |= (ulong)(uint)sites[i] << (21 * (i % 3));
        return new Key(w[0], w[1], w[2] | (ulong)sites.Length << 56);
    }

    /// <summary>The caller's chain: one frame up, ending in the caller's function.</summary>
    public CallChain Outer(int callerStart)
    {
        var sites = new int[_sites.Length - 1];
        Array.Copy(_sites, sites, sites.Length);
        sites[^1] = callerStart;
        return new CallChain(sites);
    }

    /// <summary>fmt_callchain: "(5,11)".</summary>
    public override string ToString() => "(" + string.Join(",", _sites) + ")";
}
