using static Bpf.Verifier.Platform.ArgKind;

namespace Bpf.Verifier.Platform;

/// <summary>bpf_base_func_proto helpers: maps, time, ring buffer, strings, spin locks (kernel/bpf/helpers.c, ringbuf.c).</summary>
public static partial class HelperTable
{
    private static HelperProto[] BaseProtos() =>
    [
        // map_lookup_elem / update / delete / push / pop / peek / lookup_percpu
        new(1, RetKind.MapValueOrNull, [ConstMapPtr, PtrToMapKey], PktAccess: true),
        new(2, RetKind.Integer, [ConstMapPtr, PtrToMapKey, PtrToMapValue, Anything], PktAccess: true),
        new(3, RetKind.Integer, [ConstMapPtr, PtrToMapKey], PktAccess: true),
        new(87, RetKind.Integer, [ConstMapPtr, PtrToMapValue, Anything], PktAccess: true),
        Int(88, ConstMapPtr, PtrToUninitMapValue),
        Int(89, ConstMapPtr, PtrToUninitMapValue),
        new(195, RetKind.MapValueOrNull, [ConstMapPtr, PtrToMapKey, Anything], PktAccess: true),
        // tail_call(ctx, prog_array, index): a tail-called program may change packet data
        new(12, RetKind.Void, [PtrToCtx, ConstMapPtr, Anything]) { MayNotReturn = true },
        // argument-less integer helpers
        Int(5), Int(7), Int(14), Int(15), Int(42), Int(80), Int(118), Int(125), Int(160), Int(208),
        // get_smp_processor_id: do_refine_retval_range bounds R0 by nr_cpu_ids - 1 (VerifierOptions.NrCpus)
        Int(8) with { RetCpuId = true },
        // get_current_ancestor_cgroup_id(level)
        Int(123, Anything),
        // get_current_comm(buf, size)
        Int(16, PtrToUninitMem, ConstSize),
        // get_current_task(): GPL
        new(35, RetKind.Integer, [], GplOnly: true),
        // get_current_task_btf(): trusted task_struct, GPL
        new(158, RetKind.BtfIdTrusted, [], GplOnly: true) { RetStruct = "task_struct" },
        // current_task_under_cgroup(cgroup_array, idx)
        Int(37, ConstMapPtr, Anything),
        // trace_printk(fmt, fmt_size, ...): GPL
        new(6, RetKind.Integer, [PtrToMemRdonly, ConstSize], GplOnly: true),
        // probe_read_user/kernel(dst, size, src) and the _str variants (R0 <= size)
        new(112, RetKind.Integer, [PtrToUninitMem, ConstSizeOrZero, Anything], GplOnly: true),
        new(113, RetKind.Integer, [PtrToUninitMem, ConstSizeOrZero, Anything], GplOnly: true),
        new(114, RetKind.Integer, [PtrToUninitMem, ConstSizeOrZero, Anything], GplOnly: true) { RetBySize = true },
        new(115, RetKind.Integer, [PtrToUninitMem, ConstSizeOrZero, Anything], GplOnly: true) { RetBySize = true },
        // copy_from_user(dst, size, user_ptr): sleeps
        new(148, RetKind.Integer, [PtrToUninitMem, ConstSizeOrZero, Anything]) { MightSleep = true },
        // get_ns_current_pid_tgid(dev, ino, nsdata, size)
        Int(120, Anything, Anything, PtrToUninitMem, ConstSize),
        // strtol / strtoul(buf, buf_len, flags, res)
        new(105, RetKind.Integer, [PtrToMemRdonly, ConstSize, Anything, PtrToFixedUninitMem]) { FixedSize = 8 },
        new(106, RetKind.Integer, [PtrToMemRdonly, ConstSize, Anything, PtrToFixedUninitMem]) { FixedSize = 8 },
        // strncmp(s1, s1_sz, s2): s2 a constant string
        Int(182, PtrToMemRdonly, ConstSize, PtrToConstStr),
        // get_retval(), set_retval(retval) of cgroup programs
        Int(186), Int(187, Anything),
        // ringbuf_output / reserve / submit / discard / query
        Int(130, ConstMapPtr, PtrToMemRdonly, ConstSizeOrZero, Anything),
        new(131, RetKind.RingbufMemOrNull, [ConstMapPtr, ConstAllocSizeOrZero, Anything]) { Acquire = true },
        new(132, RetKind.Void, [ReleaseRingbufMem, Anything]),
        new(133, RetKind.Void, [ReleaseRingbufMem, Anything]),
        Int(134, ConstMapPtr, Anything),
        // dynptr_from_mem(data, size, flags, dynptr) / ringbuf_reserve_dynptr(ringbuf, size, flags, dynptr) /
        // ringbuf_submit_dynptr, ringbuf_discard_dynptr(dynptr, flags) / dynptr_read(dst, len, src, off, flags) /
        // dynptr_write(dst, off, src, len, flags) / dynptr_data(dynptr, off, len)
        Int(197, PtrToUninitMem, ConstSizeOrZero, Anything, DynptrUninitLocal),
        Int(198, ConstMapPtr, Anything, Anything, DynptrUninitRingbuf),
        new(199, RetKind.Void, [DynptrReleaseRingbuf, Anything]),
        new(200, RetKind.Void, [DynptrReleaseRingbuf, Anything]),
        Int(201, PtrToUninitMem, ConstSizeOrZero, DynptrRdonly, Anything, Anything),
        Int(202, DynptrRdonly, Anything, PtrToMemRdonly, ConstSizeOrZero, Anything),
        new(203, RetKind.DynptrMemOrNull, [DynptrRdonly, Anything, ConstAllocSizeOrZero]),
        // spin_lock / spin_unlock(lock): process_spin_lock pairs them
        new(93, RetKind.Void, [PtrToSpinLock]),
        new(94, RetKind.Void, [PtrToSpinLock]),
        // this_cpu_ptr(percpu_ptr): only wrong argument types are modelled (the pointer itself is unsupported)
        new(154, RetKind.Integer, [PtrToPercpuBtfId]),
        // kptr_xchg(dst, new): the old value, acquired
        new(194, RetKind.KptrOrNull, [KptrXchgDest, ReleaseKptrOrNull]) { Acquire = true },
        // get_local_storage(cgroup_storage, flags): never NULL
        new(81, RetKind.MapValue, [ConstMapPtr, Anything]),
    ];
}
