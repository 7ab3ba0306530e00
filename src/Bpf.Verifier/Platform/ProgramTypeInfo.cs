using Bpf.Object;

namespace Bpf.Verifier.Platform;

/// <summary>Which helper families a program type may call.</summary>
[Flags]
public enum HelperFamily
{
    Base = 1,
    Tracing = 2,
    /// <summary>Helpers taking an skb context (skb_load_bytes ...).</summary>
    Skb = 4,
}

/// <summary>Direct packet access of a program type (may_access_direct_pkt_data).</summary>
public enum PacketAccess : byte
{
    None,
    Read,
    ReadWrite,
}

/// <summary>Per program type knowledge: context layout, return range, helper families.</summary>
public sealed record ProgramTypeInfo(
    ProgramType Type,
    ContextLayout? Context,
    (int Min, int Max)? ReturnRange,
    HelperFamily Helpers)
{
    /// <summary>Whether packet pointers may be written through.</summary>
    public PacketAccess Packet { get; init; } = PacketAccess.None;

    /// <summary>may_access_skb: BPF_LD_ABS/BPF_LD_IND are allowed.</summary>
    public bool LdAbs { get; init; }
}

public static class ProgramTypes
{
    private const HelperFamily Net = HelperFamily.Base | HelperFamily.Skb;
    private const HelperFamily Trace = HelperFamily.Base | HelperFamily.Tracing;

    private static readonly Dictionary<ProgramType, ProgramTypeInfo> Table = new()
    {
        [ProgramType.SocketFilter] = new(ProgramType.SocketFilter, SkbContexts.SocketFilter, null, Net) { LdAbs = true },
        [ProgramType.Xdp] = new(ProgramType.Xdp, XdpContexts.Xdp, null, HelperFamily.Base) { Packet = PacketAccess.ReadWrite },
        [ProgramType.SchedCls] = new(ProgramType.SchedCls, SkbContexts.Tc, null, Net) { Packet = PacketAccess.ReadWrite, LdAbs = true },
        [ProgramType.SchedAct] = new(ProgramType.SchedAct, SkbContexts.Tc, null, Net) { Packet = PacketAccess.ReadWrite, LdAbs = true },
        [ProgramType.Kprobe] = new(ProgramType.Kprobe, TracingContexts.Kprobe, null, Trace),
        [ProgramType.Tracepoint] = new(ProgramType.Tracepoint, TracingContexts.Tracepoint, null, Trace),
        [ProgramType.PerfEvent] = new(ProgramType.PerfEvent, TracingContexts.PerfEvent, null, Trace),
        [ProgramType.RawTracepoint] = new(ProgramType.RawTracepoint, TracingContexts.RawTracepoint, null, Trace),
        [ProgramType.RawTracepointWritable] = new(ProgramType.RawTracepointWritable, TracingContexts.RawTracepointWritable, null, Trace),
        [ProgramType.CgroupSkb] = new(ProgramType.CgroupSkb, SkbContexts.Cgroup, (0, 1), Net) { Packet = PacketAccess.Read },
        [ProgramType.SockOps] = new(ProgramType.SockOps, SockContexts.SockOps, (0, 1), HelperFamily.Base) { Packet = PacketAccess.Read },
        [ProgramType.CgroupDevice] = new(ProgramType.CgroupDevice, CgroupContexts.Device, (0, 1), HelperFamily.Base),
        [ProgramType.CgroupSysctl] = new(ProgramType.CgroupSysctl, CgroupContexts.Sysctl, (0, 1), HelperFamily.Base),
        [ProgramType.LwtIn] = new(ProgramType.LwtIn, SkbContexts.Lwt, null, Net) { Packet = PacketAccess.Read },
        [ProgramType.LwtOut] = new(ProgramType.LwtOut, SkbContexts.Lwt, null, Net) { Packet = PacketAccess.Read },
        [ProgramType.LwtSeg6local] = new(ProgramType.LwtSeg6local, SkbContexts.Lwt, null, Net) { Packet = PacketAccess.Read },
        [ProgramType.LwtXmit] = new(ProgramType.LwtXmit, SkbContexts.Lwt, null, Net) { Packet = PacketAccess.ReadWrite },
        [ProgramType.SkSkb] = new(ProgramType.SkSkb, SkbContexts.SkSkb, null, Net) { Packet = PacketAccess.ReadWrite },
        [ProgramType.FlowDissector] = new(ProgramType.FlowDissector, SkbContexts.FlowDissector, null, Net) { Packet = PacketAccess.Read },
        [ProgramType.SkMsg] = new(ProgramType.SkMsg, SocketMapContexts.SkMsg, null, HelperFamily.Base) { Packet = PacketAccess.ReadWrite },
        [ProgramType.SkLookup] = new(ProgramType.SkLookup, SocketMapContexts.SkLookup, (0, 1), HelperFamily.Base),
        [ProgramType.SkReuseport] = new(ProgramType.SkReuseport, SocketMapContexts.SkReuseport, null, HelperFamily.Base) { Packet = PacketAccess.Read },
        [ProgramType.Syscall] = new(ProgramType.Syscall, MiscContexts.Syscall, null, HelperFamily.Base),
        [ProgramType.Netfilter] = new(ProgramType.Netfilter, MiscContexts.Netfilter, (0, 1), HelperFamily.Base),
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
        ProgramType.CgroupSockAddr => new(type, SockContexts.SockAddr(attach), SockAddrReturn(attach), HelperFamily.Base),
        ProgramType.CgroupSock => new(type, SockContexts.CgroupSock(attach), (0, 1), HelperFamily.Base),
        ProgramType.CgroupSockopt => new(type, CgroupContexts.Sockopt(attach), (0, 1), HelperFamily.Base) { Packet = PacketAccess.ReadWrite },
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
