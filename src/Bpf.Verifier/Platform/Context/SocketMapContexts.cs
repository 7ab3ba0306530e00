using Bpf.Verifier.Domain;
using static Bpf.Verifier.Platform.CtxField;

namespace Bpf.Verifier.Platform;

/// <summary>Read-only contexts of sk_msg, sk_lookup and sk_reuseport programs (net/core/filter.c).</summary>
public static class SocketMapContexts
{
    /// <summary>
    /// sk_msg_md (sk_msg_is_valid_access): data 0, data_end 8, family 16, remote_ip4 20, local_ip4 24,
    /// remote_ip6 28, local_ip6 44, remote_port 60, local_port 64, size 68 (all whole u32), sk 72.
    /// </summary>
    public static readonly ContextLayout SkMsg = new("sk_msg_md", 80,
    [
        Ptr(0, 8, RegType.PtrToPacket), Ptr(8, 8, RegType.PtrToPacketEnd), X(16, 72), Ptr(72, 8, RegType.PtrToSocket),
    ]);

    /// <summary>
    /// bpf_sk_lookup (sk_lookup_is_valid_access): sk 0 (sock_or_null), family 8, protocol 12, remote_ip4 16,
    /// remote_ip6 20, remote_port 36 (2 bytes, 4-byte reads allowed) and its zero padding 38, local_ip4 40,
    /// local_ip6 44, local_port 60, ingress_ifindex 64.
    /// </summary>
    public static readonly ContextLayout SkLookup = new("bpf_sk_lookup", 72,
    [
        Ptr(0, 8, RegType.PtrToSocket, RegFlags.MaybeNull), R(8, 36), R(36, 38), R(38, 40, 2), R(40, 68),
    ]);

    /// <summary>
    /// sk_reuseport_md (sk_reuseport_is_valid_access): data 0, data_end 8, len 16, eth_protocol 20 (at least
    /// 2 bytes), ip_protocol 24, bind_inany 28, hash 32 (whole), sk 40, migrating_sk 48 (sock_common_or_null).
    /// </summary>
    public static readonly ContextLayout SkReuseport = new("sk_reuseport_md", 56,
    [
        new(0, 1, 8, CtxSize.Exact, Result: RegType.PtrToPacket), new(8, 9, 8, CtxSize.Exact, Result: RegType.PtrToPacketEnd),
        R(16, 20), new(20, 24, 4, CtxSize.Narrow, MinSize: 2), R(24, 32), new(32, 33, 4, CtxSize.Exact),
        new(40, 41, 8, CtxSize.Exact, Result: RegType.PtrToSocket),
        new(48, 49, 8, CtxSize.Exact, Result: RegType.PtrToSockCommon, ResultFlags: RegFlags.MaybeNull),
    ]);
}
