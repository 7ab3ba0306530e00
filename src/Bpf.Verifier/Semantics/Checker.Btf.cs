using Bpf.Isa;
using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Semantics;

/// <summary>BTF-typed memory: PTR_TO_BTF_ID loads and stores, BTF contexts of tracing programs, struct bpf_map fields.</summary>
internal sealed partial class Checker
{
    /// <summary>Context access of a program whose context is BTF-typed; false when the program's context is a fixed layout.</summary>
    private bool TryCheckBtfCtxAccess(int regno, int off, int size, bool write, int valueReg) => false;

    private void CheckBtfIdAccess(int regno, int off, int size, bool write, int valueReg) =>
        Unsupported($"access to {TypeStr(Regs[regno])}");

    /// <summary>Loads through a CONST_PTR_TO_MAP read struct bpf_map (or the map type's struct) fields via BTF.</summary>
    private void CheckMapPtrAccess(int regno, int off, int size, bool write, int valueReg) =>
        Unsupported("access to map_ptr");

    /// <summary>ld_imm64 of a kernel symbol (BPF_PSEUDO_BTF_ID) or a function (BPF_PSEUDO_FUNC).</summary>
    private void CheckLdImmKsym(Instruction insn, Instruction next, ref RegState dst) =>
        Unsupported($"ld_imm64 with src_reg {insn.Src}");
}
