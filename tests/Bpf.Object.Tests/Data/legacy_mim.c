/* A map-in-map in bpf_load.c's 28-byte definitions, each map in a maps/NAME section of its own (PREVAIL's
 * map_in_map_legacy pattern): inner_map_idx counts the definitions across the sections. */
#include "mini_bpf.h"

struct bpf_load_map_def {
    unsigned int type;
    unsigned int key_size;
    unsigned int value_size;
    unsigned int max_entries;
    unsigned int map_flags;
    unsigned int inner_map_idx;
    unsigned int numa_node;
};

struct bpf_load_map_def SEC("maps/outer") outer = {
    .type = BPF_MAP_TYPE_ARRAY_OF_MAPS,
    .key_size = 4,
    .value_size = 4,
    .max_entries = 1,
    .inner_map_idx = 1,
};

struct bpf_load_map_def SEC("maps/inner") inner = {
    .type = BPF_MAP_TYPE_ARRAY,
    .key_size = 4,
    .value_size = 8,
    .max_entries = 1,
};

char _license[] SEC("license") = "GPL";

SEC("socket1")
int lookup_inner(void *skb)
{
    return 0;
}
