using Bpf.Verifier.Domain;
using static Bpf.Verifier.Platform.CtxField;

namespace Bpf.Verifier.Platform;

/// <summary>
/// struct xdp_md (xdp_is_valid_access): read-only, every field exactly 4 bytes; data 0, data_end 4, data_meta 8,
/// ingress_ifindex 12, rx_queue_index 16, egress_ifindex 20 (devmap programs only).
/// </summary>
public static class XdpContexts
{
    public static readonly ContextLayout Xdp = new("xdp_md", 24,
    [
        Ptr(0, 4, RegType.PtrToPacket), Ptr(4, 4, RegType.PtrToPacketEnd), Ptr(8, 4, RegType.PtrToPacketMeta),
        X(12, 20),
    ]);

    public static readonly ContextLayout Devmap = new("xdp_md", 24,
    [
        Ptr(0, 4, RegType.PtrToPacket), Ptr(4, 4, RegType.PtrToPacketEnd), Ptr(8, 4, RegType.PtrToPacketMeta),
        X(12, 24),
    ]);
}
