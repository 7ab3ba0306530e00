namespace Bpf.Isa;

/// <summary>
/// A ready-made <see cref="IDisasmSymbols"/>: kfunc names by slot index or by BTF id, and ld_imm64
/// values by slot index (e.g. the fake address bpfv gives a map).
/// </summary>
public sealed class DisasmSymbolTable : IDisasmSymbols
{
    public Dictionary<int, string> CallNamesByIndex { get; } = [];
    public Dictionary<int, string> KfuncNamesByBtfId { get; } = [];
    public Dictionary<int, ulong> Imm64ByIndex { get; } = [];

    public string? GetCallName(int index, Instruction insn)
    {
        if (CallNamesByIndex.TryGetValue(index, out string? name))
            return name;
        return insn.Src == Pseudo.KfuncCall && KfuncNamesByBtfId.TryGetValue(insn.Imm, out name) ? name : null;
    }

    public ulong GetImm64(int index, Instruction insn, ulong raw) =>
        Imm64ByIndex.TryGetValue(index, out ulong value) ? value : raw;
}
