namespace Bpf.Verifier.Platform;

/// <summary>
/// The kernel struct behind each map type (map->ops->map_btf_id): what a program reads through a map pointer.
/// Map types absent here have no map_btf_id ("map_ptr access not supported for map type N").
/// </summary>
public static class MapKernelStructs
{
    private static readonly Dictionary<uint, string> Table = new()
    {
        [1] = "bpf_htab",                // hash
        [2] = "bpf_array",               // array
        [3] = "bpf_array",               // prog_array
        [4] = "bpf_array",               // perf_event_array
        [5] = "bpf_htab",                // percpu_hash
        [6] = "bpf_array",               // percpu_array
        [7] = "bpf_stack_map",           // stack_trace
        [8] = "bpf_array",               // cgroup_array
        [9] = "bpf_htab",                // lru_hash
        [10] = "bpf_htab",               // lru_percpu_hash
        [11] = "lpm_trie",               // lpm_trie
        [12] = "bpf_array",              // array_of_maps
        [13] = "bpf_htab",               // hash_of_maps
        [14] = "bpf_dtab",               // devmap
        [15] = "bpf_stab",               // sockmap
        [16] = "bpf_cpu_map",            // cpumap
        [17] = "xsk_map",                // xskmap
        [18] = "bpf_shtab",              // sockhash
        [19] = "bpf_cgroup_storage_map", // cgroup_storage
        [20] = "reuseport_array",        // reuseport_sockarray
        [21] = "bpf_cgroup_storage_map", // percpu_cgroup_storage
        [22] = "bpf_queue_stack",        // queue
        [23] = "bpf_queue_stack",        // stack
        [24] = "bpf_local_storage_map",  // sk_storage
        [25] = "bpf_dtab",               // devmap_hash
        [26] = "bpf_struct_ops_map",     // struct_ops
        [27] = "bpf_ringbuf_map",        // ringbuf
        [28] = "bpf_local_storage_map",  // inode_storage
        [29] = "bpf_local_storage_map",  // task_storage
        [30] = "bpf_bloom_filter",       // bloom_filter
        [31] = "bpf_ringbuf_map",        // user_ringbuf
        [32] = "bpf_local_storage_map",  // cgrp_storage
        [33] = "bpf_arena",              // arena
    };

    /// <summary>The struct name for <paramref name="mapType"/>, or null when the map type has none.</summary>
    public static string? Find(uint mapType) => Table.TryGetValue(mapType, out var n) ? n : null;
}
