namespace Bpf.Isa;

/// <summary>What a symbolic reference in assembly text needs from the caller.</summary>
public enum AsmRelocKind
{
    /// <summary>ld_imm64 of a symbol's address (<c>r1 = %[map_hash_8b] ll</c>): usually a map; emitted as src 0, imm 0.</summary>
    LdImm64,

    /// <summary>ld_imm64 of an explicitly named map (<c>r1 = map[name] ll</c>): emitted as src 0, imm 0.</summary>
    Map,

    /// <summary>Call of a function not defined in the text (a kfunc or an external subprogram): emitted as <c>call -1</c> (src 0, imm -1), as clang does.</summary>
    Call,
}

/// <summary>A reference the assembler could not resolve locally, at instruction slot <paramref name="InsnIndex"/>.</summary>
public readonly record struct AsmRelocation(int InsnIndex, string Symbol, AsmRelocKind Kind);

/// <summary>Instruction slots (ld_imm64 takes two) plus what is left for the caller to resolve.</summary>
public sealed class AssemblyResult
{
    public AssemblyResult(
        Instruction[] instructions,
        IReadOnlyList<AsmRelocation> relocations,
        IReadOnlyDictionary<string, int> labels,
        IReadOnlyDictionary<int, string> callNames)
    {
        Instructions = instructions;
        Relocations = relocations;
        Labels = labels;
        CallNames = callNames;
    }

    public Instruction[] Instructions { get; }
    public IReadOnlyList<AsmRelocation> Relocations { get; }

    /// <summary>Named labels and the slot index they mark.</summary>
    public IReadOnlyDictionary<string, int> Labels { get; }

    /// <summary>
    /// Names written in the kernel-log form <c>call name#id</c> for kfunc calls, by slot index, so a
    /// <see cref="DisasmSymbolTable"/> built from them prints the calls back identically.
    /// </summary>
    public IReadOnlyDictionary<int, string> CallNames { get; }
}
