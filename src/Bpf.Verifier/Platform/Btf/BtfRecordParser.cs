using Bpf.Btf;

namespace Bpf.Verifier.Platform;

/// <summary>
/// btf_parse_fields: finds the special fields of a struct (members, nested structs, arrays of either) or of a
/// datasec (global variables), the way the kernel does when a map is created or a program's local types are loaded.
/// </summary>
public static class BtfRecordParser
{
    /// <summary>What map_check_btf looks for in a map value.</summary>
    public const BtfFieldMask MapValueMask = BtfFieldMask.AnyLock | BtfFieldMask.Timer | BtfFieldMask.Kptr
        | BtfFieldMask.GraphRoot | BtfFieldMask.Refcount | BtfFieldMask.Workqueue | BtfFieldMask.Uptr | BtfFieldMask.TaskWork;

    /// <summary>What btf_parse_struct_metas looks for in a program-local struct (bpf_obj_new objects).</summary>
    public const BtfFieldMask LocalObjectMask = BtfFieldMask.AnyLock | BtfFieldMask.GraphRoot | BtfFieldMask.GraphNode
        | BtfFieldMask.Refcount | BtfFieldMask.Kptr;

    /// <summary>BTF_FIELDS_MAX.</summary>
    private const int MaxFields = 11;
    private const int MaxDepth = 32;

    /// <summary>Kinds found by struct name, and whether a second one is an error (is_unique).</summary>
    private static readonly (string Name, BtfFieldKind Kind, bool Unique)[] Named =
    [
        ("bpf_spin_lock", BtfFieldKind.SpinLock, true),
        ("bpf_res_spin_lock", BtfFieldKind.ResSpinLock, true),
        ("bpf_timer", BtfFieldKind.Timer, true),
        ("bpf_wq", BtfFieldKind.Workqueue, true),
        ("bpf_task_work", BtfFieldKind.TaskWork, true),
        ("bpf_list_head", BtfFieldKind.ListHead, false),
        ("bpf_list_node", BtfFieldKind.ListNode, false),
        ("bpf_rb_root", BtfFieldKind.RbRoot, false),
        ("bpf_rb_node", BtfFieldKind.RbNode, false),
        ("bpf_refcount", BtfFieldKind.Refcount, true),
    ];

    /// <summary>btf_field_type_size / btf_field_type_align (the kernel's struct sizes).</summary>
    public static (int Size, int Align) Layout(BtfFieldKind k) => k switch
    {
        BtfFieldKind.SpinLock or BtfFieldKind.ResSpinLock or BtfFieldKind.Refcount => (4, 4),
        BtfFieldKind.Timer or BtfFieldKind.Workqueue or BtfFieldKind.ListHead or BtfFieldKind.RbRoot => (16, 8),
        BtfFieldKind.ListNode => (24, 8),
        BtfFieldKind.RbNode => (32, 8),
        _ => (8, 8),
    };

    /// <summary>
    /// The record of <paramref name="typeId"/>: null with no error when it has no special field, null with
    /// <paramref name="error"/> set when the kernel refuses the type (map creation or program load fails).
    /// </summary>
    public static BtfRecord? Parse(BtfSpec btf, uint typeId, BtfFieldMask mask, out string? error)
    {
        error = null;
        var found = new List<BtfField>();
        var seen = BtfFieldMask.None;
        // map_check_btf resolves the value type through typedefs and modifiers (btf_type_id_size).
        typeId = btf.SkipModsAndTypedefs(typeId);
        var kind = btf.Kind(typeId);
        int rc = kind is BtfKind.Struct or BtfKind.Union
            ? FindInStruct(btf, typeId, mask, found, 0, ref seen)
            : kind == BtfKind.Datasec ? FindInDatasec(btf, typeId, mask, found, ref seen) : -1;
        if (rc < 0)
        {
            error = "invalid special fields";
            return null;
        }
        if (found.Count == 0)
            return null;
        found.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        int next = 0;
        foreach (var f in found)
        {
            if (f.Offset < next)
            {
                error = "overlapping special fields";
                return null;
            }
            next = f.Offset + f.Size;
        }
        if ((seen & BtfFieldMask.AnyLock) == BtfFieldMask.AnyLock)
        {
            error = "both bpf_spin_lock and bpf_res_spin_lock";
            return null;
        }
        return new BtfRecord([.. found]);
    }

    private static int FindInStruct(BtfSpec btf, uint t, BtfFieldMask mask, List<BtfField> acc, int level, ref BtfFieldMask seen)
    {
        int n = btf.Vlen(t);
        bool bitfieldFlag = btf.KindFlag(t);
        for (int i = 0; i < n; i++)
        {
            var m = btf.Member(t, i);
            uint bitOff = bitfieldFlag ? m.BitOffset & 0xffffff : m.BitOffset;
            if (bitOff % 8 != 0)
                return -1;
            int rc = FindOne(btf, t, i, m.TypeId, (int)(bitOff / 8), 0, mask, acc, level, ref seen);
            if (rc < 0)
                return rc;
        }
        return 0;
    }

    private static int FindInDatasec(BtfSpec btf, uint t, BtfFieldMask mask, List<BtfField> acc, ref BtfFieldMask seen)
    {
        int n = btf.Vlen(t);
        for (int i = 0; i < n; i++)
        {
            var v = btf.DatasecVar(t, i);
            int rc = FindOne(btf, v.TypeId, -1, btf.RefType(v.TypeId), (int)v.Offset, (int)v.Size, mask, acc, 0, ref seen);
            if (rc < 0)
                return rc;
        }
        return 0;
    }

    /// <summary>btf_find_field_one: one member or variable (<paramref name="holder"/>, component <paramref name="comp"/>).</summary>
    private static int FindOne(BtfSpec btf, uint holder, int comp, uint type, int off, int expectedSize, BtfFieldMask mask,
        List<BtfField> acc, int level, ref BtfFieldMask seen)
    {
        long nelems = 1;
        int depth = 0;
        for (; depth < MaxDepth && btf.Kind(type) == BtfKind.Array; depth++)
        {
            var a = btf.ArrayInfo(type);
            nelems *= a.NElems;
            type = a.ElemType;
        }
        if (depth == MaxDepth)
            return -1;
        if (nelems == 0)
            return 0;
        bool isStruct = btf.Kind(type) is BtfKind.Struct or BtfKind.Union;
        int kindRc = FieldKindOf(btf, type, isStruct, mask, ref seen, out var kind);
        if (kindRc < 0)
            return kindRc;
        if (kindRc == 0)
        {
            if (!isStruct)
                return 0;
            long sz = btf.RawSize(type);
            if (expectedSize != 0 && expectedSize != sz * nelems)
                return 0;
            if (level + 1 >= MaxDepth)
                return -1;
            int start = acc.Count;
            int rc = FindInStruct(btf, type, mask, acc, level + 1, ref seen);
            if (rc < 0)
                return rc;
            return Repeat(acc, start, off, nelems, (int)sz, shift: true);
        }
        var (size, align) = Layout(kind);
        if (expectedSize != 0 && expectedSize != size * nelems)
            return 0;
        if (off % align != 0)
            return 0;
        BtfField field;
        if (kind is BtfFieldKind.KptrRef)
        {
            int k = FindKptr(btf, type, off, mask, out field);
            if (k <= 0)
                return k;
        }
        else
        {
            if (!isStruct || btf.RawSize(type) != size)
                return 0;
            field = new BtfField(kind, off, size);
            if (kind is BtfFieldKind.ListHead or BtfFieldKind.RbRoot && !GraphRoot(btf, holder, comp, ref field))
                return -1;
        }
        int first = acc.Count;
        acc.Add(field);
        if (acc.Count > MaxFields)
            return -1;
        return Repeat(acc, first, 0, nelems, size, shift: false);
    }

    /// <summary>btf_repeat_fields (+ the offset shift of btf_find_nested_struct): array elements repeat the fields.</summary>
    private static int Repeat(List<BtfField> acc, int start, int off, long nelems, int elemSize, bool shift)
    {
        int cnt = acc.Count - start;
        if (shift)
        {
            for (int i = start; i < acc.Count; i++)
                acc[i] = acc[i] with { Offset = acc[i].Offset + off };
        }
        if (nelems <= 1 || cnt == 0)
            return 0;
        for (int i = start; i < acc.Count; i++)
        {
            if (!(acc[i].IsKptr || acc[i].Kind is BtfFieldKind.ListHead or BtfFieldKind.RbRoot))
                return -1;
        }
        if (cnt * nelems > MaxFields || start + cnt * nelems > MaxFields)
            return -1;
        for (long r = 1; r < nelems; r++)
        {
            for (int j = 0; j < cnt; j++)
                acc.Add(acc[start + j] with { Offset = acc[start + j].Offset + (int)(r * elemSize) });
        }
        return 0;
    }

    /// <summary>btf_get_field_type: 1 with the kind, 0 when not special, -1 when a unique field repeats.</summary>
    private static int FieldKindOf(BtfSpec btf, uint type, bool isStruct, BtfFieldMask mask, ref BtfFieldMask seen, out BtfFieldKind kind)
    {
        kind = default;
        string name = btf.Name(type);
        foreach (var (n, k, unique) in Named)
        {
            var bit = (BtfFieldMask)(1 << (int)k);
            if ((mask & bit) == 0 || name != n)
                continue;
            if (unique)
            {
                if ((seen & bit) != 0)
                    return -1;
                seen |= bit;
            }
            kind = k;
            return 1;
        }
        // Anything that is not a struct may be a kptr: btf_find_kptr decides.
        if ((mask & (BtfFieldMask.Kptr | BtfFieldMask.Uptr)) != 0 && !isStruct)
        {
            kind = BtfFieldKind.KptrRef;
            return 1;
        }
        return 0;
    }

    /// <summary>btf_find_kptr: a pointer (maybe volatile) to a single type tag naming the kind, on a struct.</summary>
    private static int FindKptr(BtfSpec btf, uint type, int off, BtfFieldMask mask, out BtfField field)
    {
        field = default;
        if (btf.Kind(type) == BtfKind.Volatile)
            type = btf.RefType(type);
        if (btf.Kind(type) != BtfKind.Ptr)
            return 0;
        uint tag = btf.RefType(type);
        if (btf.Kind(tag) != BtfKind.TypeTag)
            return 0;
        if (btf.Kind(btf.RefType(tag)) == BtfKind.TypeTag)
            return -1;
        BtfFieldKind kind;
        switch (btf.Name(tag))
        {
            case "kptr_untrusted": kind = BtfFieldKind.KptrUntrusted; break;
            case "kptr": kind = BtfFieldKind.KptrRef; break;
            case "percpu_kptr": kind = BtfFieldKind.KptrPercpu; break;
            case "uptr": kind = BtfFieldKind.Uptr; break;
            default: return -1;
        }
        if ((mask & (BtfFieldMask)(1 << (int)kind)) == 0)
            return 0;
        uint target = btf.SkipModifiers(btf.RefType(tag));
        if (btf.Kind(target) != BtfKind.Struct)
            return -1;
        field = new BtfField(kind, off, 8) { PointeeId = target };
        return 1;
    }

    /// <summary>btf_find_graph_root: the <c>contains:TYPE:NODE</c> decl tag of the member (or variable).</summary>
    private static bool GraphRoot(BtfSpec btf, uint holder, int comp, ref BtfField field)
    {
        var tag = btf.FindGraphRoot(holder, comp, field.Kind == BtfFieldKind.ListHead ? "bpf_list_node" : "bpf_rb_node");
        if (tag is not GraphRootTag t)
            return false;
        field = field with { ValueTypeId = t.ValueTypeId, NodeName = t.NodeName, NodeOffset = t.NodeOffset };
        return true;
    }
}
