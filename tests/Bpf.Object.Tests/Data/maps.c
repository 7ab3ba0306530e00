/* BTF-defined maps, global data and kconfig externs. */
#include "mini_bpf.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";
__u32 VERSION SEC("version") = 0x060c00;

struct value { __u64 a; __u32 b; };

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 128);
    __type(key, __u32);
    __type(value, struct value);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __uint(pinning, LIBBPF_PIN_BY_NAME);
} hash_map SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 4);
    __uint(key_size, 4);
    __uint(value_size, 24);
    __uint(numa_node, 1);
} sized_array SEC(".maps");

struct inner {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, __u64);
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
    __uint(max_entries, 2);
    __type(key, __u32);
    __array(values, struct inner);
} outer SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
    __uint(key_size, 4);
    __uint(value_size, 4);
} events SEC(".maps");

__u64 counter = 7;                                  /* .data */
const volatile __u32 threshold = 42;                /* .rodata */
__u64 zeroed;                                       /* .bss */
__u32 custom_data SEC(".data.custom") = 9;          /* .data.custom */
static volatile __u32 hidden_state;                 /* .bss, static */

extern __u32 LINUX_KERNEL_VERSION __kconfig;
extern int CONFIG_HZ __kconfig __weak;

SEC("tc")
int use_maps(void *ctx)
{
    __u32 key = 0;
    struct value *v = bpf_map_lookup_elem(&hash_map, &key);
    void *inner = bpf_map_lookup_elem(&outer, &key);
    if (v)
        v->a += counter + threshold + custom_data;
    if (inner)
        zeroed++;
    hidden_state++;
    bpf_map_lookup_elem(&sized_array, &key);
    return LINUX_KERNEL_VERSION + CONFIG_HZ + (int)(long)&events;
}
