namespace Bpf.Object;

/// <summary>A parsed BPF object file: everything the verifier needs, nothing live.</summary>
public sealed record ObjectSpec
{
    public required string Path { get; init; }
    public required IReadOnlyList<ProgramSpec> Programs { get; init; }
    public required IReadOnlyList<MapSpec> Maps { get; init; }
    public string License { get; init; } = "";
    public uint KernelVersion { get; init; }
    /// <summary>The object's own BTF (null when absent or refused by the kernel's rules, in which case libbpf loads without it).</summary>
    public Bpf.Btf.BtfSpec? Btf { get; init; }
    /// <summary>Why the kernel refuses the object's BTF (its BTF-log reason), when it does; <see cref="Btf"/> is then null.</summary>
    public string? BtfRejection { get; init; }
    /// <summary>Warnings libbpf would print (legacy maps section, BTF dropped ...).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>GPL-compatible license strings, as the kernel's license_is_gpl_compatible() lists them.</summary>
    public bool IsGplCompatible => License is "GPL" or "GPL v2" or "GPL and additional rights" or "Dual BSD/GPL" or "Dual MIT/GPL" or "Dual MPL/GPL";
}
