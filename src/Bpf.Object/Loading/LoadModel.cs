using Bpf.Isa;

namespace Bpf.Object.Loading;

/// <summary>A function found in an executable section: an entry program or a .text subprogram.</summary>
internal sealed class CodeFunction
{
    public required string Name { get; init; }
    public required int SectionIndex { get; init; }
    /// <summary>Section name as in the ELF (may start with '?').</summary>
    public required string RawSectionName { get; init; }
    public required int SectionInsnOffset { get; init; }
    public required Instruction[] Insns { get; init; }
    public bool IsGlobal { get; init; }
    /// <summary>Global but hidden/internal visibility: libbpf marks its BTF FUNC static.</summary>
    public bool IsHidden { get; init; }
    public bool IsSubprog { get; set; }
    /// <summary>Relocations by instruction index within this function, sorted.</summary>
    public List<RelocDesc> Relocs { get; } = [];
    /// <summary>Where this function sits in the main program being linked (0 = not appended yet).</summary>
    public int SubInsnOffset { get; set; }
    /// <summary>First CO-RE relocation libbpf could not apply in this function (fails every program containing it).</summary>
    public string? CoreError { get; set; }
    /// <summary>CO-RE relocations libbpf poisoned in this function: instruction index → libbpf's spec description.</summary>
    public Dictionary<int, string>? PoisonedCoreRelos { get; set; }

    public string SectionName => RawSectionName.StartsWith('?') ? RawSectionName[1..] : RawSectionName;
    public int InsnCount => Insns.Length;

    public RelocDesc? FindReloc(int insnIdx)
    {
        // Few relocations per function; binary search keeps big programs linear.
        int lo = 0, hi = Relocs.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            int v = Relocs[mid].InsnIdx;
            if (v == insnIdx)
                return Relocs[mid];
            if (v < insnIdx)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        return null;
    }
}

internal enum RelocKind
{
    Call,
    SubprogAddr,
    MapLd64,
    Data,
    ExternCall,
    ExternLd64,
    /// <summary>libbpf refuses the relocation; <see cref="RelocDesc.Error"/> says why.</summary>
    Invalid,
}

/// <summary>A relocation recorded against one instruction of a function.</summary>
internal sealed record RelocDesc(int InsnIdx, RelocKind Kind, int MapIdx = -1, long SymOff = 0, int ExternIdx = -1, string? Error = null);

internal enum ExternKind
{
    Kconfig,
    Ksym,
}

/// <summary>An undefined symbol the object expects libbpf to provide (kconfig value, kfunc, kernel variable).</summary>
internal sealed class ExternDesc
{
    public required string Name { get; init; }
    public required int SymbolIndex { get; init; }
    public required ExternKind Kind { get; init; }
    public bool IsWeak { get; init; }
    public bool IsFunction { get; init; }
    /// <summary>Object BTF id of the VAR/FUNC.</summary>
    public uint BtfId { get; init; }
    /// <summary>Typed ksym: object BTF type of the variable (0 = typeless).</summary>
    public uint TypeId { get; init; }
    /// <summary>Offset in the .kconfig map.</summary>
    public int KconfigOffset { get; set; }
    public int KconfigSize { get; set; }
    /// <summary>Resolved target kernel BTF id (0 when unresolved).</summary>
    public uint KernelBtfId { get; set; }
    public bool IsSet { get; set; }
    /// <summary>libbpf fails bpf_object__open on this extern (its BTF or section is unusable).</summary>
    public bool OpenError { get; set; }
    /// <summary>Why libbpf could not resolve it (null when resolved or weak).</summary>
    public string? Error { get; set; }
}

/// <summary>A map together with where it was declared (for relocation lookup).</summary>
internal sealed record MapEntry(MapSpec Spec, int SectionIndex, long SectionOffset);
