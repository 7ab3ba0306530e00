namespace Bpf.Object.Sections;

/// <summary>Properties a section definition gives its programs (libbpf's SEC_* cookie bits that matter for loading).</summary>
[Flags]
public enum SectionFlags
{
    None = 0,
    Sleepable = 1,      // BPF_F_SLEEPABLE
    XdpFrags = 2,       // BPF_F_XDP_HAS_FRAGS
    AttachBtf = 4,      // needs an attach BTF id resolved from the text after '/'
    Usdt = 8,           // usdt: expected attach type becomes uprobe_multi on kernels with the multi link
}

/// <summary>
/// One entry of libbpf's SEC() table: <c>name+</c> = exact or <c>name/...</c>; <c>name/</c> = prefix; otherwise exact.
/// </summary>
public sealed record SectionDefinition(string Pattern, ProgramType Type, AttachType? ExpectedAttachType, SectionFlags Flags)
{
    /// <summary>The pattern without its trailing '+' marker.</summary>
    public string Stem => Pattern.EndsWith('+') ? Pattern[..^1] : Pattern;

    /// <summary>libbpf 1.x matching (sec_def_matches).</summary>
    public bool Matches(string sectionName)
    {
        if (Pattern.EndsWith('/'))
            return sectionName.StartsWith(Pattern, StringComparison.Ordinal);
        if (Pattern.EndsWith('+'))
        {
            string stem = Stem;
            return sectionName.StartsWith(stem, StringComparison.Ordinal)
                && (sectionName.Length == stem.Length || sectionName[stem.Length] == '/');
        }
        return sectionName == Pattern;
    }
}

/// <summary>
/// GENERATED from section_defs[] of tools/lib/bpf/libbpf.c (libbpf 1.5, as shipped with the 6.12 sources and used by
/// the 6.18 oracle's veristat). Order matters: the first match wins.
/// </summary>
public static class SectionTable
{
    public static readonly SectionDefinition[] Definitions =
    [
        new("socket", ProgramType.SocketFilter, null, SectionFlags.None),
        new("sk_reuseport/migrate", ProgramType.SkReuseport, AttachType.SkReuseportSelectOrMigrate, SectionFlags.None),
        new("sk_reuseport", ProgramType.SkReuseport, AttachType.SkReuseportSelect, SectionFlags.None),
        new("kprobe+", ProgramType.Kprobe, null, SectionFlags.None),
        new("uprobe+", ProgramType.Kprobe, null, SectionFlags.None),
        new("uprobe.s+", ProgramType.Kprobe, null, SectionFlags.Sleepable),
        new("kretprobe+", ProgramType.Kprobe, null, SectionFlags.None),
        new("uretprobe+", ProgramType.Kprobe, null, SectionFlags.None),
        new("uretprobe.s+", ProgramType.Kprobe, null, SectionFlags.Sleepable),
        new("kprobe.multi+", ProgramType.Kprobe, AttachType.TraceKprobeMulti, SectionFlags.None),
        new("kretprobe.multi+", ProgramType.Kprobe, AttachType.TraceKprobeMulti, SectionFlags.None),
        new("kprobe.session+", ProgramType.Kprobe, AttachType.TraceKprobeSession, SectionFlags.None),
        new("uprobe.multi+", ProgramType.Kprobe, AttachType.TraceUprobeMulti, SectionFlags.None),
        new("uretprobe.multi+", ProgramType.Kprobe, AttachType.TraceUprobeMulti, SectionFlags.None),
        new("uprobe.multi.s+", ProgramType.Kprobe, AttachType.TraceUprobeMulti, SectionFlags.Sleepable),
        new("uretprobe.multi.s+", ProgramType.Kprobe, AttachType.TraceUprobeMulti, SectionFlags.Sleepable),
        new("ksyscall+", ProgramType.Kprobe, null, SectionFlags.None),
        new("kretsyscall+", ProgramType.Kprobe, null, SectionFlags.None),
        new("usdt+", ProgramType.Kprobe, null, SectionFlags.Usdt),
        new("usdt.s+", ProgramType.Kprobe, null, SectionFlags.Usdt | SectionFlags.Sleepable),
        new("tc/ingress", ProgramType.SchedCls, AttachType.TcxIngress, SectionFlags.None),
        new("tc/egress", ProgramType.SchedCls, AttachType.TcxEgress, SectionFlags.None),
        new("tcx/ingress", ProgramType.SchedCls, AttachType.TcxIngress, SectionFlags.None),
        new("tcx/egress", ProgramType.SchedCls, AttachType.TcxEgress, SectionFlags.None),
        new("tc", ProgramType.SchedCls, null, SectionFlags.None),
        new("classifier", ProgramType.SchedCls, null, SectionFlags.None),
        new("action", ProgramType.SchedAct, null, SectionFlags.None),
        new("netkit/primary", ProgramType.SchedCls, AttachType.NetkitPrimary, SectionFlags.None),
        new("netkit/peer", ProgramType.SchedCls, AttachType.NetkitPeer, SectionFlags.None),
        new("tracepoint+", ProgramType.Tracepoint, null, SectionFlags.None),
        new("tp+", ProgramType.Tracepoint, null, SectionFlags.None),
        new("raw_tracepoint+", ProgramType.RawTracepoint, null, SectionFlags.None),
        new("raw_tp+", ProgramType.RawTracepoint, null, SectionFlags.None),
        new("raw_tracepoint.w+", ProgramType.RawTracepointWritable, null, SectionFlags.None),
        new("raw_tp.w+", ProgramType.RawTracepointWritable, null, SectionFlags.None),
        new("tp_btf+", ProgramType.Tracing, AttachType.TraceRawTp, SectionFlags.AttachBtf),
        new("fentry+", ProgramType.Tracing, AttachType.TraceFentry, SectionFlags.AttachBtf),
        new("fmod_ret+", ProgramType.Tracing, AttachType.ModifyReturn, SectionFlags.AttachBtf),
        new("fexit+", ProgramType.Tracing, AttachType.TraceFexit, SectionFlags.AttachBtf),
        new("fentry.s+", ProgramType.Tracing, AttachType.TraceFentry, SectionFlags.AttachBtf | SectionFlags.Sleepable),
        new("fmod_ret.s+", ProgramType.Tracing, AttachType.ModifyReturn, SectionFlags.AttachBtf | SectionFlags.Sleepable),
        new("fexit.s+", ProgramType.Tracing, AttachType.TraceFexit, SectionFlags.AttachBtf | SectionFlags.Sleepable),
        new("freplace+", ProgramType.Ext, null, SectionFlags.AttachBtf),
        new("lsm+", ProgramType.Lsm, AttachType.LsmMac, SectionFlags.AttachBtf),
        new("lsm.s+", ProgramType.Lsm, AttachType.LsmMac, SectionFlags.AttachBtf | SectionFlags.Sleepable),
        new("lsm_cgroup+", ProgramType.Lsm, AttachType.LsmCgroup, SectionFlags.AttachBtf),
        new("iter+", ProgramType.Tracing, AttachType.TraceIter, SectionFlags.AttachBtf),
        new("iter.s+", ProgramType.Tracing, AttachType.TraceIter, SectionFlags.AttachBtf | SectionFlags.Sleepable),
        new("syscall", ProgramType.Syscall, null, SectionFlags.Sleepable),
        new("xdp.frags/devmap", ProgramType.Xdp, AttachType.XdpDevmap, SectionFlags.XdpFrags),
        new("xdp/devmap", ProgramType.Xdp, AttachType.XdpDevmap, SectionFlags.None),
        new("xdp.frags/cpumap", ProgramType.Xdp, AttachType.XdpCpumap, SectionFlags.XdpFrags),
        new("xdp/cpumap", ProgramType.Xdp, AttachType.XdpCpumap, SectionFlags.None),
        new("xdp.frags", ProgramType.Xdp, AttachType.Xdp, SectionFlags.XdpFrags),
        new("xdp", ProgramType.Xdp, AttachType.Xdp, SectionFlags.None),
        new("perf_event", ProgramType.PerfEvent, null, SectionFlags.None),
        new("lwt_in", ProgramType.LwtIn, null, SectionFlags.None),
        new("lwt_out", ProgramType.LwtOut, null, SectionFlags.None),
        new("lwt_xmit", ProgramType.LwtXmit, null, SectionFlags.None),
        new("lwt_seg6local", ProgramType.LwtSeg6local, null, SectionFlags.None),
        new("sockops", ProgramType.SockOps, AttachType.CgroupSockOps, SectionFlags.None),
        new("sk_skb/stream_parser", ProgramType.SkSkb, AttachType.SkSkbStreamParser, SectionFlags.None),
        new("sk_skb/stream_verdict", ProgramType.SkSkb, AttachType.SkSkbStreamVerdict, SectionFlags.None),
        new("sk_skb/verdict", ProgramType.SkSkb, AttachType.SkSkbVerdict, SectionFlags.None),
        new("sk_skb", ProgramType.SkSkb, null, SectionFlags.None),
        new("sk_msg", ProgramType.SkMsg, AttachType.SkMsgVerdict, SectionFlags.None),
        new("lirc_mode2", ProgramType.LircMode2, AttachType.LircMode2, SectionFlags.None),
        new("flow_dissector", ProgramType.FlowDissector, AttachType.FlowDissector, SectionFlags.None),
        new("cgroup_skb/ingress", ProgramType.CgroupSkb, AttachType.CgroupInetIngress, SectionFlags.None),
        new("cgroup_skb/egress", ProgramType.CgroupSkb, AttachType.CgroupInetEgress, SectionFlags.None),
        new("cgroup/skb", ProgramType.CgroupSkb, null, SectionFlags.None),
        new("cgroup/sock_create", ProgramType.CgroupSock, AttachType.CgroupInetSockCreate, SectionFlags.None),
        new("cgroup/sock_release", ProgramType.CgroupSock, AttachType.CgroupInetSockRelease, SectionFlags.None),
        new("cgroup/sock", ProgramType.CgroupSock, AttachType.CgroupInetSockCreate, SectionFlags.None),
        new("cgroup/post_bind4", ProgramType.CgroupSock, AttachType.CgroupInet4PostBind, SectionFlags.None),
        new("cgroup/post_bind6", ProgramType.CgroupSock, AttachType.CgroupInet6PostBind, SectionFlags.None),
        new("cgroup/bind4", ProgramType.CgroupSockAddr, AttachType.CgroupInet4Bind, SectionFlags.None),
        new("cgroup/bind6", ProgramType.CgroupSockAddr, AttachType.CgroupInet6Bind, SectionFlags.None),
        new("cgroup/connect4", ProgramType.CgroupSockAddr, AttachType.CgroupInet4Connect, SectionFlags.None),
        new("cgroup/connect6", ProgramType.CgroupSockAddr, AttachType.CgroupInet6Connect, SectionFlags.None),
        new("cgroup/connect_unix", ProgramType.CgroupSockAddr, AttachType.CgroupUnixConnect, SectionFlags.None),
        new("cgroup/sendmsg4", ProgramType.CgroupSockAddr, AttachType.CgroupUdp4Sendmsg, SectionFlags.None),
        new("cgroup/sendmsg6", ProgramType.CgroupSockAddr, AttachType.CgroupUdp6Sendmsg, SectionFlags.None),
        new("cgroup/sendmsg_unix", ProgramType.CgroupSockAddr, AttachType.CgroupUnixSendmsg, SectionFlags.None),
        new("cgroup/recvmsg4", ProgramType.CgroupSockAddr, AttachType.CgroupUdp4Recvmsg, SectionFlags.None),
        new("cgroup/recvmsg6", ProgramType.CgroupSockAddr, AttachType.CgroupUdp6Recvmsg, SectionFlags.None),
        new("cgroup/recvmsg_unix", ProgramType.CgroupSockAddr, AttachType.CgroupUnixRecvmsg, SectionFlags.None),
        new("cgroup/getpeername4", ProgramType.CgroupSockAddr, AttachType.CgroupInet4Getpeername, SectionFlags.None),
        new("cgroup/getpeername6", ProgramType.CgroupSockAddr, AttachType.CgroupInet6Getpeername, SectionFlags.None),
        new("cgroup/getpeername_unix", ProgramType.CgroupSockAddr, AttachType.CgroupUnixGetpeername, SectionFlags.None),
        new("cgroup/getsockname4", ProgramType.CgroupSockAddr, AttachType.CgroupInet4Getsockname, SectionFlags.None),
        new("cgroup/getsockname6", ProgramType.CgroupSockAddr, AttachType.CgroupInet6Getsockname, SectionFlags.None),
        new("cgroup/getsockname_unix", ProgramType.CgroupSockAddr, AttachType.CgroupUnixGetsockname, SectionFlags.None),
        new("cgroup/sysctl", ProgramType.CgroupSysctl, AttachType.CgroupSysctl, SectionFlags.None),
        new("cgroup/getsockopt", ProgramType.CgroupSockopt, AttachType.CgroupGetsockopt, SectionFlags.None),
        new("cgroup/setsockopt", ProgramType.CgroupSockopt, AttachType.CgroupSetsockopt, SectionFlags.None),
        new("cgroup/dev", ProgramType.CgroupDevice, AttachType.CgroupDevice, SectionFlags.None),
        new("struct_ops+", ProgramType.StructOps, null, SectionFlags.None),
        new("struct_ops.s+", ProgramType.StructOps, null, SectionFlags.Sleepable),
        new("sk_lookup", ProgramType.SkLookup, AttachType.SkLookup, SectionFlags.None),
        new("netfilter", ProgramType.Netfilter, AttachType.Netfilter, SectionFlags.None),
    ];
}
