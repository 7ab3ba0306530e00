namespace Bpf.Verifier.Platform.Kfuncs;

/// <summary>The KF_* flags of BTF_ID_FLAGS (include/linux/btf.h) and bpfv's own mark for kfuncs it does not model.</summary>
[Flags]
public enum KfuncFlags
{
    None = 0,
    Acquire = 1 << 0,
    Release = 1 << 1,
    RetNull = 1 << 2,
    TrustedArgs = 1 << 4,
    Sleepable = 1 << 5,
    Destructive = 1 << 6,
    Rcu = 1 << 7,
    IterNew = 1 << 8,
    IterNext = 1 << 9,
    IterDestroy = 1 << 10,
    RcuProtected = 1 << 11,
    Fastcall = 1 << 12,
    /// <summary>
    /// bpfv: is_kfunc_pkt_changing (bpf_xdp_pull_data): the call invalidates every packet pointer, and a subprogram
    /// calling it changes_pkt_data for its callers.
    /// </summary>
    PktChanging = 1 << 28,
    /// <summary>
    /// bpf_dev_bound_kfunc_id (the XDP metadata kfuncs): add_kfunc_call refuses them unless the program is bound to a
    /// device, which a veristat-style load never is.
    /// </summary>
    DevBound = 1 << 29,
    /// <summary>bpfv: calls stay rejected as unsupported (arguments, return or side effects not modelled).</summary>
    Unmodelled = 1 << 30,
}

/// <summary>
/// A kfunc id set as registered with register_btf_kfunc_id_set: which program types (hooks) may call its members.
/// </summary>
public enum KfuncSet
{
    /// <summary>Registration not recorded in bpfv: permission is not decided, so calls stay unsupported.</summary>
    Unknown,
    /// <summary>common_kfunc_set (kernel/bpf/helpers.c): BPF_PROG_TYPE_UNSPEC, every program type.</summary>
    Common,
    /// <summary>generic_kfunc_set (kernel/bpf/helpers.c): TRACING, SCHED_CLS, XDP, STRUCT_OPS, SYSCALL, CGROUP_SKB hooks (the CGROUP_SKB hook is shared by every cgroup program type).</summary>
    Generic,
    /// <summary>cpumask_kfunc_set (kernel/bpf/cpumask.c): TRACING, STRUCT_OPS, SYSCALL hooks.</summary>
    Cpumask,
    /// <summary>nf_conntrack_kfunc_set and nf_nat_kfunc_set (net/netfilter/nf_*_bpf.c): XDP and SCHED_CLS.</summary>
    NfConntrack,
    /// <summary>bpf_kfunc_set_skb (net/core/filter.c): the skb program types, netfilter and tracing.</summary>
    Skb,
    /// <summary>bpf_kfunc_set_xdp (net/core/filter.c): XDP.</summary>
    Xdp,
    /// <summary>bpf_kfunc_set_skb_meta (net/core/filter.c): SCHED_CLS and SCHED_ACT.</summary>
    SkbMeta,
    /// <summary>bpf_kprobe_multi_kfunc_set (kernel/trace/bpf_trace.c): KPROBE, filtered to kprobe.session programs.</summary>
    KprobeSession,
    /// <summary>Sets registered for BPF_PROG_TYPE_STRUCT_OPS alone (TCP congestion-control kfuncs).</summary>
    StructOps,
    /// <summary>Sets registered for BPF_PROG_TYPE_SYSCALL alone (crypt_init_kfunc_set).</summary>
    Syscall,
    /// <summary>crypt_kfunc_set (kernel/bpf/crypto.c): SCHED_CLS, SCHED_ACT and XDP.</summary>
    Crypto,
    /// <summary>Sets registered for one cgroup program type: the hook all cgroup program types share.</summary>
    CgroupHook,
    /// <summary>test_sk_check_kfunc_ids (net/bpf/test_run.c): SCHED_CLS, TRACING and SYSCALL.</summary>
    TestRun,
    /// <summary>Sets registered for BPF_PROG_TYPE_SCHED_CLS alone (bpf_kfunc_set_tcp_reqsk, net/core/filter.c).</summary>
    SchedCls,
    /// <summary>bpf_sk_iter_kfunc_set (net/core/filter.c): TRACING, filtered to iterator programs (tracing_iter_filter).</summary>
    SkIter,
    /// <summary>Sets registered for BPF_PROG_TYPE_TRACING alone (bpf_rstat_kfunc_set): the tracing hook's program types.</summary>
    Tracing,
    /// <summary>Sets registered for BPF_PROG_TYPE_SOCK_OPS alone (bpf_kfunc_set_sock_ops, net/core/filter.c).</summary>
    SockOps,
}

/// <summary>One kernel function callable from BPF: its flags and the set that registers it.</summary>
public sealed record KfuncInfo(string Name, KfuncFlags Flags, KfuncSet Set)
{
    public bool Has(KfuncFlags f) => (Flags & f) != 0;

    public bool IsModelled => (Flags & KfuncFlags.Unmodelled) == 0 && Set != KfuncSet.Unknown;
}
