using Bpf.Object;

namespace Bpf.Verifier.Platform.Kfuncs;

/// <summary>
/// Context structs as kfunc calls see them: the kernel-side struct bpf_cast_to_kern_ctx returns (from
/// <see cref="ProgramContextTypes"/>), and the uapi structs bpfv recognises as a kfunc's context argument.
/// </summary>
public static class KfuncContexts
{

    /// <summary>
    /// The UAPI context struct of the program types whose kfunc arguments bpfv recognises as the context
    /// (btf_is_prog_ctx_type); null for the others.
    /// </summary>
    public static string? UapiContextStruct(ProgramType t) => t switch
    {
        ProgramType.SocketFilter or ProgramType.SchedCls or ProgramType.SchedAct or ProgramType.CgroupSkb
            or ProgramType.LwtIn or ProgramType.LwtOut or ProgramType.LwtXmit or ProgramType.LwtSeg6local
            or ProgramType.SkSkb => "__sk_buff",
        ProgramType.Xdp => "xdp_md",
        _ => null,
    };

    /// <summary>Null for program types whose kernel context is not a struct (u64 arrays, void *): not modelled.</summary>
    public static string? KernelContextStruct(ProgramType t) => ProgramContextTypes.KernelStruct(t);
}
