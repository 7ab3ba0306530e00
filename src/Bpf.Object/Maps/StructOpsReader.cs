using Bpf.Btf;
using Bpf.Object.Elf;
using Bpf.Object.Loading;

namespace Bpf.Object.Maps;

/// <summary>Where a struct_ops program plugs in: the kernel struct and the member it implements.</summary>
internal readonly record struct StructOpsSlot(uint KernelTypeId, int MemberIndex, string StructName, string MemberName);

/// <summary>
/// <c>.struct_ops</c> / <c>.struct_ops.link</c> variables become BPF_MAP_TYPE_STRUCT_OPS maps; the function pointers
/// stored in them (<c>.rel.struct_ops</c>) give each program its attach BTF id (the kernel struct) and expected attach
/// type (the kernel member index), as libbpf's bpf_map__init_kern_vdata does.
/// </summary>
internal static class StructOpsReader
{
    public static bool IsStructOpsSection(string name) =>
        name is ".struct_ops" or ".struct_ops.link" or "?.struct_ops" or "?.struct_ops.link";

    /// <summary>Adds the maps and returns the program slots keyed by (section index, byte offset); <paramref name="error"/> is libbpf's object-level refusal.</summary>
    public static Dictionary<(int, ulong), StructOpsSlot> Read(ElfFile elf, BtfSpec btf, Func<BtfSpec> kernel, List<MapEntry> maps, List<string> warnings, out string? error)
    {
        error = null;
        var slots = new Dictionary<(int, ulong), StructOpsSlot>();
        foreach (var sec in elf.Sections)
        {
            if (!IsStructOpsSection(sec.Name) || sec.Size == 0)
                continue;
            uint datasec = btf.FindByName(sec.Name, BtfKind.Datasec);
            if (datasec == 0)
            {
                error ??= $"libbpf: struct_ops init: DATASEC {sec.Name} not found";
                continue;
            }
            var vars = new List<(long Offset, uint LocalType, uint KernType, uint KernValue, string Name)>();
            int n = btf.Vlen(datasec);
            for (int i = 0; i < n; i++)
            {
                var vsi = btf.DatasecVar(datasec, i);
                string name = btf.Name(vsi.TypeId);
                uint type = btf.SkipModsAndTypedefs(btf.RefType(vsi.TypeId));
                string tname = btf.Name(type);
                if (btf.Kind(type) != BtfKind.Struct || tname.Length == 0)
                {
                    error ??= $"libbpf: struct_ops init: Unsupported type of var {name}";
                    continue;
                }
                var k = kernel();
                uint kernType = k.FindByName(tname, BtfKind.Struct);
                uint kernValue = k.FindByName("bpf_struct_ops_" + tname, BtfKind.Struct);
                if (kernType == 0 || kernValue == 0)
                    error ??= $"libbpf: struct_ops init_kern: struct bpf_struct_ops_{tname} is not found in kernel BTF";
                vars.Add((vsi.Offset, type, kernType, kernValue, name));
                maps.Add(new MapEntry(new MapSpec
                {
                    Name = name,
                    Type = MapTypes.StructOps,
                    KeySize = 4,
                    ValueSize = kernValue != 0 ? (uint)Math.Max(0, k.SizeOf(kernValue)) : btf.RawSize(type),
                    MaxEntries = 1,
                    Flags = sec.Name.EndsWith(".link", StringComparison.Ordinal) ? 0x2000u : 0, // BPF_F_LINK
                    BtfVmlinuxValueTypeId = kernValue,
                    Origin = MapOrigin.StructOps,
                    SectionName = sec.Name,
                }, sec.Index, vsi.Offset));
            }
            var rel = FindRel(elf, sec.Index);
            if (rel == null)
                continue;
            foreach (var r in elf.ReadRelocations(rel))
            {
                var sym = elf.Symbols[r.SymbolIndex];
                (long Offset, uint LocalType, uint KernType, uint KernValue, string Name)? owner = null;
                foreach (var v in vars)
                {
                    if ((long)r.Offset >= v.Offset && (long)r.Offset < v.Offset + btf.RawSize(v.LocalType))
                        owner = v;
                }
                if (owner is not { } o)
                    continue;
                uint moff = (uint)((long)r.Offset - o.Offset);
                string member = "";
                for (int m = 0; m < btf.Vlen(o.LocalType); m++)
                {
                    if (btf.Member(o.LocalType, m).BitOffset == moff * 8)
                        member = btf.MemberName(o.LocalType, m);
                }
                int kernIdx = -1;
                if (o.KernType != 0)
                {
                    var k = kernel();
                    for (int m = 0; m < k.Vlen(o.KernType); m++)
                    {
                        if (k.MemberName(o.KernType, m) == member)
                            kernIdx = m;
                    }
                    if (kernIdx < 0)
                        error ??= $"libbpf: struct_ops init_kern {o.Name}: Cannot find member {member} in kernel BTF";
                }
                slots[(sym.SectionIndex, sym.Value)] = new StructOpsSlot(o.KernType, kernIdx, btf.Name(o.LocalType), member);
            }
        }
        return slots;
    }

    private static ElfSection? FindRel(ElfFile elf, int target)
    {
        foreach (var s in elf.Sections)
        {
            if (s.Type == ElfConst.ShtRel && s.Info == (uint)target)
                return s;
        }
        return null;
    }
}
