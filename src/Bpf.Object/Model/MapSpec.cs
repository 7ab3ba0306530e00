namespace Bpf.Object;

/// <summary>
/// A map as the object declares it (BTF-defined <c>.maps</c>, legacy <c>maps</c>, or global data such as <c>.rodata</c>).
/// Immutable once loaded; the verifier reads it, nothing creates it.
/// </summary>
public sealed record MapSpec
{
    public required string Name { get; init; }
    /// <summary>The name the kernel stores and the verifier log prints (<c>map=</c>): at most 15 characters (BPF_OBJ_NAME_LEN - 1).</summary>
    public string KernelName => Name.Length > 15 ? Name[..15] : Name;
    /// <summary>enum bpf_map_type value.</summary>
    public required uint Type { get; init; }
    public required uint KeySize { get; init; }
    public required uint ValueSize { get; init; }
    public required uint MaxEntries { get; init; }
    public uint Flags { get; init; }
    public uint NumaNode { get; init; }
    public uint Pinning { get; init; }
    /// <summary>map_extra (bloom filter hash count, arena address hint...).</summary>
    public ulong MapExtra { get; init; }
    /// <summary>BTF type ids in the object's BTF (0 when absent).</summary>
    public uint BtfKeyTypeId { get; init; }
    public uint BtfValueTypeId { get; init; }
    /// <summary>struct_ops maps: the kernel's <c>bpf_struct_ops_NAME</c> value type id in the target kernel BTF.</summary>
    public uint BtfVmlinuxValueTypeId { get; init; }
    /// <summary>Template of the inner map of a map-in-map, when declared.</summary>
    public MapSpec? InnerMap { get; init; }
    /// <summary>Initial contents (global data sections, <c>.kconfig</c>); empty for ordinary maps.</summary>
    public ReadOnlyMemory<byte> InitialValue { get; init; }
    /// <summary>What kind of declaration produced the map.</summary>
    public MapOrigin Origin { get; init; }
    /// <summary>ELF section the map came from (<c>.maps</c>, <c>maps</c>, <c>.rodata</c>, <c>.data.foo</c>...).</summary>
    public string SectionName { get; init; } = "";
    /// <summary>Global data a program cannot write (<c>.rodata*</c>, <c>.kconfig</c>): BPF_F_RDONLY_PROG, frozen.</summary>
    public bool IsReadOnlyGlobal => Origin is MapOrigin.Rodata or MapOrigin.Kconfig;
}

public enum MapOrigin
{
    BtfDefined,
    Legacy,
    Data,
    Rodata,
    Bss,
    Kconfig,
    Arena,
    StructOps,
}
