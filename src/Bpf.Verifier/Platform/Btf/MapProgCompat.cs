using Bpf.Btf;
using Bpf.Object;

namespace Bpf.Verifier.Platform;

/// <summary>Special kernel objects a map value can embed (the btf_record fields check_map_prog_compatibility looks at).</summary>
[Flags]
public enum MapValueFields
{
    None = 0,
    SpinLock = 1,
    Timer = 2,
    Workqueue = 4,
    GraphRoot = 8,
}

/// <summary>
/// check_map_prog_compatibility: which maps a program type may reference at all (kprobe-like programs and
/// special value fields, sleepable programs and map types, struct_ops maps).
/// </summary>
public static class MapProgCompat
{
    private const uint StructOpsMap = 26;

    /// <summary>Map types a sleepable program may use: array, hash, ringbuf, local storage, queue/stack, arena.</summary>
    private static readonly HashSet<uint> SleepableMaps = [1, 2, 5, 6, 9, 10, 12, 13, 22, 23, 24, 27, 28, 29, 31, 32, 33];

    /// <summary>is_tracing_prog_type: the program types that run in any context (not BPF_PROG_TYPE_TRACING).</summary>
    private static bool IsKprobeLike(ProgramType t) =>
        t is ProgramType.Kprobe or ProgramType.Tracepoint or ProgramType.PerfEvent or ProgramType.RawTracepoint
            or ProgramType.RawTracepointWritable;

    /// <summary>The kernel's refusal of <paramref name="map"/> in <paramref name="prog"/>, or null when compatible.</summary>
    public static string? Check(MapSpec map, ProgramSpec prog, BtfSpec? objBtf)
    {
        var fields = map.BtfValueTypeId != 0 && objBtf != null ? Scan(objBtf, map.BtfValueTypeId) : MapValueFields.None;
        bool kprobeLike = IsKprobeLike(prog.Type);
        if ((fields & MapValueFields.GraphRoot) != 0 && kprobeLike)
            return "tracing progs cannot use bpf_{list_head,rb_root} yet";
        if ((fields & MapValueFields.SpinLock) != 0)
        {
            if (prog.Type == ProgramType.SocketFilter)
                return "socket filter progs cannot use bpf_spin_lock yet";
            if (kprobeLike)
                return "tracing progs cannot use bpf_spin_lock yet";
        }
        if ((fields & MapValueFields.Timer) != 0 && kprobeLike)
            return "tracing progs cannot use bpf_timer yet";
        if ((fields & MapValueFields.Workqueue) != 0 && kprobeLike)
            return "tracing progs cannot use bpf_wq yet";
        if (map.Type == StructOpsMap)
            return "bpf_struct_ops map cannot be used in prog";
        if (prog.Sleepable && !SleepableMaps.Contains(map.Type))
            return "Sleepable programs can only use array, hash, ringbuf and local storage maps";
        return null;
    }

    /// <summary>The special fields of a value type, from its btf_record (none when the kernel would refuse the type).</summary>
    public static MapValueFields Scan(BtfSpec btf, uint type)
    {
        if (!btf.IsValidId(type))
            return MapValueFields.None;
        var rec = BtfRecordParser.Parse(btf, type, BtfRecordParser.MapValueMask, out _);
        if (rec == null)
            return MapValueFields.None;
        var acc = MapValueFields.None;
        if (rec.Has(BtfFieldMask.AnyLock))
            acc |= MapValueFields.SpinLock;
        if (rec.Has(BtfFieldMask.Timer))
            acc |= MapValueFields.Timer;
        if (rec.Has(BtfFieldMask.Workqueue))
            acc |= MapValueFields.Workqueue;
        if (rec.Has(BtfFieldMask.GraphRoot))
            acc |= MapValueFields.GraphRoot;
        return acc;
    }
}
