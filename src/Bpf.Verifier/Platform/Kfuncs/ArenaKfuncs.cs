using static Bpf.Verifier.Platform.Kfuncs.KfuncFlags;

namespace Bpf.Verifier.Platform.Kfuncs;

/// <summary>
/// arena_kfuncs (kernel/bpf/arena.c), registered for BPF_PROG_TYPE_UNSPEC: the map is a <c>p__map</c> argument,
/// the arena address an ignored <c>__ign</c> one, and the allocated address comes back as a scalar.
/// </summary>
internal static class ArenaKfuncs
{
    private static KfuncInfo K(string name) => new(name, TrustedArgs | Sleepable, KfuncSet.Common);

    public static readonly KfuncInfo[] All =
    [
        K("bpf_arena_alloc_pages"),
        K("bpf_arena_free_pages"),
        K("bpf_arena_reserve_pages"),
    ];
}
