using Bpf.Object;
using static Bpf.Verifier.Platform.ArgKind;

namespace Bpf.Verifier.Platform;

/// <summary>Tracing helpers (kernel/trace/bpf_trace.c, kernel/bpf/stackmap.c).</summary>
public static partial class HelperTable
{
    /// <summary>Types whose get_stackid is bpf_get_stackid_proto (GPL); perf_event has its own non-GPL variant.</summary>
    private static ProgramType[] StackidGpl =>
    [
        ProgramType.Kprobe, ProgramType.Tracepoint, ProgramType.RawTracepoint, ProgramType.RawTracepointWritable,
        ProgramType.Tracing, ProgramType.Syscall,
    ];

    private static HelperProto[] TracingProtos() =>
    [
        // probe_read / probe_read_str (compat): GPL
        new(4, RetKind.Integer, [PtrToUninitMem, ConstSizeOrZero, Anything], GplOnly: true),
        new(45, RetKind.Integer, [PtrToUninitMem, ConstSizeOrZero, Anything], GplOnly: true) { RetBySize = true },
        // perf_event_output(ctx, perf_event_array, flags, data, size): every variant has this shape, GPL
        new(25, RetKind.Integer, [PtrToCtx, ConstMapPtr, Anything, PtrToMemRdonly, ConstSizeOrZero], GplOnly: true),
        // perf_event_read(map, flags), perf_event_read_value(map, flags, buf, size): GPL
        new(22, RetKind.Integer, [ConstMapPtr, Anything], GplOnly: true),
        new(55, RetKind.Integer, [ConstMapPtr, Anything, PtrToUninitMem, ConstSize], GplOnly: true),
        // get_stackid(ctx, stack_trace, flags)
        new(27, RetKind.Integer, [PtrToCtx, ConstMapPtr, Anything], GplOnly: true) { OnlyFor = StackidGpl },
        new(27, RetKind.Integer, [PtrToCtx, ConstMapPtr, Anything]) { OnlyFor = [ProgramType.PerfEvent] },
        // get_stack(ctx, buf, size, flags): R0 <= size, GPL
        new(67, RetKind.Integer, [PtrToCtx, PtrToUninitMem, ConstSizeOrZero, Anything], GplOnly: true) { RetBySize = true },
        // override_return(regs, rc): GPL
        new(58, RetKind.Integer, [PtrToCtx, Anything], GplOnly: true),
        // perf_prog_read_value(ctx, buf, size) of perf_event programs: GPL
        new(56, RetKind.Integer, [PtrToCtx, PtrToUninitMem, ConstSize], GplOnly: true) { OnlyFor = [ProgramType.PerfEvent] },
        // get_func_ip(ctx), get_attach_cookie(ctx)
        Int(173, PtrToCtx),
        Int(174, PtrToCtx),
    ];
}
