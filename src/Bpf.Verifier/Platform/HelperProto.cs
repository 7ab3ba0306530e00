namespace Bpf.Verifier.Platform;

/// <summary>Argument kinds of helper prototypes (enum bpf_arg_type, the subset modelled).</summary>
public enum ArgKind : byte
{
    DontCare,
    Anything,
    ConstMapPtr,
    PtrToMapKey,
    PtrToMapValue,
    PtrToCtx,
    /// <summary>Readable memory of the size given by the next argument.</summary>
    PtrToMemRdonly,
    /// <summary>Writable (possibly uninitialized) memory of the size given by the next argument.</summary>
    PtrToUninitMem,
    ConstSize,
    ConstSizeOrZero,
    /// <summary>Not modelled yet: the call is rejected as unsupported.</summary>
    Unsupported,
}

/// <summary>Return kinds (enum bpf_return_type, the subset modelled).</summary>
public enum RetKind : byte
{
    Integer,
    Void,
    MapValueOrNull,
    Unsupported,
}

/// <summary>One helper prototype (struct bpf_func_proto): data, read by the call checker.</summary>
public sealed record HelperProto(
    int Id,
    RetKind Ret,
    ArgKind[] Args,
    bool GplOnly = false,
    /// <summary>Never returns to the next instruction on success (tail_call).</summary>
    bool MayNotReturn = false,
    /// <summary>R0 range for integer returns, when the kernel narrows it (get_smp_processor_id...).</summary>
    (long Min, long Max)? RetRange = null,
    HelperFamily Family = HelperFamily.Base,
    /// <summary>bpf_func_proto.pkt_access: packet pointers may be passed as memory arguments.</summary>
    bool PktAccess = false);
