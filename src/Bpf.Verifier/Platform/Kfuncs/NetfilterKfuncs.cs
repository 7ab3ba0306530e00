using static Bpf.Verifier.Platform.Kfuncs.KfuncFlags;

namespace Bpf.Verifier.Platform.Kfuncs;

/// <summary>Conntrack and NAT kfuncs: nf_ct_kfunc_set (net/netfilter/nf_conntrack_bpf.c) and nf_nat_kfunc_set (nf_nat_bpf.c).</summary>
internal static class NetfilterKfuncs
{
    private static KfuncInfo K(string name, KfuncFlags f) => new(name, f, KfuncSet.NfConntrack);

    public static readonly KfuncInfo[] All =
    [
        K("bpf_xdp_ct_alloc", Acquire | RetNull),
        K("bpf_xdp_ct_lookup", Acquire | RetNull),
        K("bpf_skb_ct_alloc", Acquire | RetNull),
        K("bpf_skb_ct_lookup", Acquire | RetNull),
        K("bpf_ct_insert_entry", Acquire | RetNull | Release),
        K("bpf_ct_release", Release),
        K("bpf_ct_set_timeout", TrustedArgs),
        K("bpf_ct_change_timeout", TrustedArgs),
        K("bpf_ct_set_status", TrustedArgs),
        K("bpf_ct_change_status", TrustedArgs),
        // union nf_inet_addr * without a size: a PTR_TO_MEM argument of the union's size.
        K("bpf_ct_set_nat_info", TrustedArgs),
    ];
}
