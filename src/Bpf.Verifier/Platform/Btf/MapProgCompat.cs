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

    /// <summary>The special fields anywhere in a value type (nested structs, arrays, datasec variables).</summary>
    public static MapValueFields Scan(BtfSpec btf, uint type)
    {
        var acc = MapValueFields.None;
        Scan(btf, type, ref acc, 0);
        return acc;
    }

    private static void Scan(BtfSpec btf, uint type, ref MapValueFields acc, int depth)
    {
        if (depth > 32 || !btf.IsValidId(type))
            return;
        uint t = btf.SkipModsAndTypedefs(type);
        switch (btf.Kind(t))
        {
            case BtfKind.Struct:
            case BtfKind.Union:
                {
                    acc |= btf.Name(t) switch
                    {
                        "bpf_spin_lock" or "bpf_res_spin_lock" => MapValueFields.SpinLock,
                        "bpf_timer" => MapValueFields.Timer,
                        "bpf_wq" => MapValueFields.Workqueue,
                        "bpf_list_head" or "bpf_rb_root" => MapValueFields.GraphRoot,
                        _ => MapValueFields.None,
                    };
                    int n = btf.Vlen(t);
                    for (int i = 0; i < n; i++)
                        Scan(btf, btf.Member(t, i).TypeId, ref acc, depth + 1);
                    break;
                }
            case BtfKind.Array:
                Scan(btf, btf.ArrayInfo(t).ElemType, ref acc, depth + 1);
                break;
            case BtfKind.Datasec:
                {
                    int n = btf.Vlen(t);
                    for (int i = 0; i < n; i++)
                        Scan(btf, btf.RefType(btf.DatasecVar(t, i).TypeId), ref acc, depth + 1);
                    break;
                }
        }
    }
}
