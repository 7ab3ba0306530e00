using System.Buffers.Binary;
using Bpf.Object.Elf;
using Bpf.Object.Loading;

namespace Bpf.Object.Maps;

/// <summary>
/// Legacy <c>maps</c> / <c>maps/NAME</c> sections (libbpf 0.x, samples/bpf bpf_load.c, iproute2): one record per symbol,
/// record size = section size / symbol count. 20 bytes: struct bpf_map_def; 28: bpf_load_map_def (inner_map_idx,
/// numa_node); 36: iproute2 bpf_elf_map (id, pinning, inner_id, inner_idx).
/// </summary>
internal static class LegacyMapReader
{
    private static uint U(ReadOnlySpan<byte> r, int off) => off + 4 <= r.Length ? BinaryPrimitives.ReadUInt32LittleEndian(r[off..]) : 0;

    public static bool IsLegacyMapSection(string name) => name == "maps" || name.StartsWith("maps/", StringComparison.Ordinal);

    /// <param name="pendingInner">map-in-map entries whose inner_map_idx names a definition of a later section:
    /// (entry index, inner_map_idx), for <see cref="ResolvePendingInner"/> once every section is read.</param>
    public static void Read(ElfFile elf, ElfSection section, List<MapEntry> maps, List<string> warnings,
        List<(int Entry, uint InnerIdx)>? pendingInner = null)
    {
        var syms = new List<ElfSymbol>();
        foreach (var s in elf.Symbols)
        {
            if (s.SectionIndex == section.Index && !s.IsSection && s.Index != 0)
                syms.Add(s);
        }
        var data = section.Data.Span;
        if (syms.Count == 0 || data.Length == 0 || data.Length % syms.Count != 0)
        {
            warnings.Add($"libbpf: unable to determine map definition size in section {section.Name}, {syms.Count} maps in {data.Length} bytes");
            return;
        }
        int recSize = data.Length / syms.Count;
        if (recSize < 20)
        {
            warnings.Add($"libbpf: map definitions in section {section.Name} are {recSize} bytes, smaller than struct bpf_map_def");
            return;
        }
        syms.Sort((a, b) => a.Value.CompareTo(b.Value));
        int first = maps.Count;
        var raw = new List<(MapSpec Spec, uint InnerIdx, uint Id, uint InnerId, ElfSymbol Sym)>(syms.Count);
        foreach (var sym in syms)
        {
            if (sym.Value + (ulong)recSize > (ulong)data.Length)
            {
                warnings.Add($"libbpf: corrupted maps section in {section.Name}: last map \"{sym.Name}\" too small");
                continue;
            }
            var r = data.Slice((int)sym.Value, recSize);
            uint type = U(r, 0), valueSize = U(r, 8);
            var spec = new MapSpec
            {
                Name = sym.Name,
                Type = type,
                KeySize = U(r, 4),
                // Legacy loaders create a map-in-map with a 4-byte value (the inner map's fd) whatever the definition says.
                ValueSize = MapTypes.IsMapInMap(type) && valueSize == 0 ? 4 : valueSize,
                MaxEntries = U(r, 12),
                Flags = U(r, 16),
                NumaNode = recSize == 28 ? U(r, 24) : 0,
                Pinning = recSize == 36 ? U(r, 24) : 0,
                Origin = MapOrigin.Legacy,
                SectionName = section.Name,
            };
            uint innerIdx = recSize == 28 ? U(r, 20) : uint.MaxValue;
            uint id = recSize == 36 ? U(r, 20) : 0;
            uint innerId = recSize == 36 ? U(r, 28) : 0;
            raw.Add((spec, innerIdx, id, innerId, sym));
        }
        foreach (var (spec, innerIdx, _, innerId, sym) in raw)
        {
            MapSpec? inner = null;
            if (MapTypes.IsMapInMap(spec.Type))
            {
                // inner_map_idx counts every legacy map definition, across maps/NAME sections, in order.
                if (innerIdx != uint.MaxValue && innerIdx < (uint)first)
                    inner = maps[(int)innerIdx].Spec;
                else if (innerIdx != uint.MaxValue && innerIdx - (uint)first < (uint)raw.Count)
                    inner = raw[(int)(innerIdx - (uint)first)].Spec;
                else if (innerIdx != uint.MaxValue)
                    pendingInner?.Add((maps.Count, innerIdx));
                else if (innerId != 0)
                {
                    foreach (var other in raw)
                    {
                        if (other.Id == innerId && !ReferenceEquals(other.Spec, spec))
                            inner = other.Spec;
                    }
                }
            }
            maps.Add(new MapEntry(inner == null ? spec : spec with { InnerMap = inner }, section.Index, (long)sym.Value));
        }
        if (maps.Count > first)
            warnings.Add($"libbpf: elf: legacy map definitions in '{section.Name}' section are not supported by libbpf v1.0+");
    }

    /// <summary>Gives the pending map-in-map entries their inner map, now that every legacy definition is read.</summary>
    public static void ResolvePendingInner(List<MapEntry> maps, List<(int Entry, uint InnerIdx)> pending)
    {
        foreach (var (entry, innerIdx) in pending)
        {
            if (innerIdx < (uint)maps.Count && maps[(int)innerIdx].Spec.Origin == MapOrigin.Legacy)
                maps[entry] = maps[entry] with { Spec = maps[entry].Spec with { InnerMap = maps[(int)innerIdx].Spec } };
        }
    }
}
