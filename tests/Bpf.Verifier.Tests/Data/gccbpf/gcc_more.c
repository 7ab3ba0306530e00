// More GCC (12) code shapes: atomics, switch, bitfields, struct copies, stack arrays, global functions,
// callbacks, 32-bit arithmetic. Same build line as gcc_cases.c.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char _license[] SEC("license") = "GPL";

struct val { __u64 cnt; __u64 bytes; __u32 flags; __u32 pad; };
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 64); __type(key, __u32); __type(value, struct val); } vals SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 8); __type(key, __u32); __type(value, __u64); } a8 SEC(".maps");

struct bits { __u32 a : 3, b : 5, c : 12, d : 12; };

SEC("tc")
int m_atomics(struct __sk_buff *skb)
{
	__u32 k = 3;
	struct val *v = bpf_map_lookup_elem(&vals, &k);
	if (!v)
		return TC_ACT_OK;
	__sync_fetch_and_add(&v->cnt, 5);
	__sync_fetch_and_add(&v->bytes, skb->len);
	__sync_fetch_and_add(&v->flags, 4);
	return v->flags & 3;
}

SEC("tc")
int m_switch(struct __sk_buff *skb)
{
	switch (skb->protocol) {
	case bpf_htons(ETH_P_IP): return 10;
	case bpf_htons(ETH_P_IPV6): return 11;
	case bpf_htons(ETH_P_ARP): return 12;
	case bpf_htons(0x8100): return 13;
	case bpf_htons(0x88a8): return 14;
	case bpf_htons(0x8847): return 15;
	default: return TC_ACT_OK;
	}
}

SEC("tc")
int m_bits(struct __sk_buff *skb)
{
	struct bits b;
	__builtin_memcpy(&b, &skb->mark, sizeof(b));
	b.b = skb->priority;
	b.d += b.a;
	return b.c + b.d > 100;
}

SEC("tc")
int m_copy(struct __sk_buff *skb)
{
	struct val v;
	__builtin_memset(&v, 0, sizeof(v));
	v.cnt = skb->len;
	v.flags = skb->mark;
	__u32 k = skb->ifindex & 63;
	bpf_map_update_elem(&vals, &k, &v, BPF_NOEXIST);
	struct val *p = bpf_map_lookup_elem(&vals, &k);
	if (!p)
		return 0;
	struct val c = *p;
	return c.flags & 3;
}

SEC("tc")
int m_stack_idx(struct __sk_buff *skb)
{
	__u8 buf[64];
	__builtin_memset(buf, 0, sizeof(buf));
	__u32 i = skb->mark & 63;
	buf[i] = 7;
	return buf[(skb->priority) & 63];
}

/* Rejected: the stack index may reach 64 + 63. */
SEC("tc")
int m_stack_oob(struct __sk_buff *skb)
{
	__u8 buf[64];
	__builtin_memset(buf, 0, sizeof(buf));
	__u32 i = skb->mark & 127;
	buf[i] = 7;
	return buf[0];
}

__attribute__((noinline)) int gl_len(struct __sk_buff *skb)
{
	return skb->len > 100;
}

SEC("tc")
int m_global(struct __sk_buff *skb)
{
	return gl_len(skb);
}

static __attribute__((noinline)) int st_twice(int x)
{
	return x * 2;
}

SEC("tc")
int m_static(struct __sk_buff *skb)
{
	return st_twice(skb->mark) & 3;
}

static long each_cb(void *map, __u32 *key, __u64 *val, void *ctx)
{
	__u64 *sum = ctx;
	*sum += *val;
	return 0;
}

SEC("tc")
int m_for_each(struct __sk_buff *skb)
{
	__u64 sum = 0;
	bpf_for_each_map_elem(&a8, each_cb, &sum, 0);
	return sum > 3;
}

SEC("tc")
int m_alu32(struct __sk_buff *skb)
{
	__u32 a = skb->len, b = skb->mark | 1;
	__s32 s = (__s32)skb->priority;
	__u32 q = a / b, r = a % b;
	if (s < -5)
		return 1;
	return (q ^ r ^ (a << 3) ^ (a >> 7)) & 1;
}

SEC("tc")
int m_s64(struct __sk_buff *skb)
{
	__s64 v = (__s64)(__s32)skb->mark;
	if (v < 0)
		v = -v;
	__u32 k = v & 7;
	__u64 *p = bpf_map_lookup_elem(&a8, &k);
	return p ? (int)(*p & 6) : 3;
}

/* Rejected: the map value is used without the NULL check. */
SEC("tc")
int m_nullderef(struct __sk_buff *skb)
{
	__u32 k = skb->mark;
	__u64 *p = bpf_map_lookup_elem(&a8, &k);
	return *p & 1;
}

SEC("xdp")
int m_pkt_loop(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *data_end = (void *)(long)ctx->data_end;
	__u8 *p = data;
	__u32 sum = 0;
	for (int i = 0; i < 16; i++) {
		if ((void *)(p + i + 1) > data_end)
			break;
		sum += p[i];
	}
	return sum & 3;
}
