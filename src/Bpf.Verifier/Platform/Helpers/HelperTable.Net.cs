using Bpf.Object;
using static Bpf.Verifier.Platform.ArgKind;

namespace Bpf.Verifier.Platform;

/// <summary>Networking helpers: skb, xdp and socket families (net/core/filter.c).</summary>
public static partial class HelperTable
{
    /// <summary>Types whose get_socket_cookie takes the context (tracing types take a BTF socket instead).</summary>
    private static ProgramType[] CookieFromCtx =>
    [
        ProgramType.SocketFilter, ProgramType.SchedCls, ProgramType.SchedAct, ProgramType.CgroupSkb, ProgramType.CgroupSock,
        ProgramType.CgroupSockAddr, ProgramType.SockOps, ProgramType.SkSkb,
    ];

    /// <summary>Types whose get_netns_cookie takes ARG_PTR_TO_CTX_OR_NULL.</summary>
    private static ProgramType[] NetnsCookieCtxOrNull =>
    [
        // 6.18: the skb programs' bpf_get_netns_cookie_proto too
        ProgramType.SocketFilter, ProgramType.SchedCls, ProgramType.SchedAct, ProgramType.CgroupSkb,
        ProgramType.CgroupSock, ProgramType.CgroupSockAddr, ProgramType.SockOps, ProgramType.SkMsg, ProgramType.CgroupSockopt,
    ];

    private static HelperProto[] SkbProtos() =>
    [
        // skb_store_bytes(skb, off, from, len, flags)
        Int(9, PtrToCtx, Anything, PtrToMemRdonly, ConstSize, Anything),
        // l3/l4_csum_replace(skb, off, from, to, flags)
        Int(10, PtrToCtx, Anything, Anything, Anything, Anything),
        Int(11, PtrToCtx, Anything, Anything, Anything, Anything),
        // clone_redirect(skb, ifindex, flags)
        Int(13, PtrToCtx, Anything, Anything),
        // redirect(ifindex, flags), redirect_peer, redirect_neigh(ifindex, params, plen, flags)
        Int(23, Anything, Anything),
        Int(155, Anything, Anything),
        Int(152, Anything, PtrToMemRdonlyOrNull, ConstSizeOrZero, Anything),
        // skb_vlan_push(skb, proto, tci), skb_vlan_pop(skb)
        Int(18, PtrToCtx, Anything, Anything),
        Int(19, PtrToCtx),
        // skb_get_tunnel_key(skb, key, size, flags), skb_set_tunnel_key(skb, key, size, flags)
        Int(20, PtrToCtx, PtrToUninitMem, ConstSize, Anything),
        Int(21, PtrToCtx, PtrToMemRdonly, ConstSize, Anything),
        // get_route_realm, get_hash_recalc, set_hash_invalid, skb_cgroup_id, get_socket_uid, skb_ecn_set_ce (skb)
        Int(24, PtrToCtx), Int(34, PtrToCtx), Int(41, PtrToCtx), Int(79, PtrToCtx), Int(47, PtrToCtx), Int(97, PtrToCtx),
        // skb_load_bytes(skb, off, to, len), skb_load_bytes_relative(skb, off, to, len, start)
        Int(26, PtrToCtx, Anything, PtrToUninitMem, ConstSize),
        Int(68, PtrToCtx, Anything, PtrToUninitMem, ConstSize, Anything),
        // csum_diff(from, from_size, to, to_size, seed)
        new(28, RetKind.Integer, [PtrToMemRdonlyOrNull, ConstSizeOrZero, PtrToMemRdonlyOrNull, ConstSizeOrZero, Anything], PktAccess: true),
        // csum_update(skb, csum), csum_level(skb, level), set_hash(skb, hash)
        Int(40, PtrToCtx, Anything), Int(135, PtrToCtx, Anything), Int(48, PtrToCtx, Anything),
        // skb_change_proto(skb, proto, flags), skb_change_type(skb, type), skb_change_tail/head(skb, len, flags)
        Int(31, PtrToCtx, Anything, Anything),
        Int(32, PtrToCtx, Anything),
        Int(38, PtrToCtx, Anything, Anything),
        Int(43, PtrToCtx, Anything, Anything),
        // skb_set_tstamp(skb, tstamp, tstamp_type)
        Int(192, PtrToCtx, Anything, Anything),
        // skb_under_cgroup(skb, cgroup_array, index)
        Int(36, PtrToCtx, ConstMapPtr, Anything),
        // skb_pull_data(skb, len), skb_adjust_room(skb, len_diff, mode, flags)
        Int(39, PtrToCtx, Anything),
        Int(50, PtrToCtx, Anything, Anything, Anything),
        // fib_lookup(ctx, params, plen, flags): GPL, params read and written
        new(69, RetKind.Integer, [PtrToCtx, PtrToMemWrite, ConstSize, Anything], GplOnly: true),
        // check_mtu(ctx, ifindex, *mtu_len, len_diff, flags): GPL
        new(163, RetKind.Integer, [PtrToCtx, Anything, PtrToFixedMemWrite, Anything, Anything], GplOnly: true) { FixedSize = 4 },
        // skb_get/set_tunnel_opt(skb, opt, size)
        Int(29, PtrToCtx, PtrToUninitMem, ConstSize),
        Int(30, PtrToCtx, PtrToMemRdonly, ConstSize),
        // skb_cgroup_classid(skb), skb_ancestor_cgroup_id(skb, level)
        Int(151, PtrToCtx), Int(83, PtrToCtx, Anything),
        // lwt_seg6_store_bytes / action(skb, off|action, data, len), lwt_seg6_adjust_srh(skb, off, delta)
        Int(74, PtrToCtx, Anything, PtrToMemRdonly, ConstSize),
        Int(76, PtrToCtx, Anything, PtrToMemRdonly, ConstSize),
        Int(75, PtrToCtx, Anything, Anything),
        // get_socket_cookie(ctx), get_netns_cookie(ctx or NULL)
        Int(46, PtrToCtx) with { OnlyFor = CookieFromCtx },
        Int(122, PtrToCtxOrNull) with { OnlyFor = NetnsCookieCtxOrNull },
    ];

    private static HelperProto[] XdpProtos() =>
    [
        // xdp_adjust_head / meta / tail(xdp, delta)
        Int(44, PtrToCtx, Anything),
        Int(54, PtrToCtx, Anything),
        Int(65, PtrToCtx, Anything),
        // redirect_map(map, key, flags)
        Int(51, ConstMapPtr, Anything, Anything),
    ];

    private static HelperProto[] SocketProtos() =>
    [
        // sk_lookup_tcp / sk_lookup_udp / skc_lookup_tcp(ctx, tuple, tuple_size, netns, flags): acquire a socket
        new(84, RetKind.SocketOrNull, [PtrToCtx, PtrToMemRdonly, ConstSizeOrZero, Anything, Anything], PktAccess: true) { Acquire = true },
        new(85, RetKind.SocketOrNull, [PtrToCtx, PtrToMemRdonly, ConstSizeOrZero, Anything, Anything], PktAccess: true) { Acquire = true },
        new(99, RetKind.SockCommonOrNull, [PtrToCtx, PtrToMemRdonly, ConstSizeOrZero, Anything, Anything], PktAccess: true) { Acquire = true },
        // sk_release(sock)
        Int(86, ReleaseSockCommon),
        // sk_fullsock(sk), tcp_sock(sk): casts that keep the argument's reference
        new(95, RetKind.SocketOrNull, [PtrToSockCommon]) { PtrCast = true },
        new(96, RetKind.TcpSockOrNull, [PtrToSockCommon]) { PtrCast = true },
        // get_listener_sock(sk): a non-referenced listener
        new(98, RetKind.SocketOrNull, [PtrToSockCommon]),
        // sk_assign(skb, sk, flags); sk_lookup's variant takes a full socket or NULL
        Int(124, PtrToCtx, PtrToBtfSockCommon, Anything) with { OnlyFor = [ProgramType.SchedCls, ProgramType.SchedAct] },
        Int(124, PtrToCtx, PtrToSocketOrNull, Anything) with { OnlyFor = [ProgramType.SkLookup] },
        // sk_storage_get(map, sk, value, flags), sk_storage_delete(map, sk); cgroup/sock passes its context
        new(107, RetKind.MapValueOrNull, [ConstMapPtr, PtrToBtfSockCommon, PtrToMapValueOrNull, Anything]) { OnlyFor = SkStorageOnSocket },
        new(107, RetKind.MapValueOrNull, [ConstMapPtr, PtrToCtx, PtrToMapValueOrNull, Anything]) { OnlyFor = [ProgramType.CgroupSock] },
        Int(108, ConstMapPtr, PtrToBtfSockCommon) with { OnlyFor = SkStorageOnSocket },
        // tcp_check_syncookie / tcp_gen_syncookie(sk, iph, iph_len, th, th_len): GPL
        new(100, RetKind.Integer, [PtrToBtfSockCommon, PtrToMemRdonly, ConstSize, PtrToMemRdonly, ConstSize], GplOnly: true, PktAccess: true),
        new(110, RetKind.Integer, [PtrToBtfSockCommon, PtrToMemRdonly, ConstSize, PtrToMemRdonly, ConstSize], GplOnly: true, PktAccess: true),
        // setsockopt / getsockopt(ctx, level, optname, optval, optlen) of sock_ops and sock_addr
        Int(49, PtrToCtx, Anything, Anything, PtrToMemRdonly, ConstSize) with { OnlyFor = CtxSockopt },
        Int(57, PtrToCtx, Anything, Anything, PtrToUninitMem, ConstSize) with { OnlyFor = CtxSockopt },
        // sock_ops_cb_flags_set(ctx, flags), load/store/reserve_hdr_opt
        Int(59, PtrToCtx, Anything),
        Int(142, PtrToCtx, PtrToMemWrite, ConstSize, Anything),
        Int(143, PtrToCtx, PtrToMemRdonly, ConstSize, Anything),
        Int(144, PtrToCtx, Anything, Anything),
        // sk_select_reuseport(ctx, map, key, flags)
        Int(82, PtrToCtx, ConstMapPtr, PtrToMapKey, Anything),
        // sockmap/sockhash: sk_redirect_map / msg_redirect_map(ctx, map, key, flags); the _hash and _update forms take a key pointer
        Int(52, PtrToCtx, ConstMapPtr, Anything, Anything),
        Int(60, PtrToCtx, ConstMapPtr, Anything, Anything),
        new(53, RetKind.Integer, [PtrToCtx, ConstMapPtr, PtrToMapKey, Anything], PktAccess: true),
        new(70, RetKind.Integer, [PtrToCtx, ConstMapPtr, PtrToMapKey, Anything], PktAccess: true),
        new(71, RetKind.Integer, [PtrToCtx, ConstMapPtr, PtrToMapKey, Anything], PktAccess: true),
        new(72, RetKind.Integer, [PtrToCtx, ConstMapPtr, PtrToMapKey, Anything], PktAccess: true),
        // msg_apply_bytes / msg_cork_bytes(msg, bytes), msg_pull/push/pop_data(msg, start, end|len, flags)
        Int(61, PtrToCtx, Anything), Int(62, PtrToCtx, Anything),
        Int(63, PtrToCtx, Anything, Anything, Anything),
        Int(90, PtrToCtx, Anything, Anything, Anything),
        Int(91, PtrToCtx, Anything, Anything, Anything),
    ];

    /// <summary>Types whose sk_storage_get/delete is bpf_sk_storage_get_proto (a socket argument).</summary>
    private static ProgramType[] SkStorageOnSocket =>
    [
        ProgramType.SchedCls, ProgramType.SchedAct, ProgramType.CgroupSkb, ProgramType.CgroupSockAddr, ProgramType.SockOps,
        ProgramType.SkMsg, ProgramType.CgroupSockopt,
    ];

    /// <summary>Types whose setsockopt/getsockopt take the context (sock_ops, sock_addr).</summary>
    private static ProgramType[] CtxSockopt => [ProgramType.SockOps, ProgramType.CgroupSockAddr];
}
