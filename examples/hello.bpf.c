/* Two small programs for `bpfv verify examples/hello.bpf.o`:
 * count_packets is accepted by the Linux 6.18 verifier; bad_lookup is rejected
 * (it dereferences a map lookup result without a NULL check). */
#include "include/bpfv_example.h"

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 4);
    __type(key, __u32);
    __type(value, __u64);
} counters SEC(".maps");

SEC("socket")
int count_packets(struct __sk_buff *skb)
{
    __u32 key = skb->pkt_type & 3;
    __u64 *value = bpf_map_lookup_elem(&counters, &key);

    if (value)
        __sync_fetch_and_add(value, 1);
    return 0;
}

SEC("socket")
int bad_lookup(struct __sk_buff *skb)
{
    __u32 key = skb->len;
    __u64 *value = bpf_map_lookup_elem(&counters, &key);

    return *value != 0; /* no NULL check: the kernel refuses this */
}

char _license[] SEC("license") = "GPL";
