/* A libbpf 0.x era object: legacy "maps" section, old section names, built without BTF. */
#include "mini_bpf.h"

struct bpf_map_def {
    unsigned int type;
    unsigned int key_size;
    unsigned int value_size;
    unsigned int max_entries;
    unsigned int map_flags;
};

struct bpf_map_def SEC("maps") counts = {
    .type = BPF_MAP_TYPE_ARRAY,
    .key_size = 4,
    .value_size = 8,
    .max_entries = 256,
};

struct bpf_map_def SEC("maps") jmp_table = {
    .type = BPF_MAP_TYPE_PROG_ARRAY,
    .key_size = 4,
    .value_size = 4,
    .max_entries = 8,
};

char _license[] SEC("license") = "GPL";

SEC("socket1")
int bpf_prog1(void *skb)
{
    __u32 key = 1;
    __u64 *v = bpf_map_lookup_elem(&counts, &key);
    if (v)
        __sync_fetch_and_add(v, 1);
    return 0;
}

SEC("xdp_prog")
int xdp_main(void *ctx)
{
    bpf_tail_call(ctx, &jmp_table, 1);
    return 2;
}

SEC("classifier")
int cls_main(void *ctx) { return 0; }
