namespace Bpf.Verifier.Platform.Kfuncs;

/// <summary>
/// The TCP congestion-control kfuncs registered for BPF_PROG_TYPE_STRUCT_OPS without flags: bpf_tcp_ca_kfunc_set
/// (net/ipv4/bpf_tcp_ca.c), tcp_cubic_kfunc_set (tcp_cubic.c) and tcp_bbr_kfunc_set (tcp_bbr.c).
/// </summary>
internal static class StructOpsKfuncs
{
    private static KfuncInfo K(string name) => new(name, KfuncFlags.None, KfuncSet.StructOps);

    public static readonly KfuncInfo[] All =
    [
        K("tcp_reno_ssthresh"),
        K("tcp_reno_cong_avoid"),
        K("tcp_reno_undo_cwnd"),
        K("tcp_slow_start"),
        K("tcp_cong_avoid_ai"),
        K("cubictcp_init"),
        K("cubictcp_recalc_ssthresh"),
        K("cubictcp_cong_avoid"),
        K("cubictcp_state"),
        K("cubictcp_cwnd_event"),
        K("cubictcp_acked"),
        K("bbr_init"),
        K("bbr_main"),
        K("bbr_sndbuf_expand"),
        K("bbr_undo_cwnd"),
        K("bbr_cwnd_event"),
        K("bbr_ssthresh"),
        K("bbr_min_tso_segs"),
        K("bbr_set_state"),
    ];
}
