using Bpf.Object;

namespace Bpf.Verifier.Platform.Kfuncs;

/// <summary>
/// The kernel-side context struct of each program type (the kern_ctx_type column of include/linux/bpf_types.h),
/// which bpf_cast_to_kern_ctx returns a trusted pointer to.
/// </summary>
public static class KfuncContexts
{
    private static readonly Dictionary<ProgramType, string> KernCtx = new()
    {
        [ProgramType.SocketFilter] = "sk_buff",
        [ProgramType.SchedCls] = "sk_buff",
        [ProgramType.SchedAct] = "sk_buff",
        [ProgramType.Xdp] = "xdp_buff",
        [ProgramType.CgroupSkb] = "sk_buff",
        [ProgramType.CgroupSock] = "sock",
        [ProgramType.CgroupSockAddr] = "bpf_sock_addr_kern",
        [ProgramType.LwtIn] = "sk_buff",
        [ProgramType.LwtOut] = "sk_buff",
        [ProgramType.LwtXmit] = "sk_buff",
        [ProgramType.LwtSeg6local] = "sk_buff",
        [ProgramType.SockOps] = "bpf_sock_ops_kern",
        [ProgramType.SkSkb] = "sk_buff",
        [ProgramType.SkMsg] = "sk_msg",
        [ProgramType.FlowDissector] = "bpf_flow_dissector",
        [ProgramType.Kprobe] = "pt_regs",
        [ProgramType.PerfEvent] = "bpf_perf_event_data_kern",
        [ProgramType.CgroupDevice] = "bpf_cgroup_dev_ctx",
        [ProgramType.CgroupSysctl] = "bpf_sysctl_kern",
        [ProgramType.CgroupSockopt] = "bpf_sockopt_kern",
        [ProgramType.SkReuseport] = "sk_reuseport_kern",
        [ProgramType.SkLookup] = "bpf_sk_lookup_kern",
        [ProgramType.Netfilter] = "bpf_nf_ctx",
    };

    /// <summary>
    /// The UAPI context struct of the program types whose kfunc arguments bpfv recognises as the context
    /// (btf_is_prog_ctx_type); null for the others.
    /// </summary>
    public static string? UapiContextStruct(ProgramType t) => t switch
    {
        ProgramType.SocketFilter or ProgramType.SchedCls or ProgramType.SchedAct or ProgramType.CgroupSkb
            or ProgramType.LwtIn or ProgramType.LwtOut or ProgramType.LwtXmit or ProgramType.LwtSeg6local
            or ProgramType.SkSkb => "__sk_buff",
        ProgramType.Xdp => "xdp_md",
        _ => null,
    };

    /// <summary>Null for program types whose kernel context is not a struct (u64 arrays, void *): not modelled.</summary>
    public static string? KernelContextStruct(ProgramType t) => KernCtx.TryGetValue(t, out var s) ? s : null;
}
