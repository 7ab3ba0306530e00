using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Platform;

/// <summary>
/// Contexts of the non-BTF tracing program types (kernel/trace/bpf_trace.c), x86-64 sizes, all read-only.
/// </summary>
public static class TracingContexts
{
    /// <summary>sizeof(struct pt_regs) on x86-64.</summary>
    private const int PtRegsSize = 168;

    /// <summary>PERF_MAX_TRACE_SIZE: the tracepoint record a tracepoint program reads.</summary>
    private const int PerfMaxTraceSize = 8192;

    /// <summary>u64 args[MAX_BPF_FUNC_ARGS].</summary>
    private const int RawTpArgsSize = 8 * 12;

    /// <summary>kprobe_prog_is_valid_access: any aligned read inside struct pt_regs.</summary>
    public static readonly ContextLayout Kprobe = new("pt_regs", PtRegsSize,
    [
        new(0, PtRegsSize, 8, CtxSize.Any),
    ]);

    /// <summary>tp_prog_is_valid_access: the first 8 bytes (the pt_regs pointer) are hidden.</summary>
    public static readonly ContextLayout Tracepoint = new("__u64", PerfMaxTraceSize,
    [
        new(8, PerfMaxTraceSize, 8, CtxSize.Any),
    ]);

    /// <summary>
    /// pe_prog_is_valid_access on struct bpf_perf_event_data: regs (full 8-byte reads), then sample_period (168)
    /// and addr (176) with narrow reads.
    /// </summary>
    public static readonly ContextLayout PerfEvent = new("bpf_perf_event_data", PtRegsSize + 16,
    [
        new(0, PtRegsSize, 8, CtxSize.Exact), new(PtRegsSize, PtRegsSize + 16, 8, CtxSize.Narrow),
    ]);

    /// <summary>raw_tp_prog_is_valid_access: any aligned read of the u64 args.</summary>
    public static readonly ContextLayout RawTracepoint = new("bpf_raw_tracepoint_args", RawTpArgsSize,
    [
        new(0, RawTpArgsSize, 8, CtxSize.Any),
    ]);

    /// <summary>raw_tp_writable_prog_is_valid_access: a read of offset 0 (exactly 8 bytes) is the writable
    /// tracepoint buffer; other offsets read like raw_tp.</summary>
    public static readonly ContextLayout RawTracepointWritable = new("bpf_raw_tracepoint_args", RawTpArgsSize,
    [
        new(0, 1, 8, CtxSize.Exact, Result: RegType.PtrToTpBuffer), new(1, RawTpArgsSize, 8, CtxSize.Any),
    ]);
}
