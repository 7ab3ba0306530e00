using Bpf.Object;

namespace Bpf.Verifier.Platform;

/// <summary>
/// The context struct names of include/linux/bpf_types.h: what a BTF argument must point to for the kernel to treat
/// it as the program's context (btf_is_prog_ctx_type), used for global functions and the main program's prototype.
/// </summary>
public static class ProgramContextTypes
{
    private static readonly Dictionary<ProgramType, string[]> Names = new()
    {
        // The uapi struct first, then the kernel struct it projects (btf_is_projection_of) or resolves to (typedefs).
        [ProgramType.SocketFilter] = ["__sk_buff", "sk_buff"],
        [ProgramType.SchedCls] = ["__sk_buff", "sk_buff"],
        [ProgramType.SchedAct] = ["__sk_buff", "sk_buff"],
        [ProgramType.CgroupSkb] = ["__sk_buff", "sk_buff"],
        [ProgramType.LwtIn] = ["__sk_buff", "sk_buff"],
        [ProgramType.LwtOut] = ["__sk_buff", "sk_buff"],
        [ProgramType.LwtXmit] = ["__sk_buff", "sk_buff"],
        [ProgramType.LwtSeg6local] = ["__sk_buff", "sk_buff"],
        [ProgramType.SkSkb] = ["__sk_buff", "sk_buff"],
        [ProgramType.FlowDissector] = ["__sk_buff", "sk_buff"],
        [ProgramType.Xdp] = ["xdp_md", "xdp_buff"],
        [ProgramType.CgroupSock] = ["bpf_sock"],
        [ProgramType.CgroupSockAddr] = ["bpf_sock_addr"],
        [ProgramType.SockOps] = ["bpf_sock_ops"],
        [ProgramType.SkMsg] = ["sk_msg_md"],
        // bpf_user_pt_regs_t is a typedef of struct pt_regs on x86-64; the typedef itself is matched by name first.
        [ProgramType.Kprobe] = ["pt_regs", "bpf_user_pt_regs_t"],
        [ProgramType.PerfEvent] = ["bpf_perf_event_data"],
        [ProgramType.RawTracepoint] = ["bpf_raw_tracepoint_args"],
        [ProgramType.RawTracepointWritable] = ["bpf_raw_tracepoint_args"],
        [ProgramType.CgroupDevice] = ["bpf_cgroup_dev_ctx"],
        [ProgramType.CgroupSysctl] = ["bpf_sysctl"],
        [ProgramType.CgroupSockopt] = ["bpf_sockopt"],
        [ProgramType.SkReuseport] = ["sk_reuseport_md"],
        [ProgramType.SkLookup] = ["bpf_sk_lookup"],
        [ProgramType.Netfilter] = ["bpf_nf_ctx"],
        // Tracepoint (__u64), lirc (__u32) and the void * types (tracing, struct_ops, ext, lsm, syscall) never match.
    };

    /// <summary>True when a struct named <paramref name="structName"/> is this program type's context.</summary>
    public static bool IsContextStruct(ProgramType type, string structName) =>
        Names.TryGetValue(type, out var names) && Array.IndexOf(names, structName) >= 0;

    /// <summary>Kprobe programs may name their context through the bpf_user_pt_regs_t typedef.</summary>
    public static bool IsContextTypedef(ProgramType type, string typedefName) =>
        type == ProgramType.Kprobe && typedefName == "bpf_user_pt_regs_t";

    /// <summary>The kern_ctx_type column: the kernel struct behind the context (what bpf_cast_to_kern_ctx returns).</summary>
    private static readonly Dictionary<ProgramType, string> KernelNames = new()
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

    /// <summary>Null for program types whose kernel context is not a struct (u64 arrays, void *).</summary>
    public static string? KernelStruct(ProgramType type) => KernelNames.TryGetValue(type, out var s) ? s : null;
}
