using Bpf.Object;
using static Bpf.Verifier.Platform.ArgKind;

namespace Bpf.Verifier.Platform;

/// <summary>
/// Helpers added in session 5: printk with an argument array, signals, cgroup classid, xdp buffer access, perf output of
/// BTF-typed skbs and xdp buffers, trampoline argument access, syscall-program helpers, raw SYN cookies
/// (kernel/trace/bpf_trace.c, net/core/filter.c, kernel/bpf/syscall.c, kernel/bpf/btf.c, kernel/bpf/helpers.c).
/// </summary>
public static partial class HelperTable
{
    /// <summary>Types whose get_cgroup_classid is bpf_get_cgroup_classid_proto (the skb's classid, a ctx argument).</summary>
    private static ProgramType[] SkbClassid =>
    [
        ProgramType.SchedCls, ProgramType.SchedAct, ProgramType.LwtIn, ProgramType.LwtOut, ProgramType.LwtXmit,
        ProgramType.LwtSeg6local,
    ];

    /// <summary>Types whose get_func_proto is (or falls back to) tracing_prog_func_proto.</summary>
    private static ProgramType[] TracingChain => [ProgramType.Tracing, ProgramType.Lsm, ProgramType.Syscall];

    private const int IphdrSize = 20, Ipv6hdrSize = 40, TcphdrSize = 20;

    private static HelperProto[] MoreProtos() =>
    [
        // trace_vprintk(fmt, fmt_size, data, data_len): GPL; the format is only checked when the helper runs
        new(177, RetKind.Integer, [PtrToMemRdonly, ConstSize, PtrToMemRdonlyOrNull, ConstSizeOrZero], GplOnly: true),
        // send_signal(sig), send_signal_thread(sig)
        Int(109, Anything), Int(117, Anything),
        // get_cgroup_classid: the skb's for tc and lwt (listed first: it reads R1), the current task's elsewhere
        Int(17, PtrToCtx) with { OnlyFor = SkbClassid },
        Int(17),
        // skb_under_cgroup(skb, cgroup_array, index)
        Int(33, PtrToCtx, ConstMapPtr, Anything),
        // xdp_get_buff_len(xdp_md) for xdp, (struct xdp_buff *) for tracing; xdp_load_bytes / xdp_store_bytes(ctx, off, buf, len)
        Int(188, PtrToCtx) with { OnlyFor = [ProgramType.Xdp] },
        Int(188, PtrToBtfId) with { ArgStructs = ["xdp_buff"], OnlyFor = TracingChain },
        Int(189, PtrToCtx, Anything, PtrToUninitMem, ConstSize),
        Int(190, PtrToCtx, Anything, PtrToMemRdonly, ConstSize),
        // skb_output / xdp_output(btf ptr, perf_event_array, flags, data, size): GPL
        new(111, RetKind.Integer, [PtrToBtfId, ConstMapPtr, Anything, PtrToMemRdonly, ConstSizeOrZero], GplOnly: true)
        { ArgStructs = ["sk_buff"] },
        new(121, RetKind.Integer, [PtrToBtfId, ConstMapPtr, Anything, PtrToMemRdonly, ConstSizeOrZero], GplOnly: true)
        { ArgStructs = ["xdp_buff"] },
        // get_func_arg(ctx, n, value), get_func_ret(ctx, value), get_func_arg_cnt(ctx): trampoline programs only
        Int(183, PtrToCtx, Anything, PtrToFixedUninitMem) with { FixedSize = 8 },
        Int(184, PtrToCtx, PtrToFixedUninitMem) with { FixedSize = 8 },
        Int(185, PtrToCtx),
        // get_socket_cookie(sk) of tracing, syscall and sk_reuseport programs: any socket, or NULL
        Int(46, PtrToBtfSockCommonOrNull) with { OnlyFor = [ProgramType.Tracing, ProgramType.Lsm, ProgramType.Syscall, ProgramType.SkReuseport] },
        // per_cpu_ptr(percpu_ptr, cpu): like this_cpu_ptr, only wrong argument types are modelled
        Int(153, PtrToPercpuBtfId, Anything),
        // get_branch_snapshot(buf, size): GPL (its flags argument is not part of the prototype)
        new(176, RetKind.Integer, [PtrToUninitMem, ConstSizeOrZero], GplOnly: true),
        // syscall programs: sys_bpf(cmd, attr, size), btf_find_by_name_kind(name, len, kind, flags), sys_close(fd) sleep;
        // kallsyms_lookup_name(name, len, flags, res)
        Int(166, Anything, PtrToMemRdonly, ConstSize) with { MightSleep = true },
        Int(167, PtrToMemRdonly, ConstSize, Anything, Anything) with { MightSleep = true },
        Int(168, Anything) with { MightSleep = true },
        Int(179, PtrToMemRdonly, ConstSizeOrZero, Anything, PtrToFixedUninitMem) with { FixedSize = 8 },
        // skb_get_xfrm_state(skb, index, xfrm_state, size, flags); lwt_push_encap(skb, type, hdr, len) (lwt_in, lwt_xmit)
        Int(66, PtrToCtx, Anything, PtrToUninitMem, ConstSize, Anything),
        Int(73, PtrToCtx, Anything, PtrToMemRdonly, ConstSize),
        // tcp_raw_gen_syncookie_ipv4/6(iph, th, th_len), tcp_raw_check_syncookie_ipv4/6(iph, th): GPL, packet access
        new(204, RetKind.Integer, [PtrToFixedMemRdonly, PtrToMemRdonly, ConstSizeOrZero], GplOnly: true, PktAccess: true)
        { ArgSizes = [IphdrSize] },
        new(205, RetKind.Integer, [PtrToFixedMemRdonly, PtrToMemRdonly, ConstSizeOrZero], GplOnly: true, PktAccess: true)
        { ArgSizes = [Ipv6hdrSize] },
        new(206, RetKind.Integer, [PtrToFixedMemRdonly, PtrToFixedMemRdonly], GplOnly: true, PktAccess: true)
        { ArgSizes = [IphdrSize, TcphdrSize] },
        new(207, RetKind.Integer, [PtrToFixedMemRdonly, PtrToFixedMemRdonly], GplOnly: true, PktAccess: true)
        { ArgSizes = [Ipv6hdrSize, TcphdrSize] },
    ];
}
