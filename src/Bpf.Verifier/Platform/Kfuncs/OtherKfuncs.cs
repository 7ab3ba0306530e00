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
        U("bbr_cwnd_event"),
        U("bbr_init"),
        U("bbr_main"),
        U("bbr_min_tso_segs"),
        U("bbr_set_state"),
        U("bbr_sndbuf_expand"),
        U("bbr_ssthresh"),
        U("bbr_undo_cwnd"),
        U("bpf_arena_alloc_pages"),
        U("bpf_arena_free_pages"),
        U("bpf_arena_reserve_pages"),
        U("bpf_crypto_ctx_acquire"),
        U("bpf_crypto_ctx_create"),
        U("bpf_crypto_ctx_release"),
        U("bpf_crypto_decrypt"),
        U("bpf_crypto_encrypt"),
        // net/core/filter.c: dynptr constructors of the skb and XDP program types.
        new("bpf_dynptr_from_skb", TrustedArgs, KfuncSet.Skb),
        new("bpf_dynptr_from_skb_meta", TrustedArgs, KfuncSet.SkbMeta),
        new("bpf_dynptr_from_xdp", None, KfuncSet.Xdp),
        U("bpf_fentry_test1"),
        U("bpf_iter_dmabuf_destroy"),
        U("bpf_iter_dmabuf_new"),
        U("bpf_iter_dmabuf_next"),
        U("bpf_kfunc_call_memb_release"),
        U("bpf_kfunc_call_test_release"),
        // kernel/bpf/map_iter.c: registered for BPF_PROG_TYPE_UNSPEC, like common_kfunc_set.
        new("bpf_map_sum_elem_count", TrustedArgs, KfuncSet.Common),
        U("bpf_modify_return_test"),
        U("bpf_modify_return_test2"),
        U("bpf_sk_assign_tcp_reqsk"),
        U("bpf_sock_addr_set_sun_path"),
        U("bpf_sock_destroy"),
        U("bpf_sock_ops_enable_tx_tstamp"),
        U("bpf_xdp_get_xfrm_state"),
        U("bpf_xdp_metadata_rx_hash"),
        U("bpf_xdp_metadata_rx_timestamp"),
        U("bpf_xdp_metadata_rx_vlan_tag"),
        U("bpf_xdp_pull_data"),
        U("bpf_xdp_xfrm_state_release"),
        U("css_rstat_flush"),
        U("css_rstat_updated"),
        U("cubictcp_acked"),
        U("cubictcp_cong_avoid"),
        U("cubictcp_cwnd_event"),
        U("cubictcp_init"),
        U("cubictcp_recalc_ssthresh"),
        U("cubictcp_state"),
        U("tcp_cong_avoid_ai"),
        U("tcp_reno_cong_avoid"),
        U("tcp_reno_ssthresh"),
        U("tcp_reno_undo_cwnd"),
        U("tcp_slow_start"),
    ];
}
