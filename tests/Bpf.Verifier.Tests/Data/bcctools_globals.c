// Programs for BccToolsTests.GlobalPassStartsEmpty (and bloom-filter peek): a kprobe calling a global function,
// whose separate pass starts with empty explored-state buckets (free_states), and map-type helpers.
// vmlinux.h: bpftool btf dump file /sys/kernel/btf/vmlinux format c > vmlinux.h (Linux 6.18.44)
// clang-19 -g -O2 --target=bpf -D__TARGET_ARCH_x86 -I. -I<libbpf include> -c bcctools_globals.c -o bcctools_globals.o
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
char LICENSE[] SEC("license") = "GPL";
struct { __uint(type, BPF_MAP_TYPE_PROG_ARRAY); __uint(max_entries, 4); __type(key, u32); __type(value, u32); } progs SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_LRU_HASH); __uint(max_entries, 64); __type(key, u32); __type(value, u64); } lru SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PERCPU_HASH); __uint(max_entries, 64); __type(key, u32); __type(value, u64); } pch SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_BLOOM_FILTER); __uint(max_entries, 64); __type(value, u32); } bloom SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_QUEUE); __uint(max_entries, 64); __type(value, u64); } q SEC(".maps");
struct inner { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 4); __type(key, u32); __type(value, u64); } in1 SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_HASH_OF_MAPS); __uint(max_entries, 4); __type(key, u32); __array(values, struct inner); } outer SEC(".maps") = { .values = { [0] = &in1 } };
struct val { struct bpf_spin_lock l; u64 c; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, u32); __type(value, struct val); } locked SEC(".maps");

__noinline int helper_add(struct pt_regs *ctx, u32 k, u64 v)
{
	if (!ctx)
		return 0;
	return bpf_map_update_elem(&lru, &k, &v, 0);
}
static __noinline u64 static_sub(u64 a, u64 b, u64 c, u64 d, u64 e)
{
	return a * b + c - d / (e | 1);
}
SEC("kprobe/do_nanosleep")
int kp_tail0(struct pt_regs *ctx)
{
	u32 k = bpf_get_smp_processor_id();
	u64 v = static_sub(k, 2, 3, 4, 5);
	helper_add(ctx, k, v);
	bpf_tail_call(ctx, &progs, 1);
	return 0;
}
SEC("kprobe/do_nanosleep")
int kp_maps(struct pt_regs *ctx)
{
	u32 k = 1; u64 v = 2;
	bpf_map_push_elem(&q, &v, 0);
	bpf_map_pop_elem(&q, &v);
	bpf_map_peek_elem(&bloom, &k);
	bpf_map_push_elem(&bloom, &k, 0);
	void *inner = bpf_map_lookup_elem(&outer, &k);
	if (inner) {
		u32 z = 0;
		u64 *p = bpf_map_lookup_elem(inner, &z);
		if (p) v += *p;
	}
	u64 *pc = bpf_map_lookup_elem(&pch, &k);
	if (pc) *pc += v;
	return 0;
}
SEC("tracepoint/syscalls/sys_enter_nanosleep")
int tp_lock(void *ctx)
{
	u32 k = 0;
	struct val *p = bpf_map_lookup_elem(&locked, &k);
	if (!p) return 0;
	bpf_spin_lock(&p->l);
	p->c++;
	bpf_spin_unlock(&p->l);
	return 0;
}
SEC("kprobe/do_nanosleep")
int kp_lock(struct pt_regs *ctx)
{
	u32 k = 0;
	struct val *p = bpf_map_lookup_elem(&locked, &k);
	if (!p) return 0;
	bpf_spin_lock(&p->l);
	p->c++;
	bpf_spin_unlock(&p->l);
	return 0;
}
static __noinline int rec_like(int n)
{
	int s = 0;
	for (int i = 0; i < n && i < 50; i++)
		s += i * bpf_get_prandom_u32();
	return s;
}
SEC("raw_tracepoint/sched_switch")
int rtp_loop(void *ctx)
{
	return rec_like(bpf_get_prandom_u32() & 63);
}
SEC("raw_tracepoint.w/sched_switch")
int rtp_w(struct bpf_raw_tracepoint_args *ctx)
{
	return ctx->args[0] != 0;
}
SEC("kprobe/do_nanosleep")
int kp_unbounded(struct pt_regs *ctx)
{
	u64 s = 0;
	u32 n = bpf_get_prandom_u32();
	for (u32 i = 0; i < n; i++)
		s += i;
	return s;
}
SEC("kprobe/do_nanosleep")
int kp_oob(struct pt_regs *ctx)
{
	u32 k = 0;
	struct val *p = bpf_map_lookup_elem(&locked, &k);
	if (!p) return 0;
	u32 i = bpf_get_prandom_u32() & 0xff;
	return *((u8 *)p + i);
}
SEC("kprobe/do_nanosleep")
int kp_nullchk(struct pt_regs *ctx)
{
	u32 k = 0;
	u64 *p = bpf_map_lookup_elem(&lru, &k);
	return *p;
}
SEC("kprobe/do_nanosleep")
int kp_ctxwrite(struct pt_regs *ctx)
{
	ctx->ax = 0;
	return 0;
}
SEC("kprobe/do_nanosleep")
int kp_stackread(struct pt_regs *ctx)
{
	u64 buf[4];
	u32 i = bpf_get_prandom_u32() & 3;
	buf[0] = 1;
	return buf[i];
}
