using Bpf.Isa;

namespace Bpf.Object;

/// <summary>
/// One loadable program after libbpf-style linking: its own code followed by every subprogram it calls,
/// with relocations applied. ld_imm64 map references use <see cref="Pseudo.MapIdx"/>/<see cref="Pseudo.MapIdxValue"/>
/// with imm = index into <see cref="ObjectSpec.Maps"/> (value offset in the second slot's imm for MapIdxValue);
/// kfunc calls carry the target BTF id in imm (see <see cref="Kfuncs"/>).
/// </summary>
public sealed record ProgramSpec
{
    /// <summary>Function symbol name (or the section name when no symbol starts the section, as the corpus names it).</summary>
    public required string Name { get; init; }
    public required string SectionName { get; init; }
    public required ProgramType Type { get; init; }
    public AttachType? ExpectedAttachType { get; init; }
    /// <summary>Attach target from the section name (<c>fentry/do_unlinkat</c> → <c>do_unlinkat</c>).</summary>
    public string? AttachTo { get; init; }
    /// <summary>Target kernel BTF id of <see cref="AttachTo"/> for fentry/fexit/fmod_ret/tp_btf/lsm/iter programs (0 otherwise or unresolved).</summary>
    public uint AttachBtfId { get; init; }
    /// <summary>
    /// struct_ops programs: the kernel struct member the program implements (<c>tcp_congestion_ops.ssthresh</c>).
    /// As in the kernel, <see cref="AttachBtfId"/> is then the struct's id and <see cref="ExpectedAttachType"/> holds the member index.
    /// </summary>
    public string? StructOpsMember { get; init; }
    public bool Sleepable { get; init; }
    /// <summary>False for <c>?</c>-prefixed sections (libbpf does not load them by default).</summary>
    public bool Autoload { get; init; } = true;
    /// <summary>XDP frags / other program flags from the section definition (BPF_F_XDP_HAS_FRAGS...).</summary>
    public uint ProgFlags { get; init; }
    public required Instruction[] Instructions { get; init; }
    /// <summary>Number of instructions of the entry function itself (subprograms follow).</summary>
    public int MainLength { get; init; }
    /// <summary>func_info rebased to this program: instruction index → BTF FUNC type id (object BTF).</summary>
    public IReadOnlyList<FuncInfo> FuncInfos { get; init; } = [];
    /// <summary>line_info rebased to this program, sorted by instruction index.</summary>
    public IReadOnlyList<LineInfo> LineInfos { get; init; } = [];
    /// <summary>kfunc calls and ksym ld_imm64s: instruction index → resolved kernel symbol.</summary>
    public IReadOnlyDictionary<int, KsymRef> Kfuncs { get; init; } = new Dictionary<int, KsymRef>();
    /// <summary>
    /// CO-RE relocations libbpf could not resolve and poisoned (`call 0xbad2310`): instruction index → libbpf's
    /// description of the relocation, which libbpf puts into the verifier log when the kernel trips over one.
    /// </summary>
    public IReadOnlyDictionary<int, string> PoisonedCoreRelos { get; init; } = new Dictionary<int, string>();
    /// <summary>Function names by instruction index for subprogram starts (entry at 0).</summary>
    public IReadOnlyDictionary<int, string> FunctionNames { get; init; } = new Dictionary<int, string>();
    /// <summary>Why libbpf would refuse this program before loading (poisoned relocation it cannot express, ...), or null.</summary>
    public string? LoadError { get; init; }
}

public readonly record struct FuncInfo(int InsnIndex, uint TypeId);

public readonly record struct LineInfo(int InsnIndex, string FileName, string LineText, int Line, int Column);

/// <summary>A kernel symbol referenced by the program: a kfunc or a typed/untyped ksym variable.</summary>
public sealed record KsymRef(string Name, uint TargetBtfId, bool IsFunction, bool IsWeak, int BtfObjFd = 0);
