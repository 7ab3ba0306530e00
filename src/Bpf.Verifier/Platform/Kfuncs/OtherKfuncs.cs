using static Bpf.Verifier.Platform.Kfuncs.KfuncFlags;

namespace Bpf.Verifier.Platform.Kfuncs;

/// <summary>
/// Kfuncs of the other families (networking, netfilter conntrack, XDP metadata, crypto, arena, TCP congestion
/// control, test functions): recorded so the table is complete, calls stay unsupported.
/// </summary>
internal static class OtherKfuncs
{
    private static KfuncInfo U(string name) => new(name, Unmodelled, KfuncSet.Unknown);

    public static readonly KfuncInfo[] All =
    [
        // net/core/filter.c: dynptr constructors of the skb and XDP program types.
        new("bpf_dynptr_from_skb", TrustedArgs, KfuncSet.Skb),
        new("bpf_dynptr_from_skb_meta", TrustedArgs, KfuncSet.SkbMeta),
        new("bpf_dynptr_from_xdp", None, KfuncSet.Xdp),
        U("bpf_fentry_test1"),
        new("bpf_kfunc_call_memb_release", Release, KfuncSet.TestRun),
        new("bpf_kfunc_call_test_release", Release, KfuncSet.TestRun),
        // kernel/bpf/map_iter.c: registered for BPF_PROG_TYPE_UNSPEC, like common_kfunc_set.
        new("bpf_map_sum_elem_count", TrustedArgs, KfuncSet.Common),
        U("bpf_modify_return_test"),
        U("bpf_modify_return_test2"),
        new("bpf_sk_assign_tcp_reqsk", TrustedArgs, KfuncSet.SchedCls),
        // bpf_kfunc_set_sock_addr (net/core/filter.c): registered for CGROUP_SOCK_ADDR, whose hook every cgroup type shares.
        new("bpf_sock_addr_set_sun_path", None, KfuncSet.CgroupHook),
        new("bpf_sock_destroy", TrustedArgs, KfuncSet.SkIter),
        // bpf_kfunc_set_sock_ops (net/core/filter.c, 6.15): registered for BPF_PROG_TYPE_SOCK_OPS alone.
        new("bpf_sock_ops_enable_tx_tstamp", TrustedArgs, KfuncSet.SockOps),
        // xfrm_state_kfunc_set (net/xfrm/xfrm_state_bpf.c): registered for XDP alone.
        new("bpf_xdp_get_xfrm_state", Acquire | RetNull, KfuncSet.Xdp),
        // xdp_metadata_kfunc_set (net/core/xdp.c): device-bound XDP programs only.
        new("bpf_xdp_metadata_rx_hash", Unmodelled | DevBound, KfuncSet.Xdp),
        new("bpf_xdp_metadata_rx_timestamp", Unmodelled | DevBound, KfuncSet.Xdp),
        new("bpf_xdp_metadata_rx_vlan_tag", Unmodelled | DevBound, KfuncSet.Xdp),
        // bpf_kfunc_set_xdp (net/core/filter.c): pulls non-linear data into the linear area, moving the packet.
        new("bpf_xdp_pull_data", PktChanging, KfuncSet.Xdp),
        new("bpf_xdp_xfrm_state_release", Release, KfuncSet.Xdp),
        // bpf_rstat_kfunc_set (kernel/cgroup/rstat.c); the live kernel checks their argument as a trusted one.
        new("css_rstat_flush", TrustedArgs | Sleepable, KfuncSet.Tracing),
        new("css_rstat_updated", TrustedArgs, KfuncSet.Tracing),
    ];
}
