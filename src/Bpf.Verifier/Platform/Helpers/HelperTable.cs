using Bpf.Object;

namespace Bpf.Verifier.Platform;

/// <summary>
/// Helper prototypes of Linux 6.18 that bpfv models (kernel/bpf/helpers.c, ringbuf.c, stackmap.c, cgroup.c,
/// net/core/filter.c, kernel/trace/bpf_trace.c), one file per family. Helpers not listed, or listed only for other
/// program types (a different bpf_func_proto behind the same id), are rejected with "bpfv: unsupported: helper ...".
/// </summary>
public static partial class HelperTable
{
    private static readonly Dictionary<int, HelperProto[]> Protos = Build();

    /// <summary>The prototype <paramref name="type"/>'s get_func_proto hands out for helper <paramref name="id"/>, if modelled.</summary>
    public static HelperProto? Find(int id, ProgramType type)
    {
        if (!Protos.TryGetValue(id, out var variants))
            return null;
        foreach (var p in variants)
        {
            if (p.OnlyFor == null || Array.IndexOf(p.OnlyFor, type) >= 0)
                return p;
        }
        return null;
    }

    /// <summary>Any modelled variant of helper <paramref name="id"/> (variants of one id share their argument count).</summary>
    public static HelperProto? Find(int id) => Protos.TryGetValue(id, out var v) ? v[0] : null;

    /// <summary>
    /// bpf_helper_changes_pkt_data (net/core/filter.c): after these calls every packet pointer is invalid, and a
    /// function calling one changes packet data for its callers. A tail call is in the list because the called
    /// program may use any of the others; it invalidates only where the called program returns to a caller (a tail
    /// call from a subprogram, a global function containing one), not on its fall-through path.
    /// </summary>
    private static readonly int[] PktChanging =
    [
        13, 10, 11, 73, 76, 75, 74, // clone_redirect, l3/l4_csum_replace, lwt_push_encap, lwt_seg6_action/adjust_srh/store_bytes
        91, 63, 90, 50, 43, 31, 38, // msg_pop/pull/push_data, skb_adjust_room, skb_change_head/proto/tail
        39, 9, 19, 18, 143, 44, 54, 65, // skb_pull_data, skb_store_bytes, skb_vlan_pop/push, store_hdr_opt, xdp_adjust_head/meta/tail
        12, // tail_call
    ];

    public static bool ChangesPktData(int id) => Array.IndexOf(PktChanging, id) >= 0;

    private static Dictionary<int, HelperProto[]> Build()
    {
        var d = new Dictionary<int, HelperProto[]>();
        foreach (var family in new[] { BaseProtos(), TracingProtos(), SkbProtos(), XdpProtos(), SocketProtos(), StorageProtos(), BtfArgProtos(), StructOpsProtos(), MoreProtos() })
        {
            foreach (var p in family)
                d[p.Id] = d.TryGetValue(p.Id, out var prev) ? [.. prev, p] : [p];
        }
        return d;
    }

    private static HelperProto Int(int id, params ArgKind[] args) => new(id, RetKind.Integer, args);
}
