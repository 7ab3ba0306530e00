using static Bpf.Verifier.Platform.ArgKind;

namespace Bpf.Verifier.Platform;

/// <summary>Helpers whose arguments or return are BTF-typed kernel objects: seq_file printing, socket casts, task helpers.</summary>
public static partial class HelperTable
{
    private static HelperProto[] BtfArgProtos() =>
    [
    ];
}
