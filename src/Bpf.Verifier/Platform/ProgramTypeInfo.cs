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

/// <summary>Per program type knowledge: context layout, return range, helper families.</summary>
public sealed record ProgramTypeInfo(
    ProgramType Type,
    ContextLayout? Context,
    (int Min, int Max)? ReturnRange,
    HelperFamily Helpers);

public static class ProgramTypes
{
    private static readonly Dictionary<ProgramType, ProgramTypeInfo> Table = new()
    {
        [ProgramType.SocketFilter] = new(ProgramType.SocketFilter, ContextLayout.SkBuffSocketFilter, null, HelperFamily.Base | HelperFamily.Skb),
        [ProgramType.Xdp] = new(ProgramType.Xdp, ContextLayout.XdpMd, null, HelperFamily.Base),
        [ProgramType.SchedCls] = new(ProgramType.SchedCls, ContextLayout.SkBuffTc, null, HelperFamily.Base | HelperFamily.Skb),
        [ProgramType.SchedAct] = new(ProgramType.SchedAct, ContextLayout.SkBuffTc, null, HelperFamily.Base | HelperFamily.Skb),
        [ProgramType.Kprobe] = new(ProgramType.Kprobe, null, null, HelperFamily.Base | HelperFamily.Tracing),
        [ProgramType.Tracepoint] = new(ProgramType.Tracepoint, null, null, HelperFamily.Base | HelperFamily.Tracing),
        [ProgramType.PerfEvent] = new(ProgramType.PerfEvent, null, null, HelperFamily.Base | HelperFamily.Tracing),
        [ProgramType.RawTracepoint] = new(ProgramType.RawTracepoint, null, null, HelperFamily.Base | HelperFamily.Tracing),
        [ProgramType.CgroupSkb] = new(ProgramType.CgroupSkb, ContextLayout.SkBuffCgroup, (0, 1), HelperFamily.Base | HelperFamily.Skb),
        [ProgramType.CgroupSock] = new(ProgramType.CgroupSock, null, (0, 1), HelperFamily.Base),
        [ProgramType.SockOps] = new(ProgramType.SockOps, null, (0, 1), HelperFamily.Base),
        [ProgramType.CgroupDevice] = new(ProgramType.CgroupDevice, null, (0, 1), HelperFamily.Base),
        [ProgramType.CgroupSysctl] = new(ProgramType.CgroupSysctl, null, (0, 1), HelperFamily.Base),
        [ProgramType.CgroupSockopt] = new(ProgramType.CgroupSockopt, null, (0, 1), HelperFamily.Base),
    };

    /// <summary>
    /// The knowledge for one program: BTF-typed program types (tracing, LSM, struct_ops, ext) come from
    /// <see cref="BtfProgramTypes"/>, whose answer depends on the attach target; the rest from the fixed table.
    /// </summary>
    public static ProgramTypeInfo? Find(ProgramSpec prog) =>
        BtfProgramTypes.Find(prog) ?? (Table.TryGetValue(prog.Type, out var i) ? i : null);
}
