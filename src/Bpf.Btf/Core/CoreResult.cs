namespace Bpf.Btf;

/// <summary>
/// The outcome of resolving one CO-RE relocation (libbpf's bpf_core_relo_res): the value the compiler assumed
/// (<see cref="OrigVal"/>), the value for the target kernel (<see cref="NewVal"/>), and whether the instruction
/// must be poisoned instead of patched.
/// </summary>
public readonly record struct CoreResult(
    ulong OrigVal,
    ulong NewVal,
    bool Poison,
    bool Validate,
    bool FailMemSizeAdjust,
    uint OrigSize,
    uint NewSize,
    uint OrigTypeId,
    uint NewTypeId);
