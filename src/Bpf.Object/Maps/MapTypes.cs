namespace Bpf.Object.Maps;

/// <summary>enum bpf_map_type values the loader treats specially, and map flags.</summary>
internal static class MapTypes
{
    public const uint Array = 2;
    public const uint ProgArray = 3;
    public const uint PerfEventArray = 4;
    public const uint StackTrace = 7;
    public const uint CgroupArray = 8;
    public const uint ArrayOfMaps = 12;
    public const uint HashOfMaps = 13;
    public const uint Devmap = 14;
    public const uint Sockmap = 15;
    public const uint Cpumap = 16;
    public const uint Xskmap = 17;
    public const uint Sockhash = 18;
    public const uint CgroupStorage = 19;
    public const uint PercpuCgroupStorage = 21;
    public const uint Queue = 22;
    public const uint Stack = 23;
    public const uint SkStorage = 24;
    public const uint DevmapHash = 25;
    public const uint StructOps = 26;
    public const uint InodeStorage = 28;
    public const uint TaskStorage = 29;
    public const uint Arena = 33;

    public const uint FlagRdonlyProg = 0x80;
    public const uint FlagMmapable = 0x400;

    public static bool IsMapInMap(uint type) => type is ArrayOfMaps or HashOfMaps;

    /// <summary>Map types libbpf creates without key/value BTF ids (bpf_object__create_map).</summary>
    public static bool DropsBtfIds(uint type) => type is PerfEventArray or CgroupArray or StackTrace or ArrayOfMaps
        or HashOfMaps or Devmap or DevmapHash or Cpumap or Xskmap or Sockmap or Sockhash or Queue or Stack or Arena;

    /// <summary>Storage maps veristat leaves at max_entries 0 (the kernel requires 0 for them).</summary>
    public static bool KeepsZeroMaxEntries(uint type) => type is SkStorage or TaskStorage or InodeStorage or CgroupStorage or PercpuCgroupStorage;
}
