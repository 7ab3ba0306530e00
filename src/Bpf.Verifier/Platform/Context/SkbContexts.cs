using Bpf.Verifier.Domain;
using static Bpf.Verifier.Platform.CtxField;

namespace Bpf.Verifier.Platform;

/// <summary>
/// struct __sk_buff as each skb-based program type sees it (bpf_skb_is_valid_access plus the program type's own
/// restrictions in net/core/filter.c). Offsets: len 0 .. tc_index 44, cb[5] 48, hash 68, tc_classid 72, data 76,
/// data_end 80, napi_id 84, family 88, remote_ip4 92, local_ip4 96, remote_ip6 100, local_ip6 116, remote_port 132,
/// local_port 136, data_meta 140, flow_keys 144, tstamp 152, wire_len 160, gso_segs 164, sk 168, gso_size 176,
/// tstamp_type 180, hwtstamp 184.
/// </summary>
public static class SkbContexts
{
    private const string Name = "__sk_buff";
    private const int Size = 192;

    private static readonly CtxField CbRw = new(48, 68, 4, CtxSize.Any, CtxSize.Any);
    private static readonly CtxField CbRo = new(48, 68, 4, CtxSize.Any);
    private static readonly CtxField Sk = Ptr(168, 8, RegType.PtrToSockCommon, RegFlags.MaybeNull);
    private static readonly CtxField Data = Ptr(76, 4, RegType.PtrToPacket);
    private static readonly CtxField DataEnd = Ptr(80, 4, RegType.PtrToPacketEnd);
    private static readonly CtxField DataMeta = Ptr(140, 4, RegType.PtrToPacketMeta);
    /// <summary>remote/local IPv4 and IPv6 addresses: full 4-byte reads only.</summary>
    private static readonly CtxField Addrs = X(92, 132);
    private static readonly CtxField Hwtstamp = X(184, 192, 8);

    /// <summary>Socket filter (sk_filter_is_valid_access): only cb[] is writable; no packet pointers.</summary>
    public static readonly ContextLayout SocketFilter = new(Name, Size,
    [
        R(0, 48), CbRw, R(68, 72), R(84, 88), R(164, 168), Sk, R(176, 180),
    ]);

    /// <summary>tc classifier/action (tc_cls_act_is_valid_access).</summary>
    public static readonly ContextLayout Tc = new(Name, Size,
    [
        R(0, 8), RW(8, 16), R(16, 32), RW(32, 36), R(36, 44), RW(44, 48), CbRw, R(68, 72), RW(72, 76),
        Data, DataEnd, R(84, 88), DataMeta, new(152, 160, 8, CtxSize.Exact, CtxSize.Exact), R(160, 168), Sk,
        R(176, 180), X(180, 181, 1), Hwtstamp,
    ]);

    /// <summary>cgroup/skb (cg_skb_is_valid_access), with CAP_BPF: packet reads, writable mark/priority/cb/tstamp.</summary>
    public static readonly ContextLayout Cgroup = new(Name, Size,
    [
        R(0, 8), RW(8, 12), R(12, 32), RW(32, 36), R(36, 48), CbRw, R(68, 72), Data, DataEnd, R(84, 92), Addrs,
        R(132, 140), new(152, 160, 8, CtxSize.Exact, CtxSize.Exact), R(164, 168), Sk, R(176, 180), Hwtstamp,
    ]);

    /// <summary>lwt_in/out/xmit/seg6local (lwt_is_valid_access): mark, priority and cb[] writable.</summary>
    public static readonly ContextLayout Lwt = new(Name, Size,
    [
        R(0, 8), RW(8, 12), R(12, 32), RW(32, 36), R(36, 48), CbRw, R(68, 72), Data, DataEnd, R(84, 88),
        R(164, 168), Sk, R(176, 180),
    ]);

    /// <summary>sk_skb (sk_skb_is_valid_access): no mark; tc_index and priority writable; cb[] read-only.</summary>
    public static readonly ContextLayout SkSkb = new(Name, Size,
    [
        R(0, 8), R(12, 32), RW(32, 36), R(36, 44), RW(44, 48), CbRo, R(68, 72), Data, DataEnd, R(84, 92), Addrs,
        R(132, 140), R(164, 168), Sk, R(176, 180),
    ]);

    /// <summary>flow_dissector (flow_dissector_is_valid_access): read-only data, data_end and flow_keys.</summary>
    public static readonly ContextLayout FlowDissector = new(Name, Size,
    [
        Data, DataEnd, Ptr(144, 8, RegType.PtrToFlowKeys),
    ]);
}
