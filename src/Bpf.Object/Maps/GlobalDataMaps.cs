using Bpf.Btf;
using Bpf.Object.Elf;
using Bpf.Object.Loading;

namespace Bpf.Object.Maps;

/// <summary>
/// libbpf's internal maps for global data: one single-entry ARRAY per non-empty <c>.data*</c>, <c>.rodata*</c> and
/// <c>.bss*</c> section, named as internal_map_name() names them (object-name prefix + section name, 15 chars).
/// </summary>
internal static class GlobalDataMaps
{
    public const int ObjNameLen = 16; // BPF_OBJ_NAME_LEN

    public static MapOrigin? Classify(ElfSection s)
    {
        if (s.Size == 0)
            return null;
        if (s.Type == ElfConst.ShtProgbits && !s.IsExecutable)
        {
            if (s.Name == ".data" || s.Name.StartsWith(".data.", StringComparison.Ordinal))
                return MapOrigin.Data;
            if (s.Name == ".rodata" || s.Name.StartsWith(".rodata.", StringComparison.Ordinal))
                return MapOrigin.Rodata;
        }
        if (s.Type == ElfConst.ShtNobits && (s.Name == ".bss" || s.Name.StartsWith(".bss.", StringComparison.Ordinal)))
            return MapOrigin.Bss;
        return null;
    }

    public static MapEntry Create(ElfSection s, MapOrigin origin, string objName, BtfSpec? btf)
    {
        // value_size is a u32; a larger (NOBITS) section is a corrupt header, not something to allocate.
        if (s.Size > uint.MaxValue)
            throw new ObjectFormatException($"section {s.Name}: size {s.Size} does not fit a map value");
        uint datasec = btf?.FindByName(s.Name, BtfKind.Datasec) ?? 0;
        uint flags = origin == MapOrigin.Rodata ? MapTypes.FlagRdonlyProg : 0;
        if (datasec != 0 && IsMmapable(btf!, datasec))
            flags |= MapTypes.FlagMmapable;
        var spec = new MapSpec
        {
            Name = InternalMapName(objName, s.Name),
            Type = MapTypes.Array,
            KeySize = 4,
            ValueSize = (uint)s.Size,
            MaxEntries = 1,
            Flags = flags,
            BtfValueTypeId = datasec,
            // .bss is all zeroes and writable: nobody reads its initial value, so none is materialised.
            InitialValue = origin == MapOrigin.Bss ? ReadOnlyMemory<byte>.Empty : s.Data,
            Origin = origin,
            SectionName = s.Name,
        };
        return new MapEntry(spec, s.Index, 0);
    }

    /// <summary>A kconfig map holding the resolved extern values.</summary>
    public static MapEntry CreateKconfig(string objName, byte[] data, BtfSpec? btf) =>
        new(new MapSpec
        {
            Name = InternalMapName(objName, ".kconfig"),
            Type = MapTypes.Array,
            KeySize = 4,
            ValueSize = (uint)data.Length,
            MaxEntries = 1,
            Flags = MapTypes.FlagRdonlyProg | (btf != null && btf.FindByName(".kconfig", BtfKind.Datasec) is uint d && d != 0 && IsMmapable(btf, d) ? MapTypes.FlagMmapable : 0),
            BtfValueTypeId = btf?.FindByName(".kconfig", BtfKind.Datasec) ?? 0,
            InitialValue = data,
            Origin = MapOrigin.Kconfig,
            SectionName = ".kconfig",
        }, -1, 0);

    /// <summary>Mappable when at least one VAR of the DATASEC is not static (after the hidden-visibility fix-up).</summary>
    private static bool IsMmapable(BtfSpec btf, uint datasec)
    {
        int n = btf.Vlen(datasec);
        for (int i = 0; i < n; i++)
        {
            uint v = btf.DatasecVar(datasec, i).TypeId;
            if (btf.IsValidId(v) && btf.Kind(v) == BtfKind.Var && btf.VarLinkage(v) != BtfLinkage.Static)
                return true;
        }
        return false;
    }

    /// <summary>libbpf's object name: the file's base name up to its first '.', at most 15 characters.</summary>
    public static string ObjectName(string path)
    {
        string name = Path.GetFileName(path);
        if (name.Length > ObjNameLen - 1)
            name = name[..(ObjNameLen - 1)];
        int dot = name.IndexOf('.');
        return dot >= 0 ? name[..dot] : name;
    }

    /// <summary>internal_map_name(): prefix of the object name + section name; custom <c>.data.x</c> sections keep their own name.</summary>
    public static string InternalMapName(string objName, string realName)
    {
        int sfxLen = Math.Max(7, realName.Length);
        if (sfxLen >= ObjNameLen)
            sfxLen = ObjNameLen - 1;
        int pfxLen = realName.IndexOf('.', 1) >= 0 ? 0 : Math.Min(ObjNameLen - sfxLen - 1, objName.Length);
        string raw = objName[..pfxLen] + realName[..Math.Min(sfxLen, realName.Length)];
        var chars = raw.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            char c = chars[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '.'))
                chars[i] = '_';
        }
        return new string(chars);
    }
}
