namespace Bpf.Object;

/// <summary>
/// Kernel spellings of program and attach types: the enum names of include/uapi/linux/bpf.h without their
/// <c>BPF_PROG_TYPE_</c>/<c>BPF_</c> prefix, in lower case (<c>sched_cls</c>, <c>cgroup_inet_ingress</c>).
/// </summary>
public static class TypeNames
{
    private static readonly string[] ProgramTypeNames =
    [
        "unspec", "socket_filter", "kprobe", "sched_cls", "sched_act", "tracepoint", "xdp", "perf_event", "cgroup_skb",
        "cgroup_sock", "lwt_in", "lwt_out", "lwt_xmit", "sock_ops", "sk_skb", "cgroup_device", "sk_msg", "raw_tracepoint",
        "cgroup_sock_addr", "lwt_seg6local", "lirc_mode2", "sk_reuseport", "flow_dissector", "cgroup_sysctl",
        "raw_tracepoint_writable", "cgroup_sockopt", "tracing", "struct_ops", "ext", "lsm", "sk_lookup", "syscall", "netfilter",
    ];

    private static readonly string[] AttachTypeNames =
    [
        "cgroup_inet_ingress",
        "cgroup_inet_egress",
        "cgroup_inet_sock_create",
        "cgroup_sock_ops",
        "sk_skb_stream_parser",
        "sk_skb_stream_verdict",
        "cgroup_device",
        "sk_msg_verdict",
        "cgroup_inet4_bind",
        "cgroup_inet6_bind",
        "cgroup_inet4_connect",
        "cgroup_inet6_connect",
        "cgroup_inet4_post_bind",
        "cgroup_inet6_post_bind",
        "cgroup_udp4_sendmsg",
        "cgroup_udp6_sendmsg",
        "lirc_mode2",
        "flow_dissector",
        "cgroup_sysctl",
        "cgroup_udp4_recvmsg",
        "cgroup_udp6_recvmsg",
        "cgroup_getsockopt",
        "cgroup_setsockopt",
        "trace_raw_tp",
        "trace_fentry",
        "trace_fexit",
        "modify_return",
        "lsm_mac",
        "trace_iter",
        "cgroup_inet4_getpeername",
        "cgroup_inet6_getpeername",
        "cgroup_inet4_getsockname",
        "cgroup_inet6_getsockname",
        "xdp_devmap",
        "cgroup_inet_sock_release",
        "xdp_cpumap",
        "sk_lookup",
        "xdp",
        "sk_skb_verdict",
        "sk_reuseport_select",
        "sk_reuseport_select_or_migrate",
        "perf_event",
        "trace_kprobe_multi",
        "lsm_cgroup",
        "struct_ops",
        "netfilter",
        "tcx_ingress",
        "tcx_egress",
        "trace_uprobe_multi",
        "cgroup_unix_connect",
        "cgroup_unix_sendmsg",
        "cgroup_unix_recvmsg",
        "cgroup_unix_getpeername",
        "cgroup_unix_getsockname",
        "netkit_primary",
        "netkit_peer",
        "trace_kprobe_session",
        "trace_uprobe_session",
    ];

    public static string Name(this ProgramType type) =>
        (uint)type < (uint)ProgramTypeNames.Length ? ProgramTypeNames[(int)type] : ((int)type).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Name(this AttachType type) =>
        (uint)type < (uint)AttachTypeNames.Length ? AttachTypeNames[(int)type] : ((int)type).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses a program type name (case-insensitive; a <c>BPF_PROG_TYPE_</c> prefix is accepted).</summary>
    public static bool TryParseProgramType(string text, out ProgramType type)
    {
        string s = Strip(text, "bpf_prog_type_");
        for (int i = 0; i < ProgramTypeNames.Length; i++)
        {
            if (string.Equals(ProgramTypeNames[i], s, StringComparison.OrdinalIgnoreCase))
            {
                type = (ProgramType)i;
                return true;
            }
        }
        type = ProgramType.Unspec;
        return false;
    }

    /// <summary>Parses an attach type name (case-insensitive; a <c>BPF_</c> prefix is accepted).</summary>
    public static bool TryParseAttachType(string text, out AttachType type)
    {
        string s = Strip(text, "bpf_");
        for (int i = 0; i < AttachTypeNames.Length; i++)
        {
            if (string.Equals(AttachTypeNames[i], s, StringComparison.OrdinalIgnoreCase))
            {
                type = (AttachType)i;
                return true;
            }
        }
        type = default;
        return false;
    }

    private static string Strip(string text, string prefix) =>
        text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? text[prefix.Length..] : text;
}
