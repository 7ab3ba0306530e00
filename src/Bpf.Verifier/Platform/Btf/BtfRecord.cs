namespace Bpf.Verifier.Platform;

/// <summary>Kinds of special fields a map value or a local object can embed (enum btf_field_type).</summary>
public enum BtfFieldKind : byte
{
    SpinLock,
    ResSpinLock,
    Timer,
    Workqueue,
    TaskWork,
    KptrUntrusted,
    KptrRef,
    KptrPercpu,
    Uptr,
    ListHead,
    ListNode,
    RbRoot,
    RbNode,
    Refcount,
}

/// <summary>Sets of <see cref="BtfFieldKind"/> (the field_mask of btf_parse_fields).</summary>
[Flags]
public enum BtfFieldMask : ushort
{
    None = 0,
    SpinLock = 1 << BtfFieldKind.SpinLock,
    ResSpinLock = 1 << BtfFieldKind.ResSpinLock,
    Timer = 1 << BtfFieldKind.Timer,
    Workqueue = 1 << BtfFieldKind.Workqueue,
    TaskWork = 1 << BtfFieldKind.TaskWork,
    KptrUntrusted = 1 << BtfFieldKind.KptrUntrusted,
    KptrRef = 1 << BtfFieldKind.KptrRef,
    KptrPercpu = 1 << BtfFieldKind.KptrPercpu,
    Uptr = 1 << BtfFieldKind.Uptr,
    ListHead = 1 << BtfFieldKind.ListHead,
    ListNode = 1 << BtfFieldKind.ListNode,
    RbRoot = 1 << BtfFieldKind.RbRoot,
    RbNode = 1 << BtfFieldKind.RbNode,
    Refcount = 1 << BtfFieldKind.Refcount,
    Kptr = KptrUntrusted | KptrRef | KptrPercpu,
    AnyLock = SpinLock | ResSpinLock,
    GraphRoot = ListHead | RbRoot,
    GraphNode = ListNode | RbNode,
}

/// <summary>
/// One special field (struct btf_field): where it is, and for kptrs the pointee struct (an id in the program BTF),
/// for graph roots the contained struct and the name of its node field (the <c>contains:</c> decl tag).
/// </summary>
public readonly record struct BtfField(BtfFieldKind Kind, int Offset, int Size)
{
    public uint PointeeId { get; init; }
    public uint ValueTypeId { get; init; }
    public string? NodeName { get; init; }
    /// <summary>Graph roots: the node member's offset in the contained struct (graph_root.node_offset).</summary>
    public int NodeOffset { get; init; }

    public bool IsKptr => Kind is BtfFieldKind.KptrUntrusted or BtfFieldKind.KptrRef or BtfFieldKind.KptrPercpu;
}

/// <summary>
/// The special fields of one BTF struct or datasec, sorted by offset (struct btf_record), with the cached offsets
/// of the unique ones (-1 when absent). Immutable; shared by every register pointing to such a value.
/// </summary>
public sealed class BtfRecord
{
    public BtfRecord(BtfField[] fields)
    {
        Fields = fields;
        foreach (var f in fields)
        {
            Mask |= (BtfFieldMask)(1 << (int)f.Kind);
            switch (f.Kind)
            {
                case BtfFieldKind.SpinLock: SpinLockOff = f.Offset; break;
                case BtfFieldKind.ResSpinLock: ResSpinLockOff = f.Offset; break;
                case BtfFieldKind.Timer: TimerOff = f.Offset; break;
                case BtfFieldKind.Workqueue: WqOff = f.Offset; break;
                case BtfFieldKind.TaskWork: TaskWorkOff = f.Offset; break;
                case BtfFieldKind.Refcount: RefcountOff = f.Offset; break;
            }
        }
    }

    public BtfField[] Fields { get; }
    public BtfFieldMask Mask { get; }
    public int SpinLockOff { get; } = -1;
    public int ResSpinLockOff { get; } = -1;
    public int TimerOff { get; } = -1;
    public int WqOff { get; } = -1;
    public int TaskWorkOff { get; } = -1;
    public int RefcountOff { get; } = -1;

    public bool Has(BtfFieldMask m) => (Mask & m) != 0;

    /// <summary>The first field (in offset order) overlapping bytes [lo, hi), or -1.</summary>
    public int FindOverlap(long lo, long hi)
    {
        for (int i = 0; i < Fields.Length; i++)
        {
            var f = Fields[i];
            if (lo < f.Offset + f.Size && f.Offset < hi)
                return i;
        }
        return -1;
    }

    /// <summary>The field of kind in <paramref name="m"/> starting exactly at <paramref name="off"/> (btf_record_find).</summary>
    public BtfField? FindAt(int off, BtfFieldMask m)
    {
        foreach (var f in Fields)
        {
            if (f.Offset == off && (m & (BtfFieldMask)(1 << (int)f.Kind)) != 0)
                return f;
        }
        return null;
    }

    /// <summary>btf_field_type_name: how the verifier log names a field kind.</summary>
    public static string KindName(BtfFieldKind k) => k switch
    {
        BtfFieldKind.SpinLock => "bpf_spin_lock",
        BtfFieldKind.ResSpinLock => "bpf_res_spin_lock",
        BtfFieldKind.Timer => "bpf_timer",
        BtfFieldKind.Workqueue => "bpf_wq",
        BtfFieldKind.TaskWork => "bpf_task_work",
        BtfFieldKind.KptrUntrusted or BtfFieldKind.KptrRef => "kptr",
        BtfFieldKind.KptrPercpu => "percpu_kptr",
        BtfFieldKind.Uptr => "uptr",
        BtfFieldKind.ListHead => "bpf_list_head",
        BtfFieldKind.ListNode => "bpf_list_node",
        BtfFieldKind.RbRoot => "bpf_rb_root",
        BtfFieldKind.RbNode => "bpf_rb_node",
        BtfFieldKind.Refcount => "bpf_refcount",
        _ => "unknown",
    };
}
