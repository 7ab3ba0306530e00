using Bpf.Object;

namespace Bpf.Verifier.Platform;

/// <summary>Direct packet access of a program type (may_access_direct_pkt_data).</summary>
public enum PacketAccess : byte
{
    None,
    Read,
    ReadWrite,
}

/// <summary>
/// Per program type knowledge: context layout, return range, packet access. Which helpers a type may call is
/// <see cref="Helpers.HelperAvailability"/>'s table.
/// </summary>
public sealed record ProgramTypeInfo(
    ProgramType Type,
    ContextLayout? Context,
    (int Min, int Max)? ReturnRange)
{
    /// <summary>Whether packet pointers may be written through.</summary>
    public PacketAccess Packet { get; init; } = PacketAccess.None;

    /// <summary>may_access_skb: BPF_LD_ABS/BPF_LD_IND are allowed.</summary>
    public bool LdAbs { get; init; }

    /// <summary>
    /// A void LSM hook or struct_ops member: check_return_code returns before even reading R0 at the main
    /// program's exit.
    /// </summary>
    public bool VoidReturn { get; init; }
}

public static class ProgramTypes
{
    private static readonly Dictionary<ProgramType, ProgramTypeInfo> Table = new()
    {
        [ProgramType.SocketFilter] = new(ProgramType.SocketFilter, SkbContexts.SocketFilter, null) { LdAbs = true },
        [ProgramType.Xdp] = new(ProgramType.Xdp, XdpContexts.Xdp, null) { Packet = PacketAccess.ReadWrite },
        [ProgramType.SchedCls] = new(ProgramType.SchedCls, SkbContexts.Tc, null) { Packet = PacketAccess.ReadWrite, LdAbs = true },
        [ProgramType.SchedAct] = new(ProgramType.SchedAct, SkbContexts.Tc, null) { Packet = PacketAccess.ReadWrite, LdAbs = true },
        [ProgramType.Kprobe] = new(ProgramType.Kprobe, TracingContexts.Kprobe, null),
        [ProgramType.Tracepoint] = new(ProgramType.Tracepoint, TracingContexts.Tracepoint, null),
        [ProgramType.PerfEvent] = new(ProgramType.PerfEvent, TracingContexts.PerfEvent, null),
        [ProgramType.RawTracepoint] = new(ProgramType.RawTracepoint, TracingContexts.RawTracepoint, null),
        [ProgramType.RawTracepointWritable] = new(ProgramType.RawTracepointWritable, TracingContexts.RawTracepointWritable, null),
        [ProgramType.CgroupSkb] = new(ProgramType.CgroupSkb, SkbContexts.Cgroup, (0, 1)) { Packet = PacketAccess.Read },
        [ProgramType.SockOps] = new(ProgramType.SockOps, SockContexts.SockOps, (0, 1)) { Packet = PacketAccess.Read },
        [ProgramType.CgroupDevice] = new(ProgramType.CgroupDevice, CgroupContexts.Device, (0, 1)),
        [ProgramType.CgroupSysctl] = new(ProgramType.CgroupSysctl, CgroupContexts.Sysctl, (0, 1)),
        [ProgramType.LwtIn] = new(ProgramType.LwtIn, SkbContexts.Lwt, null) { Packet = PacketAccess.Read },
        [ProgramType.LwtOut] = new(ProgramType.LwtOut, SkbContexts.Lwt, null) { Packet = PacketAccess.Read },
        [ProgramType.LwtSeg6local] = new(ProgramType.LwtSeg6local, SkbContexts.Lwt, null) { Packet = PacketAccess.Read },
        [ProgramType.LwtXmit] = new(ProgramType.LwtXmit, SkbContexts.Lwt, null) { Packet = PacketAccess.ReadWrite },
        [ProgramType.SkSkb] = new(ProgramType.SkSkb, SkbContexts.SkSkb, null) { Packet = PacketAccess.ReadWrite },
        [ProgramType.FlowDissector] = new(ProgramType.FlowDissector, SkbContexts.FlowDissector, null) { Packet = PacketAccess.Read },
        [ProgramType.SkMsg] = new(ProgramType.SkMsg, SocketMapContexts.SkMsg, null) { Packet = PacketAccess.ReadWrite },
        [ProgramType.SkLookup] = new(ProgramType.SkLookup, SocketMapContexts.SkLookup, (0, 1)),
        [ProgramType.SkReuseport] = new(ProgramType.SkReuseport, SocketMapContexts.SkReuseport, null) { Packet = PacketAccess.Read },
        [ProgramType.Syscall] = new(ProgramType.Syscall, MiscContexts.Syscall, null),
        [ProgramType.Netfilter] = new(ProgramType.Netfilter, MiscContexts.Netfilter, (0, 1)),
    };

    /// <summary>Program types whose context or return range depends on the expected attach type.</summary>
    private static readonly Dictionary<(ProgramType, AttachType), ProgramTypeInfo> ByAttach = [];

    /// <summary>
    /// The knowledge for one program: BTF-typed program types (tracing, LSM, struct_ops, ext) come from
    /// <see cref="BtfProgramTypes"/>, whose answer depends on the attach target; the rest from the fixed tables.
    /// </summary>
    public static ProgramTypeInfo? Find(ProgramSpec prog)
    {
        var btf = BtfProgramTypes.Find(prog);
        if (btf != null)
            return btf;
        // The kernel sees expected_attach_type 0 (BPF_CGROUP_INET_INGRESS) when the loader sets none.
        var attach = prog.ExpectedAttachType ?? AttachType.CgroupInetIngress;
        switch (prog.Type)
        {
            case ProgramType.CgroupSockAddr:
            case ProgramType.CgroupSock:
            case ProgramType.CgroupSockopt:
            case ProgramType.CgroupSkb when attach == AttachType.CgroupInetEgress:
            case ProgramType.Xdp when attach == AttachType.XdpDevmap:
            case ProgramType.Kprobe when attach == AttachType.TraceKprobeSession:
                lock (ByAttach)
                {
                    if (!ByAttach.TryGetValue((prog.Type, attach), out var info))
                        ByAttach[(prog.Type, attach)] = info = ForAttach(prog.Type, attach);
                    return info;
                }
            default:
                return Table.TryGetValue(prog.Type, out var i) ? i : null;
        }
    }

    /// <summary>The attach-type dependent entries (contexts of *_is_valid_access, ranges of check_return_code).</summary>
    private static ProgramTypeInfo ForAttach(ProgramType type, AttachType attach) => type switch
    {
        ProgramType.CgroupSockAddr => new(type, SockContexts.SockAddr(attach), SockAddrReturn(attach)),
        ProgramType.CgroupSock => new(type, SockContexts.CgroupSock(attach), (0, 1)),
        ProgramType.CgroupSockopt => new(type, CgroupContexts.Sockopt(attach), (0, 1)) { Packet = PacketAccess.ReadWrite },
        // Egress programs may also return the congestion-notification verdicts 2 and 3.
        ProgramType.CgroupSkb => Table[type] with { ReturnRange = (0, 3) },
        ProgramType.Xdp => Table[type] with { Context = XdpContexts.Devmap },
        ProgramType.Kprobe => Table[type] with { ReturnRange = (0, 1) },
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static (int, int) SockAddrReturn(AttachType attach) => attach switch
    {
        AttachType.CgroupUdp4Recvmsg or AttachType.CgroupUdp6Recvmsg or AttachType.CgroupUnixRecvmsg
            or AttachType.CgroupInet4Getpeername or AttachType.CgroupInet6Getpeername or AttachType.CgroupUnixGetpeername
            or AttachType.CgroupInet4Getsockname or AttachType.CgroupInet6Getsockname or AttachType.CgroupUnixGetsockname => (1, 1),
        AttachType.CgroupInet4Bind or AttachType.CgroupInet6Bind => (0, 3),
        _ => (0, 1),
    };
}
