namespace Bpf.Object;

/// <summary>enum bpf_prog_type (include/uapi/linux/bpf.h); names as the kernel spells them without prefix, in lower case, are the CLI spelling.</summary>
public enum ProgramType
{
    Unspec = 0,
    SocketFilter, Kprobe, SchedCls, SchedAct, Tracepoint, Xdp, PerfEvent, CgroupSkb, CgroupSock,
    LwtIn, LwtOut, LwtXmit, SockOps, SkSkb, CgroupDevice, SkMsg, RawTracepoint, CgroupSockAddr,
    LwtSeg6local, LircMode2, SkReuseport, FlowDissector, CgroupSysctl, RawTracepointWritable,
    CgroupSockopt, Tracing, StructOps, Ext, Lsm, SkLookup, Syscall, Netfilter,
}

/// <summary>enum bpf_attach_type (include/uapi/linux/bpf.h of Linux 6.18), in kernel order so values match.</summary>
public enum AttachType
{
    CgroupInetIngress = 0,  // BPF_CGROUP_INET_INGRESS
    CgroupInetEgress,  // BPF_CGROUP_INET_EGRESS
    CgroupInetSockCreate,  // BPF_CGROUP_INET_SOCK_CREATE
    CgroupSockOps,  // BPF_CGROUP_SOCK_OPS
    SkSkbStreamParser,  // BPF_SK_SKB_STREAM_PARSER
    SkSkbStreamVerdict,  // BPF_SK_SKB_STREAM_VERDICT
    CgroupDevice,  // BPF_CGROUP_DEVICE
    SkMsgVerdict,  // BPF_SK_MSG_VERDICT
    CgroupInet4Bind,  // BPF_CGROUP_INET4_BIND
    CgroupInet6Bind,  // BPF_CGROUP_INET6_BIND
    CgroupInet4Connect,  // BPF_CGROUP_INET4_CONNECT
    CgroupInet6Connect,  // BPF_CGROUP_INET6_CONNECT
    CgroupInet4PostBind,  // BPF_CGROUP_INET4_POST_BIND
    CgroupInet6PostBind,  // BPF_CGROUP_INET6_POST_BIND
    CgroupUdp4Sendmsg,  // BPF_CGROUP_UDP4_SENDMSG
    CgroupUdp6Sendmsg,  // BPF_CGROUP_UDP6_SENDMSG
    LircMode2,  // BPF_LIRC_MODE2
    FlowDissector,  // BPF_FLOW_DISSECTOR
    CgroupSysctl,  // BPF_CGROUP_SYSCTL
    CgroupUdp4Recvmsg,  // BPF_CGROUP_UDP4_RECVMSG
    CgroupUdp6Recvmsg,  // BPF_CGROUP_UDP6_RECVMSG
    CgroupGetsockopt,  // BPF_CGROUP_GETSOCKOPT
    CgroupSetsockopt,  // BPF_CGROUP_SETSOCKOPT
    TraceRawTp,  // BPF_TRACE_RAW_TP
    TraceFentry,  // BPF_TRACE_FENTRY
    TraceFexit,  // BPF_TRACE_FEXIT
    ModifyReturn,  // BPF_MODIFY_RETURN
    LsmMac,  // BPF_LSM_MAC
    TraceIter,  // BPF_TRACE_ITER
    CgroupInet4Getpeername,  // BPF_CGROUP_INET4_GETPEERNAME
    CgroupInet6Getpeername,  // BPF_CGROUP_INET6_GETPEERNAME
    CgroupInet4Getsockname,  // BPF_CGROUP_INET4_GETSOCKNAME
    CgroupInet6Getsockname,  // BPF_CGROUP_INET6_GETSOCKNAME
    XdpDevmap,  // BPF_XDP_DEVMAP
    CgroupInetSockRelease,  // BPF_CGROUP_INET_SOCK_RELEASE
    XdpCpumap,  // BPF_XDP_CPUMAP
    SkLookup,  // BPF_SK_LOOKUP
    Xdp,  // BPF_XDP
    SkSkbVerdict,  // BPF_SK_SKB_VERDICT
    SkReuseportSelect,  // BPF_SK_REUSEPORT_SELECT
    SkReuseportSelectOrMigrate,  // BPF_SK_REUSEPORT_SELECT_OR_MIGRATE
    PerfEvent,  // BPF_PERF_EVENT
    TraceKprobeMulti,  // BPF_TRACE_KPROBE_MULTI
    LsmCgroup,  // BPF_LSM_CGROUP
    StructOps,  // BPF_STRUCT_OPS
    Netfilter,  // BPF_NETFILTER
    TcxIngress,  // BPF_TCX_INGRESS
    TcxEgress,  // BPF_TCX_EGRESS
    TraceUprobeMulti,  // BPF_TRACE_UPROBE_MULTI
    CgroupUnixConnect,  // BPF_CGROUP_UNIX_CONNECT
    CgroupUnixSendmsg,  // BPF_CGROUP_UNIX_SENDMSG
    CgroupUnixRecvmsg,  // BPF_CGROUP_UNIX_RECVMSG
    CgroupUnixGetpeername,  // BPF_CGROUP_UNIX_GETPEERNAME
    CgroupUnixGetsockname,  // BPF_CGROUP_UNIX_GETSOCKNAME
    NetkitPrimary,  // BPF_NETKIT_PRIMARY
    NetkitPeer,  // BPF_NETKIT_PEER
    TraceKprobeSession,  // BPF_TRACE_KPROBE_SESSION
    TraceUprobeSession,  // BPF_TRACE_UPROBE_SESSION (6.13+)
    // Complete for 6.18: its BTF ends the enum with __MAX_BPF_ATTACH_TYPE = 58.
}
