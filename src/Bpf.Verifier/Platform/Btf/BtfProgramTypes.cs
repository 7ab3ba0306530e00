using Bpf.Object;

namespace Bpf.Verifier.Platform;

/// <summary>
/// Program types whose context is described by kernel BTF (tracing, LSM, struct_ops, ext): what they may do
/// depends on the attach target. Null when bpfv does not model the program's type here.
/// </summary>
public static class BtfProgramTypes
{
    public static ProgramTypeInfo? Find(ProgramSpec prog) => null;
}
