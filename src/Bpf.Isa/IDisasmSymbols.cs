namespace Bpf.Isa;

/// <summary>
/// Lets the caller supply what the kernel's disassembler gets from the verifier environment:
/// kfunc names (its <c>cb_call</c>) and the 64-bit value shown for an ld_imm64 after the
/// verifier resolved it (a map or ksym address; callers substitute a fake address).
/// </summary>
public interface IDisasmSymbols
{
    /// <summary>Name printed for the call at <paramref name="index"/> (a kfunc), or null for the kernel default.</summary>
    string? GetCallName(int index, Instruction insn) => null;

    /// <summary>Value printed for the ld_imm64 at <paramref name="index"/>; <paramref name="raw"/> is the encoded one.</summary>
    ulong GetImm64(int index, Instruction insn, ulong raw) => raw;
}
