using Bpf.Isa;

namespace Bpf.Verifier.Semantics;

/// <summary>check_kfunc_call: calls into kernel functions described by BTF.</summary>
internal sealed partial class Checker
{
    private void CheckKfuncCall(Instruction insn) => Unsupported("kfunc call");
}
