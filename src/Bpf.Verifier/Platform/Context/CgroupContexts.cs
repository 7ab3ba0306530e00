using Bpf.Object;
using Bpf.Verifier.Domain;
using static Bpf.Verifier.Platform.CtxField;

namespace Bpf.Verifier.Platform;

/// <summary>Contexts of cgroup sysctl, sockopt and device programs (kernel/bpf/cgroup.c).</summary>
public static class CgroupContexts
{
    /// <summary>bpf_sysctl (sysctl_is_valid_access): write 0 read-only; file_pos 4 readable and writable.</summary>
    public static readonly ContextLayout Sysctl = new("bpf_sysctl", 8,
    [
        R(0, 4), RW(4, 8),
    ]);

    /// <summary>bpf_cgroup_dev_ctx (cgroup_dev_is_valid_access): access_type 0 narrow, major 4 and minor 8 whole.</summary>
    public static readonly ContextLayout Device = new("bpf_cgroup_dev_ctx", 12,
    [
        R(0, 4), X(4, 12),
    ]);

    /// <summary>
    /// bpf_sockopt (cg_sockopt_is_valid_access) for one attach type: sk 0 (sock), optval 8 (packet), optval_end 16,
    /// level 24 and optname 28 (writable on setsockopt), optlen 32 (writable), retval 36 (getsockopt only).
    /// </summary>
    public static ContextLayout Sockopt(AttachType attach)
    {
        bool get = attach == AttachType.CgroupGetsockopt;
        bool set = attach == AttachType.CgroupSetsockopt;
        var setOnly = set ? CtxSize.Exact : CtxSize.None;
        return new ContextLayout("bpf_sockopt", 40,
        [
            Ptr(0, 8, RegType.PtrToSocket), Ptr(8, 8, RegType.PtrToPacket), Ptr(16, 8, RegType.PtrToPacketEnd),
            new(24, 25, 4, CtxSize.Exact, setOnly), X(25, 28), new(28, 29, 4, CtxSize.Exact, setOnly), X(29, 32),
            new(32, 33, 4, CtxSize.Exact, CtxSize.Exact), X(33, 36),
            get ? new(36, 40, 4, CtxSize.Exact, CtxSize.Exact) : new(36, 40, 4, CtxSize.None),
        ]);
    }
}
