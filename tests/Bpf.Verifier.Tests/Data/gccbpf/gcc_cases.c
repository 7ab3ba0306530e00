// Plain C programs of the usual xdp/tc/kprobe/tracepoint/socket shapes, built with GCC's BPF backend (Debian gcc-bpf,
// GCC 12.2), libbpf 6.12 headers in INC, the kernel's uapi headers (headers_install) in UAPI:
//   bpf-gcc -O2 -gbtf -mco-re -mcpu=v3 -Wno-attributes -DBPF_NO_PRESERVE_ACCESS_INDEX -I$INC -I$UAPI \
//     -idirafter /usr/include/x86_64-linux-gnu -idirafter /usr/include -c gcc_cases.c -o gcc_cases.o
// gcc_cases_nobtf.o: the same without -gbtf -mco-re (no .BTF: libbpf refuses the .maps section).
// GCC 12 calls a helper through a register when its number equals a constant already in one ("indirect call ...
// not supported"): the constants below avoid helper numbers.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <linux/in.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char _license[] SEC("license") = "GPL";

struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 1024); __type(key, __u32); __type(value, __u64); } counts SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY); __uint(max_entries, 4); __type(key, __u32); __type(value, __u64); } stats SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 16); __type(key, __u32); __type(value, __u64); } arr SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } rb SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PROG_ARRAY); __uint(max_entries, 4); __uint(key_size, 4); __uint(value_size, 4); } jt SEC(".maps");
struct lockval { struct bpf_spin_lock l; __u64 n; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, struct lockval); } lk SEC(".maps");

__u64 g_counter = 0;
__u32 g_limit = 64;
const volatile __u32 cfg_port = 80;
char g_buf[32];

struct event { __u32 pid; __u32 len; char comm[24]; };

static __always_inline int parse_ip(void *data, void *data_end, __u32 *saddr)
{
	struct ethhdr *eth = data;
	struct iphdr *ip;
	if ((void *)(eth + 1) > data_end)
		return -1;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return -1;
	ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end)
		return -1;
	*saddr = ip->saddr;
	return ip->protocol;
}

SEC("xdp")
int xdp_count(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *data_end = (void *)(long)ctx->data_end;
	__u32 saddr = 0;
	int proto = parse_ip(data, data_end, &saddr);
	if (proto < 0)
		return XDP_PASS;
	__u64 *v = bpf_map_lookup_elem(&counts, &saddr);
	if (v) {
		__sync_fetch_and_add(v, 3);
	} else {
		__u64 one = 3;
		bpf_map_update_elem(&counts, &saddr, &one, BPF_ANY);
	}
	return proto == IPPROTO_ICMP ? XDP_DROP : XDP_PASS;
}

SEC("xdp")
int xdp_ports(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > data_end)
		return XDP_ABORTED;
	if (eth->h_proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6 = (void *)(eth + 1);
		if ((void *)(ip6 + 1) > data_end)
			return XDP_DROP;
		if (ip6->nexthdr == IPPROTO_TCP) {
			struct tcphdr *th = (void *)(ip6 + 1);
			if ((void *)(th + 1) > data_end)
				return XDP_DROP;
			return th->dest == bpf_htons(cfg_port) ? XDP_TX : XDP_PASS;
		}
		return XDP_PASS;
	}
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	struct iphdr *ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end)
		return XDP_DROP;
	__u32 hl = ip->ihl * 4;
	if (hl < sizeof(*ip))
		return XDP_DROP;
	if (ip->protocol == IPPROTO_UDP) {
		struct udphdr *uh = (void *)ip + hl;
		if ((void *)(uh + 1) > data_end)
			return XDP_DROP;
		return uh->dest == bpf_htons(53) ? XDP_DROP : XDP_PASS;
	}
	return XDP_PASS;
}

/* Rejected: the UDP header is read without a bounds check. */
SEC("xdp")
int xdp_nocheck(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > data_end)
		return XDP_ABORTED;
	struct iphdr *ip = (void *)(eth + 1);
	return ip->protocol;
}

SEC("xdp")
int xdp_adjust(struct xdp_md *ctx)
{
	if (bpf_xdp_adjust_head(ctx, -4))
		return XDP_DROP;
	void *data = (void *)(long)ctx->data, *data_end = (void *)(long)ctx->data_end;
	if (data + 4 > data_end)
		return XDP_DROP;
	*(__u32 *)data = 0;
	return XDP_PASS;
}

SEC("tc")
int tc_mark(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data, *data_end = (void *)(long)skb->data_end;
	__u32 saddr = 0;
	int proto = parse_ip(data, data_end, &saddr);
	if (proto == IPPROTO_TCP)
		skb->mark = saddr ^ 0x5a;
	__u32 k = 0;
	__u64 *s = bpf_map_lookup_elem(&stats, &k);
	if (s)
		*s += skb->len;
	return TC_ACT_OK;
}

SEC("tc")
int tc_load_bytes(struct __sk_buff *skb)
{
	struct iphdr ip;
	if (bpf_skb_load_bytes(skb, ETH_HLEN, &ip, sizeof(ip)) < 0)
		return TC_ACT_OK;
	if (ip.protocol != IPPROTO_UDP)
		return TC_ACT_OK;
	__u8 tos = ip.tos | 0x10;
	bpf_skb_store_bytes(skb, ETH_HLEN + __builtin_offsetof(struct iphdr, tos), &tos, 1, BPF_F_RECOMPUTE_CSUM);
	return TC_ACT_OK;
}

SEC("tc")
int tc_tail(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &jt, skb->mark & 3);
	return TC_ACT_SHOT;
}

/* Rejected: the context is written at a read-only field. */
SEC("tc")
int tc_ctx_write(struct __sk_buff *skb)
{
	skb->len = 0;
	return TC_ACT_OK;
}

struct trace_entry_hdr { unsigned short type; unsigned char flags; unsigned char preempt; int pid; };
struct sys_enter_ctx { struct trace_entry_hdr h; long id; unsigned long args[6]; };

SEC("tracepoint/raw_syscalls/sys_enter")
int tp_sys_enter(struct sys_enter_ctx *ctx)
{
	__u32 k = (__u32)ctx->id & 15;
	__u64 *v = bpf_map_lookup_elem(&arr, &k);
	if (v)
		__sync_fetch_and_add(v, 3);
	g_counter++;
	return 0;
}

SEC("tracepoint/sched/sched_process_exec")
int tp_exec(void *ctx)
{
	struct event *e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	e->len = 7;
	bpf_ringbuf_submit(e, 0);
	return 0;
}

/* Rejected: the reservation is not released on one path. */
SEC("tracepoint/sched/sched_process_fork")
int tp_leak(void *ctx)
{
	struct event *e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	if (e->pid == 1)
		return 0;
	bpf_ringbuf_discard(e, 0);
	return 0;
}

struct pt_regs_x { unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8, ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss; };

SEC("kprobe/do_sys_openat2")
int kp_open(struct pt_regs_x *regs)
{
	char name[32];
	const char *p = (const char *)regs->si;
	long n = bpf_probe_read_user_str(name, sizeof(name), p);
	if (n > 0 && n <= (long)sizeof(name)) {
		__u32 k = n & 15;
		__u64 *v = bpf_map_lookup_elem(&arr, &k);
		if (v)
			*v += 1;
	}
	return 0;
}

static __attribute__((noinline)) __u64 mix(__u64 a, __u64 b)
{
	return (a * 31) ^ (b >> 3);
}

SEC("kprobe/vfs_read")
int kp_subprog(struct pt_regs_x *regs)
{
	__u64 h = mix(regs->di, regs->dx);
	__u32 k = h & 15;
	bpf_map_update_elem(&arr, &k, &h, BPF_ANY);
	return 0;
}

static long loop_cb(__u32 i, void *ctx)
{
	__u64 *sum = ctx;
	*sum += i;
	return *sum > 1000;
}

SEC("kprobe/vfs_write")
int kp_loop(struct pt_regs_x *regs)
{
	__u64 sum = 0;
	bpf_loop(g_limit & 127, loop_cb, &sum, 0);
	return sum & 1;
}

__u64 g_vals[16];
SEC("kprobe/vfs_fsync")
int kp_bounded_loop(struct pt_regs_x *regs)
{
	__u64 acc = 0;
	__u32 n = regs->di & 15;
	for (__u32 i = 0; i < n; i++)
		acc += g_vals[i];
	return acc > 5;
}

SEC("kprobe/vfs_unlink")
int kp_globals(struct pt_regs_x *regs)
{
	__u32 i = regs->di & 31;
	g_buf[i] = 'x';
	return g_buf[0];
}

/* Rejected: out-of-bounds global array index. */
SEC("kprobe/vfs_rename")
int kp_globals_oob(struct pt_regs_x *regs)
{
	__u32 i = regs->di & 63;
	g_buf[i] = 'x';
	return 0;
}

SEC("tc")
int tc_lock(struct __sk_buff *skb)
{
	__u32 k = 0;
	struct lockval *v = bpf_map_lookup_elem(&lk, &k);
	if (!v)
		return TC_ACT_OK;
	bpf_spin_lock(&v->l);
	v->n += skb->len;
	bpf_spin_unlock(&v->l);
	return TC_ACT_OK;
}

SEC("socket")
int sock_filter(struct __sk_buff *skb)
{
	__u8 proto = 0;
	bpf_skb_load_bytes(skb, ETH_HLEN + 9, &proto, 1);
	return proto == IPPROTO_TCP ? -1 : 0;
}

SEC("cgroup_skb/egress")
int cg_egress(struct __sk_buff *skb)
{
	__u32 k = skb->protocol & 15;
	__u64 *v = bpf_map_lookup_elem(&arr, &k);
	if (v)
		*v += skb->len;
	return 1;
}

/* Rejected: a cgroup_skb program must return 0 or 1 (here 0..3). */
SEC("cgroup_skb/ingress")
int cg_badret(struct __sk_buff *skb)
{
	return skb->mark & 3;
}
