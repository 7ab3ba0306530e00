using Bpf.Object;

namespace Bpf.Verifier.Platform;

/// <summary>Argument kinds of helper prototypes (enum bpf_arg_type with its flags, the subset modelled).</summary>
public enum ArgKind : byte
{
    DontCare,
    /// <summary>ARG_ANYTHING: any initialized scalar (a pointer leaks an address).</summary>
    Anything,
    ConstMapPtr,
    PtrToMapKey,
    PtrToMapValue,
    /// <summary>ARG_PTR_TO_MAP_VALUE | PTR_MAYBE_NULL (sk_storage_get's initial value).</summary>
    PtrToMapValueOrNull,
    /// <summary>ARG_PTR_TO_MAP_VALUE | MEM_UNINIT | MEM_WRITE (map_pop_elem, map_peek_elem).</summary>
    PtrToUninitMapValue,
    PtrToCtx,
    /// <summary>ARG_PTR_TO_CTX_OR_NULL.</summary>
    PtrToCtxOrNull,
    /// <summary>ARG_PTR_TO_MEM | MEM_RDONLY: readable, initialized memory sized by the next argument.</summary>
    PtrToMemRdonly,
    /// <summary>ARG_PTR_TO_MEM | PTR_MAYBE_NULL | MEM_RDONLY: the same, or NULL with a zero size.</summary>
    PtrToMemRdonlyOrNull,
    /// <summary>ARG_PTR_TO_MEM | MEM_WRITE: initialized memory the helper reads and writes.</summary>
    PtrToMemWrite,
    /// <summary>ARG_PTR_TO_UNINIT_MEM (MEM_UNINIT | MEM_WRITE): memory the helper fills, sized by the next argument.</summary>
    PtrToUninitMem,
    /// <summary>ARG_PTR_TO_FIXED_SIZE_MEM | MEM_UNINIT | MEM_WRITE | MEM_ALIGNED of <see cref="HelperProto.FixedSize"/> bytes.</summary>
    PtrToFixedUninitMem,
    /// <summary>ARG_PTR_TO_FIXED_SIZE_MEM | MEM_WRITE | MEM_ALIGNED: initialized memory the helper reads and writes (check_mtu).</summary>
    PtrToFixedMemWrite,
    ConstSize,
    ConstSizeOrZero,
    /// <summary>ARG_CONST_ALLOC_SIZE_OR_ZERO: a constant that sizes the returned memory.</summary>
    ConstAllocSizeOrZero,
    /// <summary>ARG_PTR_TO_SOCK_COMMON: sock_common, sock or tcp_sock.</summary>
    PtrToSockCommon,
    /// <summary>ARG_PTR_TO_BTF_ID_SOCK_COMMON: any socket pointer (BTF-typed ones are not modelled).</summary>
    PtrToBtfSockCommon,
    /// <summary>ARG_PTR_TO_SOCKET | PTR_MAYBE_NULL (sk_lookup's sk_assign).</summary>
    PtrToSocketOrNull,
    /// <summary>ARG_PTR_TO_CONST_STR: a NUL-terminated string in a read-only map value.</summary>
    PtrToConstStr,
    /// <summary>ARG_PTR_TO_BTF_ID_SOCK_COMMON | OBJ_RELEASE (bpf_sk_release).</summary>
    ReleaseSockCommon,
    /// <summary>ARG_PTR_TO_RINGBUF_MEM | OBJ_RELEASE (ringbuf_submit / ringbuf_discard).</summary>
    ReleaseRingbufMem,
    /// <summary>ARG_PTR_TO_SPIN_LOCK.</summary>
    PtrToSpinLock,
    /// <summary>ARG_PTR_TO_PERCPU_BTF_ID: a percpu kernel variable or percpu object (only the type check is modelled).</summary>
    PtrToPercpuBtfId,
    /// <summary>ARG_KPTR_XCHG_DEST: a map value (or local object) pointing at a referenced kptr field.</summary>
    KptrXchgDest,
    /// <summary>ARG_PTR_TO_BTF_ID_OR_NULL | OBJ_RELEASE typed by the kptr field (bpf_kptr_xchg's new value).</summary>
    ReleaseKptrOrNull,
    /// <summary>ARG_PTR_TO_DYNPTR | DYNPTR_TYPE_LOCAL | MEM_UNINIT: stack the helper turns into a local dynptr.</summary>
    DynptrUninitLocal,
    /// <summary>ARG_PTR_TO_DYNPTR | DYNPTR_TYPE_RINGBUF | MEM_UNINIT: stack the helper turns into a ring buffer dynptr.</summary>
    DynptrUninitRingbuf,
    /// <summary>ARG_PTR_TO_DYNPTR | DYNPTR_TYPE_RINGBUF | OBJ_RELEASE: a ring buffer dynptr the helper ends.</summary>
    DynptrReleaseRingbuf,
    /// <summary>ARG_PTR_TO_DYNPTR | MEM_RDONLY: an initialized dynptr of any kind, left unchanged.</summary>
    DynptrRdonly,
    /// <summary>ARG_PTR_TO_BTF_ID: a trusted pointer to the vmlinux struct named by <see cref="HelperProto.ArgStructs"/>.</summary>
    PtrToBtfId,
    /// <summary>ARG_PTR_TO_BTF_ID_OR_NULL: the same, or NULL (task/cgroup storage owners).</summary>
    PtrToBtfIdOrNull,
    /// <summary>ARG_PTR_TO_TIMER: a map value pointing at its struct bpf_timer field.</summary>
    PtrToTimer,
    /// <summary>ARG_PTR_TO_FUNC: a static subprogram loaded with ld_imm64 src=BPF_PSEUDO_FUNC (timer callbacks).</summary>
    PtrToFunc,
    /// <summary>ARG_PTR_TO_MEM | PTR_MAYBE_NULL | MEM_WRITE: writable initialized memory, or NULL with a zero size.</summary>
    PtrToMemWriteOrNull,
    /// <summary>ARG_PTR_TO_FIXED_SIZE_MEM | MEM_RDONLY: memory the helper reads, of <see cref="HelperProto.ArgSizes"/> bytes.</summary>
    PtrToFixedMemRdonly,
    /// <summary>ARG_PTR_TO_BTF_ID_SOCK_COMMON | PTR_MAYBE_NULL: any socket pointer, or NULL (tracing get_socket_cookie).</summary>
    PtrToBtfSockCommonOrNull,
}

/// <summary>Return kinds (enum bpf_return_type with its flags, the subset modelled).</summary>
public enum RetKind : byte
{
    Integer,
    Void,
    MapValueOrNull,
    /// <summary>RET_PTR_TO_MAP_VALUE: never NULL (get_local_storage).</summary>
    MapValue,
    SocketOrNull,
    SockCommonOrNull,
    TcpSockOrNull,
    /// <summary>RET_PTR_TO_MEM | MEM_RINGBUF | PTR_MAYBE_NULL sized by the ARG_CONST_ALLOC_SIZE_OR_ZERO argument.</summary>
    RingbufMemOrNull,
    /// <summary>RET_PTR_TO_DYNPTR_MEM_OR_NULL: a slice of the dynptr argument sized by the ARG_CONST_ALLOC_SIZE_OR_ZERO argument.</summary>
    DynptrMemOrNull,
    /// <summary>RET_PTR_TO_BTF_ID_TRUSTED of <see cref="HelperProto.RetStruct"/> in vmlinux.</summary>
    BtfIdTrusted,
    /// <summary>RET_PTR_TO_BTF_ID_OR_NULL typed by the kptr field of bpf_kptr_xchg (its old value, acquired).</summary>
    KptrOrNull,
    /// <summary>RET_PTR_TO_BTF_ID_OR_NULL of <see cref="HelperProto.RetStruct"/> (skc_to_* casts).</summary>
    BtfIdOrNull,
    /// <summary>RET_PTR_TO_BTF_ID of <see cref="HelperProto.RetStruct"/>, neither trusted nor NULL (task_pt_regs).</summary>
    BtfId,
}

/// <summary>One helper prototype (struct bpf_func_proto) and the verifier's per-helper facts: data, read by the call checker.</summary>
public sealed record HelperProto(
    int Id,
    RetKind Ret,
    ArgKind[] Args,
    bool GplOnly = false,
    /// <summary>bpf_func_proto.pkt_access: packet pointers may be passed as memory arguments.</summary>
    bool PktAccess = false)
{
    /// <summary>Never returns to the next instruction on success (tail_call).</summary>
    public bool MayNotReturn { get; init; }
    /// <summary>R0 range for integer returns, when the kernel narrows it.</summary>
    public (long Min, long Max)? RetRange { get; init; }
    /// <summary>do_refine_retval_range: R0 in [0, nr_cpu_ids - 1] (get_smp_processor_id).</summary>
    public bool RetCpuId { get; init; }
    /// <summary>do_refine_retval_range: R0 in [-MAX_ERRNO, max size of the memory argument] (get_stack, *_str).</summary>
    public bool RetBySize { get; init; }
    /// <summary>bpf_func_proto.might_sleep: refused in non-sleepable programs.</summary>
    public bool MightSleep { get; init; }
    /// <summary>is_acquire_function: R0 carries a new reference that must be released.</summary>
    public bool Acquire { get; init; }
    /// <summary>is_ptr_cast_function: R0 inherits the argument's ref_obj_id.</summary>
    public bool PtrCast { get; init; }
    /// <summary>arg_size of the ARG_PTR_TO_FIXED_SIZE_MEM argument.</summary>
    public int FixedSize { get; init; }
    /// <summary>arg_size of each ARG_PTR_TO_FIXED_SIZE_MEM | MEM_RDONLY argument, by argument index (0 elsewhere).</summary>
    public int[]? ArgSizes { get; init; }
    /// <summary>vmlinux struct of a BTF-id return.</summary>
    public string? RetStruct { get; init; }
    /// <summary>vmlinux struct names of ARG_PTR_TO_BTF_ID arguments, by argument index (null entries elsewhere).</summary>
    public string?[]? ArgStructs { get; init; }
    /// <summary>
    /// Program types this prototype is the right variant for, when get_func_proto hands other types a different
    /// bpf_func_proto under the same id; null = the same prototype for every type that may call the helper.
    /// </summary>
    public ProgramType[]? OnlyFor { get; init; }
    /// <summary>bpf_func_proto.allowed = bpf_sk_storage_tracing_allowed: refused for some attach points.</summary>
    public bool SkStorageTracingOnly { get; init; }
}
