using Bpf.Btf;

namespace Bpf.Object;

/// <summary>How to open an object: target kernel BTF for CO-RE and ksyms, and program type overrides.</summary>
public sealed record LoadOptions
{
    public static readonly LoadOptions Default = new();

    /// <summary>Target kernel BTF (CO-RE relocations, kfunc/ksym resolution). When null, <see cref="TargetBtfPath"/> or the bundled 6.18 BTF is used, loaded only if the object needs it.</summary>
    public BtfSpec? TargetBtf { get; init; }
    /// <summary>Raw or gzip-compressed BTF file to use as the target kernel BTF.</summary>
    public string? TargetBtfPath { get; init; }
    /// <summary>Forces every program's type (<c>--prog-type</c>); the expected attach type comes from the section when it fits.</summary>
    public ProgramType? ProgramType { get; init; }
    /// <summary>Per-program types (<c>--prog-types FILE</c>), applied after <see cref="ProgramType"/>.</summary>
    public ProgramTypeOverrides? Overrides { get; init; }
    /// <summary>veristat's map fix-ups before loading (max_entries 0 → 1 except storage maps); on by default because the oracle is veristat.</summary>
    public bool VeristatFixups { get; init; } = true;
    /// <summary>
    /// Accept what pre-1.0 loaders accepted (static entry programs, undefined functions as per-program errors,
    /// prefix/cilium/socket_filter section rules). null = automatic: objects without BTF, with a legacy <c>maps</c>
    /// section, or named by a <see cref="Overrides"/> row (ebpf-samples' program-types.csv describes such a loader).
    /// </summary>
    public bool? Legacy { get; init; }
    /// <summary>Kernel config file for CONFIG_* kconfig externs (plain or .gz); null = /proc/config.gz when present, as libbpf.</summary>
    public string? KconfigPath { get; init; }
    /// <summary>LINUX_KERNEL_VERSION for kconfig externs: KERNEL_VERSION(6, 18, 44) by default (the oracle's kernel).</summary>
    public uint KernelVersionCode { get; init; } = (6u << 16) | (18u << 8) | 44u;
}
