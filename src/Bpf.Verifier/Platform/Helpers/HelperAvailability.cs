using Bpf.Isa;
using Bpf.Object;

namespace Bpf.Verifier.Platform.Helpers;

/// <summary>Answer of <see cref="HelperAvailability.Check"/>.</summary>
public enum HelperAccess : byte
{
    Allowed,
    /// <summary>The type's get_func_proto returns NULL: "program of this type cannot use helper NAME#ID".</summary>
    Refused,
    /// <summary>bpfv does not know this program type's chain (fentry/fexit/lsm/struct_ops/ext...).</summary>
    UnknownProgramType,
}

public static partial class HelperAvailability
{
    private static readonly Dictionary<ProgramType, bool[]> ByType = BuildByType();
    private static readonly bool[] TpBtfSet = ToSet(TpBtf);
    private static readonly bool[] IterSet = ToSet(Iter);

    /// <summary>
    /// Helpers a chain offers only for some expected attach types (sock_addr_func_proto, cg_sockopt_func_proto,
    /// cgroup_common_func_proto): the helper is refused for every other attach type of that program type.
    /// </summary>
    private static readonly (ProgramType Type, string Helper, AttachType[] Only)[] AttachOnly =
    [
        (ProgramType.CgroupSockAddr, "bind", [AttachType.CgroupInet4Connect, AttachType.CgroupInet6Connect]),
        (ProgramType.CgroupSockopt, "setsockopt", [AttachType.CgroupSetsockopt]),
        (ProgramType.CgroupSockopt, "getsockopt", [AttachType.CgroupSetsockopt]),
    ];

    /// <summary>cgroup_common_func_proto refuses get_retval/set_retval for these attach types.</summary>
    private static readonly AttachType[] NoRetval =
    [
        AttachType.CgroupInetIngress, AttachType.CgroupInetEgress, AttachType.CgroupSockOps,
        AttachType.CgroupUdp4Recvmsg, AttachType.CgroupUdp6Recvmsg, AttachType.CgroupUnixRecvmsg,
        AttachType.CgroupInet4Getpeername, AttachType.CgroupInet6Getpeername, AttachType.CgroupUnixGetpeername,
        AttachType.CgroupInet4Getsockname, AttachType.CgroupInet6Getsockname, AttachType.CgroupUnixGetsockname,
    ];

    private static readonly int GetRetvalId = Id("get_retval"), SetRetvalId = Id("set_retval");

    public static HelperAccess Check(ProgramSpec prog, int helperId)
    {
        bool[]? set = null;
        if (prog.Type == ProgramType.StructOps)
            return CheckStructOps(prog, helperId);
        if (prog.Type == ProgramType.Tracing)
        {
            set = prog.ExpectedAttachType switch
            {
                AttachType.TraceRawTp => TpBtfSet,
                AttachType.TraceIter => IterSet,
                _ => null,
            };
        }
        else if (ByType.TryGetValue(prog.Type, out var s))
        {
            set = s;
        }
        if (set == null)
            return HelperAccess.UnknownProgramType;
        if ((uint)helperId >= (uint)set.Length || !set[helperId])
        {
            // An iterator's target may add helpers of its own (bpf_iter_get_func_proto): only the tcp and unix
            // targets have a get_func_proto in 6.18, with setsockopt and getsockopt.
            if (set != IterSet)
                return HelperAccess.Refused;
            return IterTargetHelper(prog, helperId) ? HelperAccess.Allowed : HelperAccess.Refused;
        }
        // No attach type in the object means 0 (BPF_CGROUP_INET_INGRESS) for the kernel.
        var at = prog.ExpectedAttachType ?? AttachType.CgroupInetIngress;
        foreach (var (type, helper, only) in AttachOnly)
        {
            if (type == prog.Type && Id(helper) == helperId && Array.IndexOf(only, at) < 0)
                return HelperAccess.Refused;
        }
        if ((helperId == GetRetvalId || helperId == SetRetvalId) && Array.IndexOf(NoRetval, at) >= 0)
            return HelperAccess.Refused;
        return HelperAccess.Allowed;
    }

    private static readonly int SetsockoptId = Id("setsockopt"), GetsockoptId = Id("getsockopt");

    /// <summary>The tcp and unix iterators' get_func_proto: bpf_sk_setsockopt / bpf_sk_getsockopt.</summary>
    private static bool IterTargetHelper(ProgramSpec prog, int helperId) =>
        (helperId == SetsockoptId || helperId == GetsockoptId)
        && KernelTypes.Name(prog.AttachBtfId) is "bpf_iter_tcp" or "bpf_iter_unix";

    private static int Id(string name) => HelperNames.TryGetId(name, out int id) ? id : throw new InvalidOperationException(name);

    private static bool[] ToSet(string[] extra)
    {
        var set = new bool[HelperNames.Count];
        foreach (var n in Base)
            set[Id(n)] = true;
        foreach (var n in extra)
            set[Id(n)] = true;
        return set;
    }

    private static Dictionary<ProgramType, bool[]> BuildByType() => new()
    {
        [ProgramType.SocketFilter] = ToSet(SocketFilter),
        [ProgramType.Kprobe] = ToSet(Kprobe),
        [ProgramType.Tracepoint] = ToSet(Tracepoint),
        [ProgramType.Xdp] = ToSet(Xdp),
        [ProgramType.PerfEvent] = ToSet(PerfEvent),
        [ProgramType.RawTracepoint] = ToSet(RawTracepoint),
        [ProgramType.RawTracepointWritable] = ToSet(RawTracepointWritable),
        [ProgramType.SchedCls] = ToSet(SchedCls),
        [ProgramType.SchedAct] = ToSet(SchedAct),
        [ProgramType.CgroupSkb] = ToSet(CgroupSkb),
        [ProgramType.CgroupSock] = ToSet(CgroupSock),
        [ProgramType.CgroupSockAddr] = ToSet(CgroupSockAddr),
        [ProgramType.SockOps] = ToSet(SockOps),
        [ProgramType.SkSkb] = ToSet(SkSkb),
        [ProgramType.SkMsg] = ToSet(SkMsg),
        [ProgramType.CgroupDevice] = ToSet(CgroupDevice),
        [ProgramType.CgroupSysctl] = ToSet(CgroupSysctl),
        [ProgramType.CgroupSockopt] = ToSet(CgroupSockopt),
        [ProgramType.FlowDissector] = ToSet(FlowDissector),
        [ProgramType.LwtIn] = ToSet(LwtIn),
        [ProgramType.LwtOut] = ToSet(LwtOut),
        [ProgramType.LwtXmit] = ToSet(LwtXmit),
        [ProgramType.LwtSeg6local] = ToSet(LwtSeg6local),
        [ProgramType.SkReuseport] = ToSet(SkReuseport),
        [ProgramType.SkLookup] = ToSet(SkLookup),
        [ProgramType.Netfilter] = ToSet(Netfilter),
        [ProgramType.Syscall] = ToSet(Syscall),
    };
}
