using static Bpf.Verifier.Platform.ArgKind;

namespace Bpf.Verifier.Platform;

/// <summary>Local storage (sk, task, cgroup, inode) and timer helpers (kernel/bpf/bpf_*_storage.c, helpers.c).</summary>
public static partial class HelperTable
{
    private static HelperProto[] StorageProtos() =>
    [
    ];
}
