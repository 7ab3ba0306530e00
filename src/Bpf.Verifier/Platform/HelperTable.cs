namespace Bpf.Verifier.Platform;

/// <summary>
/// Helper prototypes of Linux 6.18 that bpfv models (kernel/bpf/helpers.c, net/core/filter.c, kernel/trace/bpf_trace.c).
/// Helpers not listed are rejected with "bpfv: unsupported: helper ...".
/// </summary>
public static class HelperTable
{
    private static readonly Dictionary<int, HelperProto> Protos = Build();

    public static HelperProto? Find(int id) => Protos.TryGetValue(id, out var p) ? p : null;

    private static Dictionary<int, HelperProto> Build()
    {
        var list = new HelperProto[]
        {
            // bpf_map_lookup_elem(map, key)
            new(1, RetKind.MapValueOrNull, [ArgKind.ConstMapPtr, ArgKind.PtrToMapKey], PktAccess: true),
            // bpf_map_update_elem(map, key, value, flags)
            new(2, RetKind.Integer, [ArgKind.ConstMapPtr, ArgKind.PtrToMapKey, ArgKind.PtrToMapValue, ArgKind.Anything], PktAccess: true),
            // bpf_map_delete_elem(map, key)
            new(3, RetKind.Integer, [ArgKind.ConstMapPtr, ArgKind.PtrToMapKey], PktAccess: true),
            // bpf_ktime_get_ns()
            new(5, RetKind.Integer, []),
            // bpf_trace_printk(fmt, fmt_size, ...)
            new(6, RetKind.Integer, [ArgKind.PtrToMemRdonly, ArgKind.ConstSize], GplOnly: true),
            // bpf_get_prandom_u32()
            new(7, RetKind.Integer, []),
            // bpf_get_smp_processor_id()
            new(8, RetKind.Integer, []),
            // bpf_tail_call(ctx, prog_array, index)
            new(12, RetKind.Void, [ArgKind.PtrToCtx, ArgKind.ConstMapPtr, ArgKind.Anything], MayNotReturn: true),
            // bpf_get_current_pid_tgid()
            new(14, RetKind.Integer, []),
            // bpf_get_current_uid_gid()
            new(15, RetKind.Integer, [], Family: HelperFamily.Tracing),
            // bpf_probe_read_kernel/user(dst, size, unsafe_ptr) and their _str variants
            new(113, RetKind.Integer, [ArgKind.PtrToUninitMem, ArgKind.ConstSizeOrZero, ArgKind.Anything], GplOnly: true),
            new(112, RetKind.Integer, [ArgKind.PtrToUninitMem, ArgKind.ConstSizeOrZero, ArgKind.Anything], GplOnly: true),
            new(115, RetKind.Integer, [ArgKind.PtrToUninitMem, ArgKind.ConstSizeOrZero, ArgKind.Anything], GplOnly: true),
            new(114, RetKind.Integer, [ArgKind.PtrToUninitMem, ArgKind.ConstSizeOrZero, ArgKind.Anything], GplOnly: true),
            // bpf_get_current_comm(buf, size)
            new(16, RetKind.Integer, [ArgKind.PtrToUninitMem, ArgKind.ConstSize], Family: HelperFamily.Tracing),
            // bpf_get_current_task()
            new(35, RetKind.Integer, [], GplOnly: true),
            // bpf_skb_load_bytes(skb, off, to, len)
            new(26, RetKind.Integer, [ArgKind.PtrToCtx, ArgKind.Anything, ArgKind.PtrToUninitMem, ArgKind.ConstSize], Family: HelperFamily.Skb),
            // bpf_get_numa_node_id()
            new(42, RetKind.Integer, []),
            // bpf_ktime_get_tai_ns()
            new(208, RetKind.Integer, []),
            // bpf_ktime_get_boot_ns()
            new(125, RetKind.Integer, []),
            // bpf_jiffies64()
            new(118, RetKind.Integer, []),
        };
        var d = new Dictionary<int, HelperProto>();
        foreach (var p in list)
            d[p.Id] = p;
        return d;
    }
}
