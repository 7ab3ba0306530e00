using Bpf.Object;

namespace Bpf.Verifier.Platform;

/// <summary>
/// Program types whose context is described by kernel BTF (tracing, LSM, struct_ops, ext): what they may do
/// depends on the attach target. Null when bpfv does not model the program's type here.
/// </summary>
public static class BtfProgramTypes
{
    public static ProgramTypeInfo? Find(ProgramSpec prog)
    {
        if (prog.Type is not (ProgramType.Tracing or ProgramType.Lsm or ProgramType.StructOps))
            return null;
        var attach = BtfAttach.Resolve(prog);
        if (attach == null)
            return null;
        // A void LSM hook or struct_ops member does not even read R0 at exit (check_return_code returns first).
        if (prog.Type is ProgramType.Lsm or ProgramType.StructOps && attach.ReturnsVoid)
            return new ProgramTypeInfo(prog.Type, null, null) { VoidReturn = true };
        // check_return_code: fentry/fexit must return 0, iterators 0 or 1, tp_btf, fmod_ret and struct_ops
        // anything, LSM hooks what the hook returns.
        (int, int)? range = prog.ExpectedAttachType switch
        {
            _ when prog.Type == ProgramType.StructOps => null,
            AttachType.TraceFentry or AttachType.TraceFexit => (0, 0),
            AttachType.TraceIter => (0, 1),
            AttachType.LsmMac => LsmHooks.ReturnRange(attach.FuncName, attach.ReturnsVoid),
            _ => null,
        };
        return new ProgramTypeInfo(prog.Type, null, range);
    }
}
