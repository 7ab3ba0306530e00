using Bpf.Btf;
using Bpf.Object.Loading;

namespace Bpf.Object.Maps;

/// <summary>
/// BTF-defined maps: each VAR of the <c>.maps</c> DATASEC is a struct whose members encode the definition
/// (<c>__uint(name, v)</c> = <c>int (*name)[v]</c>, <c>__type(key, T)</c> = <c>T *key</c>, <c>__array(values, ...)</c>).
/// Errors are reported as libbpf prints them; a map libbpf refuses is left out with a warning.
/// </summary>
internal static class BtfMapReader
{
    /// <param name="relaxed">Legacy mode: values libbpf 1.x refuses (cilium's pinning namespaces) are kept with a warning.</param>
    public static void Read(BtfSpec btf, int sectionIndex, Func<string, long?> symbolOffset, List<MapEntry> maps, List<string> warnings, bool relaxed = false)
    {
        uint sec = btf.FindByName(".maps", BtfKind.Datasec);
        if (sec == 0)
        {
            warnings.Add("libbpf: DATASEC '.maps' not found.");
            return;
        }
        int n = btf.Vlen(sec);
        for (int i = 0; i < n; i++)
        {
            var vsi = btf.DatasecVar(sec, i);
            if (btf.Kind(vsi.TypeId) != BtfKind.Var)
            {
                warnings.Add($"libbpf: map #{i}: unexpected var kind {btf.Kind(vsi.TypeId).KernelName()}.");
                continue;
            }
            string name = btf.Name(vsi.TypeId);
            uint def = btf.SkipModsAndTypedefs(btf.RefType(vsi.TypeId));
            if (btf.Kind(def) != BtfKind.Struct)
            {
                warnings.Add($"libbpf: map '{name}': unexpected def kind {btf.Kind(def).KernelName()}.");
                continue;
            }
            long offset = btf.RawSize(sec) == 0 ? symbolOffset(name) ?? vsi.Offset : vsi.Offset;
            var (spec, error) = ParseDef(btf, name, def, isInner: false, relaxed, warnings);
            if (spec == null)
            {
                warnings.Add(error!);
                continue;
            }
            maps.Add(new MapEntry(spec with { Origin = MapOrigin.BtfDefined, SectionName = ".maps" }, sectionIndex, offset));
        }
    }

    private static (MapSpec? Spec, string? Error) ParseDef(BtfSpec btf, string mapName, uint def, bool isInner, bool relaxed, List<string> warnings)
    {
        uint type = 0, maxEntries = 0, flags = 0, numa = 0, keySize = 0, valueSize = 0, pinning = 0, keyType = 0, valueType = 0;
        ulong mapExtra = 0;
        MapSpec? inner = null;
        int vlen = btf.Vlen(def);
        for (int i = 0; i < vlen; i++)
        {
            var m = btf.Member(def, i);
            string field = btf.MemberName(def, i);
            string? err = null;
            switch (field)
            {
                case "type":
                    err = FieldInt(btf, mapName, field, m.TypeId, out type);
                    break;
                case "max_entries":
                    err = FieldInt(btf, mapName, field, m.TypeId, out maxEntries);
                    break;
                case "map_flags":
                    err = FieldInt(btf, mapName, field, m.TypeId, out flags);
                    break;
                case "numa_node":
                    err = FieldInt(btf, mapName, field, m.TypeId, out numa);
                    break;
                case "pinning":
                    if (isInner)
                        return (null, $"libbpf: map '{mapName}': inner def can't be pinned.");
                    err = FieldInt(btf, mapName, field, m.TypeId, out pinning);
                    if (err == null && pinning > 1)
                    {
                        string msg = $"libbpf: map '{mapName}': invalid pinning value {pinning}.";
                        if (relaxed)
                            warnings.Add(msg);
                        else
                            err = msg;
                    }
                    break;
                case "map_extra":
                    err = FieldLong(btf, mapName, field, m.TypeId, out mapExtra);
                    break;
                case "key_size":
                case "value_size":
                    {
                        err = FieldInt(btf, mapName, field, m.TypeId, out uint sz);
                        if (err == null)
                            err = SetSize(mapName, field == "key_size" ? "key" : "value", ref field == "key_size" ? ref keySize : ref valueSize, sz);
                        break;
                    }
                case "key":
                case "value":
                    {
                        uint ptr = m.TypeId;
                        if (!btf.IsValidId(ptr) || btf.Kind(ptr) != BtfKind.Ptr)
                        {
                            err = $"libbpf: map '{mapName}': {field} spec is not PTR: {(btf.IsValidId(ptr) ? btf.Kind(ptr).KernelName() : "?")}.";
                            break;
                        }
                        uint target = btf.RefType(ptr);
                        long sz = btf.SizeOf(target);
                        if (sz < 0)
                        {
                            err = $"libbpf: map '{mapName}': can't determine {field} size for type [{target}]: -22.";
                            break;
                        }
                        bool isKey = field == "key";
                        err = SetSize(mapName, field, ref isKey ? ref keySize : ref valueSize, (uint)sz);
                        if (isKey)
                            keyType = target;
                        else
                            valueType = target;
                        break;
                    }
                case "values":
                    {
                        if (isInner)
                            return (null, $"libbpf: map '{mapName}': multi-level inner maps not supported.");
                        if (i != vlen - 1)
                            return (null, $"libbpf: map '{mapName}': '{field}' member should be last.");
                        bool mim = MapTypes.IsMapInMap(type);
                        if (!mim && type != MapTypes.ProgArray)
                            return (null, $"libbpf: map '{mapName}': should be map-in-map or prog-array.");
                        if (valueSize != 0 && valueSize != 4)
                            return (null, $"libbpf: map '{mapName}': conflicting value size {valueSize} != 4.");
                        valueSize = 4;
                        uint arr = m.TypeId;
                        if (btf.Kind(arr) != BtfKind.Array || btf.ArrayInfo(arr).NElems != 0)
                            return (null, $"libbpf: map '{mapName}': {(mim ? "map-in-map inner" : "prog-array value")} spec is not a zero-sized array.");
                        uint p = btf.SkipModsAndTypedefs(btf.ArrayInfo(arr).ElemType);
                        if (btf.Kind(p) != BtfKind.Ptr)
                            return (null, $"libbpf: map '{mapName}': {(mim ? "map-in-map inner" : "prog-array value")} def is of unexpected kind {btf.Kind(p).KernelName()}.");
                        uint t = btf.SkipModsAndTypedefs(btf.RefType(p));
                        if (!mim)
                        {
                            if (btf.Kind(t) != BtfKind.FuncProto)
                                return (null, $"libbpf: map '{mapName}': prog-array value def is of unexpected kind {btf.Kind(t).KernelName()}.");
                            break;
                        }
                        if (btf.Kind(t) != BtfKind.Struct)
                            return (null, $"libbpf: map '{mapName}': map-in-map inner def is of unexpected kind {btf.Kind(t).KernelName()}.");
                        var (innerSpec, innerErr) = ParseDef(btf, mapName + ".inner", t, isInner: true, relaxed, warnings);
                        if (innerSpec == null)
                            return (null, innerErr);
                        inner = innerSpec;
                        break;
                    }
                default:
                    // libbpf 1.x is strict about unknown fields; the corpus' loader is relaxed. Be relaxed and say so.
                    break;
            }
            if (err != null)
                return (null, err);
        }
        if (type == 0)
            return (null, $"libbpf: map '{mapName}': map type isn't specified.");
        var spec = new MapSpec
        {
            Name = mapName,
            Type = type,
            KeySize = keySize,
            ValueSize = valueSize,
            MaxEntries = maxEntries,
            Flags = flags,
            NumaNode = numa,
            Pinning = pinning,
            MapExtra = mapExtra,
            BtfKeyTypeId = keyType,
            BtfValueTypeId = valueType,
            InnerMap = inner,
        };
        return (spec, null);
    }

    private static string? SetSize(string mapName, string what, ref uint slot, uint size)
    {
        if (slot != 0 && slot != size)
            return $"libbpf: map '{mapName}': conflicting {what} size {slot} != {size}.";
        slot = size;
        return null;
    }

    /// <summary>libbpf's get_map_field_long: <c>__uint</c> form, or <c>__ulong</c>'s single-enumerator enum.</summary>
    private static string? FieldLong(BtfSpec btf, string mapName, string field, uint typeId, out ulong value)
    {
        value = 0;
        uint t = btf.SkipModsAndTypedefs(typeId);
        if (btf.Kind(t) == BtfKind.Ptr)
        {
            string? err = FieldInt(btf, mapName, field, typeId, out uint v32);
            value = v32;
            return err;
        }
        if (!btf.Kind(t).IsAnyEnum())
            return $"libbpf: map '{mapName}': attr '{field}': expected ENUM or ENUM64, got {btf.Kind(t).KernelName()}.";
        if (btf.Vlen(t) != 1)
            return $"libbpf: map '{mapName}': attr '{field}': invalid __ulong";
        value = btf.EnumValue(t, 0).Value;
        return null;
    }

    /// <summary>libbpf's get_map_field_int: the member must be a pointer to an array whose length is the value.</summary>
    private static string? FieldInt(BtfSpec btf, string mapName, string field, uint typeId, out uint value)
    {
        value = 0;
        uint t = btf.SkipModsAndTypedefs(typeId);
        if (btf.Kind(t) != BtfKind.Ptr)
            return $"libbpf: map '{mapName}': attr '{field}': expected PTR, got {btf.Kind(t).KernelName()}.";
        uint arr = btf.RefType(t);
        if (!btf.IsValidId(arr) || btf.Kind(arr) != BtfKind.Array)
            return $"libbpf: map '{mapName}': attr '{field}': type [{arr}] is not an array.";
        value = btf.ArrayInfo(arr).NElems;
        return null;
    }
}
