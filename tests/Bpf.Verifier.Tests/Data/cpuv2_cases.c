// Programs for CpuV2Tests: code shapes of -mcpu=v2 (no ALU32, no JMP32), where clang widens 32-bit values with
// <<32 >>32 (or s>>32) and compares them as 64-bit, as the selftests' test_progs-no_alu32 build does.
// clang-19 -O2 -g --target=bpf -mcpu=v2 -I/usr/include/x86_64-linux-gnu -I/opt/ksrc/linux-source-6.12/tools/lib -c cpuv2_cases.c -o cpuv2_cases.o
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64[16]);
} arr SEC(".maps");

char buf[256];

static __always_inline __u64 *value(void)
{
	__u32 k = 0;
	return bpf_map_lookup_elem(&arr, &k);
}

/* u32 index bounded by an unsigned compare after zero extension */
SEC("socket")
int u32_index_checked(struct __sk_buff *skb)
{
	__u64 *v = value();
	__u32 i = skb->len;
	if (!v)
		return 0;
	if (i < 16)
		return v[i];
	return 1;
}

/* the same index never checked */
SEC("socket")
int u32_index_unchecked(struct __sk_buff *skb)
{
	__u64 *v = value();
	__u32 i = skb->len;
	if (!v)
		return 0;
	return v[i & 0xff];
}

/* signed int index: only the upper bound checked */
SEC("socket")
int s32_index_upper_only(struct __sk_buff *skb)
{
	__u64 *v = value();
	int i = (int)skb->mark;
	if (!v)
		return 0;
	if (i < 16)
		return v[i];
	return 1;
}

/* signed int index with both bounds */
SEC("socket")
int s32_index_both(struct __sk_buff *skb)
{
	__u64 *v = value();
	int i = (int)skb->mark;
	if (!v)
		return 0;
	if (i >= 0 && i < 16)
		return v[i];
	return 1;
}

/* a u32 counter loop summing array values */
SEC("socket")
int u32_loop(struct __sk_buff *skb)
{
	__u64 *v = value();
	__u64 s = 0;
	if (!v)
		return 0;
	for (__u32 i = 0; i < 16; i++)
		s += v[i];
	return s;
}

/* 32-bit arithmetic wrapping before the bound check */
SEC("socket")
int u32_wrap_then_check(struct __sk_buff *skb)
{
	__u64 *v = value();
	__u32 i = skb->len - 3;
	if (!v)
		return 0;
	if (i <= 15)
		return v[i];
	return 2;
}

/* packet parsing with a u32 header length taken from the packet */
SEC("xdp")
int xdp_ihl(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct iphdr *ip = data + sizeof(struct ethhdr);
	__u32 hl;
	if ((void *)(ip + 1) > end)
		return XDP_DROP;
	hl = ip->ihl * 4;
	if (hl < sizeof(*ip))
		return XDP_DROP;
	if (data + sizeof(struct ethhdr) + hl + 4 > end)
		return XDP_DROP;
	return *(__u32 *)(data + sizeof(struct ethhdr) + hl) ? XDP_PASS : XDP_DROP;
}

/* the same without the final bound check */
SEC("xdp")
int xdp_ihl_unchecked(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct iphdr *ip = data + sizeof(struct ethhdr);
	__u32 hl;
	if ((void *)(ip + 1) > end)
		return XDP_DROP;
	hl = ip->ihl * 4;
	return *(__u32 *)(data + sizeof(struct ethhdr) + hl) ? XDP_PASS : XDP_DROP;
}

/* a global buffer indexed with a masked u32 from a helper */
SEC("socket")
int global_buf_masked(struct __sk_buff *skb)
{
	__u32 r = bpf_get_prandom_u32();
	return buf[r & 255];
}

/* a global buffer indexed with a u32 that may reach 256 */
SEC("socket")
int global_buf_off_by_one(struct __sk_buff *skb)
{
	__u32 r = bpf_get_prandom_u32() & 511;
	if (r > 256)
		return 0;
	return buf[r];
}

/* a u32 loop bound from the context, clamped: variable-count loop */
SEC("socket")
int u32_var_loop(struct __sk_buff *skb)
{
	__u64 *v = value();
	__u32 n = skb->len, s = 0;
	if (!v)
		return 0;
	if (n > 16)
		n = 16;
	for (__u32 i = 0; i < n; i++)
		s += v[i];
	return s;
}

/* sign-extended s32 compared as 64-bit with a negative constant */
SEC("socket")
int s32_negative_range(struct __sk_buff *skb)
{
	__u64 *v = value();
	int d = (int)skb->mark;
	if (!v)
		return 0;
	if (d < -8 || d > 7)
		return 0;
	return v[d + 8];
}

/* the same range checked as one unsigned compare */
SEC("socket")
int s32_range_unsigned(struct __sk_buff *skb)
{
	__u64 *v = value();
	int d = (int)skb->mark;
	if (!v)
		return 0;
	if ((unsigned int)(d + 8) >= 16)
		return 0;
	return v[d + 8];
}

/* a global function with an int argument: the callee widens it itself */
__noinline int pick(__u64 *v, int i)
{
	if (!v)
		return 0;
	if (i < 0 || i > 15)
		return 0;
	return v[i];
}

SEC("socket")
int global_func_int_arg(struct __sk_buff *skb)
{
	return pick(value(), skb->mark);
}

/* a global function that trusts its int argument */
__noinline int pick_unchecked(__u64 *v, int i)
{
	if (!v)
		return 0;
	return v[i & 31];
}

SEC("socket")
int global_func_unchecked(struct __sk_buff *skb)
{
	return pick_unchecked(value(), skb->mark);
}

struct loop_ctx {
	__u64 *v;
	__u64 sum;
};

static int loop_cb(__u32 idx, struct loop_ctx *c)
{
	if (idx >= 16)
		return 1;
	c->sum += c->v[idx];
	return 0;
}

/* bpf_loop with a u32 index in the callback */
SEC("socket")
int u32_bpf_loop(struct __sk_buff *skb)
{
	struct loop_ctx c = { .v = value(), .sum = 0 };
	if (!c.v)
		return 0;
	bpf_loop(32, loop_cb, &c, 0);
	return c.sum;
}

/* byte swaps of 16/32-bit packet fields widened to 64 bits */
SEC("xdp")
int xdp_bswap_len(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct iphdr *ip = data + sizeof(struct ethhdr);
	__u32 len;
	if ((void *)(ip + 1) > end)
		return XDP_DROP;
	len = __builtin_bswap16(ip->tot_len);
	if (len > 64 || len < 4)
		return XDP_DROP;
	if (data + len > end)
		return XDP_DROP;
	return *(__u32 *)(data + len - 4) == __builtin_bswap32(ip->saddr) ? XDP_PASS : XDP_DROP;
}

/* a 32-bit multiply that overflows before the check in 64 bits */
SEC("socket")
int u32_mul_overflow(struct __sk_buff *skb)
{
	__u64 *v = value();
	__u32 i = skb->len * 3;
	if (!v)
		return 0;
	if (i < 48 && i % 3 == 0)
		return v[i / 3];
	return 0;
}

char _license[] SEC("license") = "GPL";
