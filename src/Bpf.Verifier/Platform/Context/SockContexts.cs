using Bpf.Object;
using Bpf.Verifier.Domain;
using static Bpf.Verifier.Platform.CtxField;

namespace Bpf.Verifier.Platform;

/// <summary>
/// struct bpf_sock in its three uses: the memory behind sock / sock_common pointers (bpf_sock_is_valid_access,
/// bpf_sock_common_is_valid_access) and the context of cgroup/sock programs (sock_filter_is_valid_access, which
/// adds per attach type rules). Offsets: bound_dev_if 0, family 4, type 8, protocol 12, mark 16, priority 20,
/// src_ip4 24, src_ip6 28, src_port 44, dst_port 48 (2 bytes + padding), dst_ip4 52, dst_ip6 56, state 72,
/// rx_queue_mapping 76; size 80. Also bpf_tcp_sock and bpf_xdp_sock.
/// </summary>
public static class SockContexts
{
    private const int SockSize = 80;

    /// <summary>family, type, protocol, src_port, state, rx_queue_mapping: narrow reads at the field's start only.</summary>
    private static CtxField AtStart(int off) => R(off, off + 1);

    private static readonly CtxField[] CommonTail =
    [
        R(24, 44), AtStart(44), R(48, 50), R(52, 72), AtStart(72), AtStart(76),
    ];

    /// <summary>What a PTR_TO_SOCKET reads.</summary>
    public static readonly ContextLayout Sock = new("bpf_sock", SockSize,
    [
        X(0, 4), AtStart(4), AtStart(8), AtStart(12), X(16, 24), .. CommonTail,
    ]);

    /// <summary>What a PTR_TO_SOCK_COMMON reads: type..priority are full-socket fields.</summary>
    public static readonly ContextLayout SockCommon = new("bpf_sock", SockSize,
    [
        X(0, 4), AtStart(4), .. CommonTail,
    ]);

    /// <summary>
    /// bpf_tcp_sock_is_valid_access: 4-byte reads anywhere, except at the exact offsets of bytes_received (80) and
    /// bytes_acked (88), which take 8-byte reads. A 4-byte read of their upper halves passes but the program is
    /// then refused by the ctx access conversion ("verifier bug: error during ctx access conversion").
    /// </summary>
    public static readonly ContextLayout TcpSock = new("bpf_tcp_sock", 112,
    [
        X(0, 80), X(80, 81, 8), X(81, 88) with { Unconverted = true }, X(88, 89, 8), X(89, 96) with { Unconverted = true },
        X(96, 112),
    ]);

    /// <summary>bpf_xdp_sock_is_valid_access: queue_id only.</summary>
    public static readonly ContextLayout XdpSock = new("bpf_xdp_sock", 4, [X(0, 4)]);

    /// <summary>The sock-pointer layout for a register type, or null for other types.</summary>
    public static ContextLayout? ForPointer(RegType t) => t switch
    {
        RegType.PtrToSocket => Sock,
        RegType.PtrToSockCommon => SockCommon,
        RegType.PtrToTcpSock => TcpSock,
        RegType.PtrToXdpSock => XdpSock,
        _ => null,
    };

    /// <summary>cgroup/sock context for one attach type (__sock_filter_check_attach_type).</summary>
    public static ContextLayout CgroupSock(AttachType attach)
    {
        bool create = attach is AttachType.CgroupInetSockCreate or AttachType.CgroupInetSockRelease;
        bool post4 = attach == AttachType.CgroupInet4PostBind;
        bool post6 = attach == AttachType.CgroupInet6PostBind;
        // bound_dev_if, mark and priority: read/write at socket creation/release, refused otherwise.
        CtxField Settable(int start, int end) =>
            create ? new(start, end, 4, CtxSize.Exact, CtxSize.Exact) : new(start, end, 4, CtxSize.None);
        var fields = new List<CtxField>
        {
            Settable(0, 4), AtStart(4), AtStart(8), AtStart(12), Settable(16, 24),
        };
        if (post4)
            fields.Add(R(24, 28));
        if (post6)
            fields.Add(R(28, 44));
        if (post4 || post6)
            fields.Add(AtStart(44));
        fields.AddRange([R(48, 50), R(52, 72), AtStart(72), AtStart(76)]);
        return new ContextLayout("bpf_sock", SockSize, [.. fields]);
    }

    /// <summary>
    /// bpf_sock_addr (sock_addr_is_valid_access) for one attach type: user_family 0, user_ip4 4, user_ip6 8,
    /// user_port 24, family 28, type 32, protocol 36, msg_src_ip4 40, msg_src_ip6 44, sk 64; size 72. The address
    /// fields exist only for the attach types of their family; they are writable (4 bytes, or 8 within the IPv6
    /// arrays).
    /// </summary>
    public static ContextLayout SockAddr(AttachType attach)
    {
        bool v4 = attach is AttachType.CgroupInet4Bind or AttachType.CgroupInet4Connect or AttachType.CgroupInet4Getpeername
            or AttachType.CgroupInet4Getsockname or AttachType.CgroupUdp4Sendmsg or AttachType.CgroupUdp4Recvmsg;
        bool v6 = attach is AttachType.CgroupInet6Bind or AttachType.CgroupInet6Connect or AttachType.CgroupInet6Getpeername
            or AttachType.CgroupInet6Getsockname or AttachType.CgroupUdp6Sendmsg or AttachType.CgroupUdp6Recvmsg;
        static CtxField Addr(int start, int end, bool wide = false) =>
            new(start, end, 4, CtxSize.Narrow, CtxSize.Exact, Wide: wide);
        var fields = new List<CtxField> { X(0, 4) };
        if (v4)
            fields.Add(Addr(4, 8));
        if (v6)
            fields.Add(Addr(8, 24, wide: true));
        fields.Add(Addr(24, 28));
        fields.Add(X(28, 40));
        if (attach == AttachType.CgroupUdp4Sendmsg)
            fields.Add(Addr(40, 44));
        if (attach == AttachType.CgroupUdp6Sendmsg)
            fields.Add(Addr(44, 60, wide: true));
        fields.Add(Ptr(64, 8, RegType.PtrToSocket));
        return new ContextLayout("bpf_sock_addr", 72, [.. fields]);
    }

    /// <summary>
    /// bpf_sock_ops (sock_ops_is_valid_access): u32 fields read whole; reply (4) and sk_txhash (164) writable;
    /// bytes_received/bytes_acked 168..184 and skb_hwtstamp 216 are u64; sk 184 (sock_or_null), skb_data 192,
    /// skb_data_end 200 pointers; skb_tcp_flags 212 allows narrow reads at its start. Size 224.
    /// </summary>
    public static readonly ContextLayout SockOps = new("bpf_sock_ops", 224,
    [
        X(0, 4), new(4, 5, 4, CtxSize.Exact, CtxSize.Exact), X(5, 164), new(164, 168, 4, CtxSize.Exact, CtxSize.Exact),
        X(168, 184, 8), Ptr(184, 8, RegType.PtrToSocket, RegFlags.MaybeNull), Ptr(192, 8, RegType.PtrToPacket),
        Ptr(200, 8, RegType.PtrToPacketEnd), X(208, 212), R(212, 213), X(213, 216), X(216, 224, 8),
    ]);
}
