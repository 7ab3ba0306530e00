// Kernel-checked cases from the xdptools corpus session (xdp-project's xdp-tools and xdp-tutorial judged by the
// live 6.18 kernel): packet-changing kfuncs, the XDP xfrm kfuncs, bpf_sk_assign_tcp_reqsk and socket pointers as
// kfunc arguments. Build: clang-19 -O2 -g --target=bpf -mcpu=v3 -I/usr/include/$(uname -m)-linux-gnu -c xdptools_cases.c -o xdptools_cases.o
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

struct bpf_dynptr;
struct xfrm_state { int pad; };
struct sock { int pad; };
struct bpf_dynptr_k { __u64 a, b; } __attribute__((aligned(8)));
struct bpf_xfrm_state_opts { __s32 error; __s32 netns_id; __u32 mark; __u32 daddr[4]; __u32 spi; __u8 proto; __u16 family; };
struct bpf_tcp_req_attrs { __u32 rcv_tsval, rcv_tsecr; __u16 mss; __u8 rcv_wscale, snd_wscale, ecn_ok, wscale_ok, sack_ok, tstamp_ok, usec_ts_ok, reserved[3]; };

extern int bpf_xdp_pull_data(struct xdp_md *x, __u32 len) __ksym;
extern int bpf_dynptr_from_xdp(struct xdp_md *xdp, __u64 flags, struct bpf_dynptr *ptr__uninit) __ksym;
extern __u32 bpf_dynptr_size(const struct bpf_dynptr *ptr) __ksym;
extern struct xfrm_state *bpf_xdp_get_xfrm_state(struct xdp_md *ctx, struct bpf_xfrm_state_opts *opts, __u32 opts__sz) __ksym;
extern void bpf_xdp_xfrm_state_release(struct xfrm_state *x) __ksym;
extern int bpf_sk_assign_tcp_reqsk(struct __sk_buff *s, struct sock *sk, struct bpf_tcp_req_attrs *attrs, int attrs__sz) __ksym;

/* A global function calling a kfunc that does not move the packet keeps the caller's packet pointers. */
__noinline int sub_kfunc(struct xdp_md *ctx)
{
	struct bpf_dynptr_k p;
	bpf_dynptr_from_xdp(ctx, 0, (struct bpf_dynptr *)&p);
	return bpf_dynptr_size((struct bpf_dynptr *)&p);
}
SEC("xdp")
int global_kfunc_keeps_pkt(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	if (data + 4 > end)
		return XDP_DROP;
	int r = sub_kfunc(ctx);
	return *(__u8 *)data + r;
}
SEC("xdp")
int pull_data_ok(struct xdp_md *ctx)
{
	if (bpf_xdp_pull_data(ctx, 64))
		return XDP_DROP;
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	if (data + 64 > end)
		return XDP_DROP;
	return *(__u8 *)(data + 63);
}
SEC("xdp")
int pull_data_stale(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	if (data + 64 > end)
		return XDP_DROP;
	bpf_xdp_pull_data(ctx, 128);
	return *(__u8 *)(data + 63);
}
__noinline int sub_pull(struct xdp_md *ctx)
{
	return bpf_xdp_pull_data(ctx, 100);
}
SEC("xdp")
int pull_data_global_stale(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	if (data + 4 > end)
		return XDP_DROP;
	int r = sub_pull(ctx);
	return *(__u8 *)data + r;
}
SEC("tc")
int pull_data_tc(struct __sk_buff *skb)
{
	return bpf_xdp_pull_data((struct xdp_md *)skb, 10);
}

SEC("xdp")
int xfrm_ok(struct xdp_md *ctx)
{
	struct bpf_xfrm_state_opts opts = { .netns_id = -1, .family = 2 };
	struct xfrm_state *x = bpf_xdp_get_xfrm_state(ctx, &opts, sizeof(opts));
	if (!x)
		return opts.error ? XDP_DROP : XDP_PASS;
	bpf_xdp_xfrm_state_release(x);
	return XDP_PASS;
}
SEC("xdp")
int xfrm_leak(struct xdp_md *ctx)
{
	struct bpf_xfrm_state_opts opts = { .netns_id = -1, .family = 2 };
	struct xfrm_state *x = bpf_xdp_get_xfrm_state(ctx, &opts, sizeof(opts));
	return x ? XDP_DROP : XDP_PASS;
}
SEC("xdp")
int xfrm_release_null(struct xdp_md *ctx)
{
	struct bpf_xfrm_state_opts opts = { .netns_id = -1, .family = 2 };
	struct xfrm_state *x = bpf_xdp_get_xfrm_state(ctx, &opts, sizeof(opts));
	bpf_xdp_xfrm_state_release(x);
	return XDP_PASS;
}
SEC("tc")
int xfrm_tc(struct __sk_buff *skb)
{
	struct bpf_xfrm_state_opts opts = { .netns_id = -1, .family = 2 };
	return bpf_xdp_get_xfrm_state((struct xdp_md *)skb, &opts, sizeof(opts)) != 0;
}

SEC("tc")
int reqsk_ok(struct __sk_buff *skb)
{
	struct bpf_sock_tuple t = {};
	struct bpf_tcp_req_attrs attrs = {};
	struct bpf_sock *skc = bpf_skc_lookup_tcp(skb, &t, sizeof(t.ipv4), -1, 0);
	if (!skc)
		return 0;
	if (skc->state != 10)
		goto release;
	struct sock *sk = (struct sock *)bpf_skc_to_tcp_sock(skc);
	if (!sk)
		goto release;
	attrs.mss = 1460;
	if (bpf_sk_assign_tcp_reqsk(skb, sk, &attrs, sizeof(attrs)))
		goto release;
	bpf_sk_release(skc);
	return 1;
release:
	bpf_sk_release(skc);
	return 0;
}
SEC("tc")
int reqsk_after_release(struct __sk_buff *skb)
{
	struct bpf_sock_tuple t = {};
	struct bpf_tcp_req_attrs attrs = {};
	struct bpf_sock *skc = bpf_skc_lookup_tcp(skb, &t, sizeof(t.ipv4), -1, 0);
	if (!skc)
		return 0;
	struct sock *sk = (struct sock *)bpf_skc_to_tcp_sock(skc);
	bpf_sk_release(skc);
	if (!sk)
		return 0;
	return bpf_sk_assign_tcp_reqsk(skb, sk, &attrs, sizeof(attrs));
}
SEC("xdp")
int reqsk_xdp(struct xdp_md *ctx)
{
	struct bpf_tcp_req_attrs attrs = {};
	return bpf_sk_assign_tcp_reqsk((void *)ctx, (void *)0, &attrs, sizeof(attrs));
}
/* Socket registers are trusted kfunc arguments matched by their kernel struct (reg2btf_ids). */
SEC("tc")
int reqsk_sock_common(struct __sk_buff *skb)
{
	struct bpf_sock_tuple t = {};
	struct bpf_tcp_req_attrs attrs = {};
	struct bpf_sock *skc = bpf_skc_lookup_tcp(skb, &t, sizeof(t.ipv4), -1, 0);
	if (!skc)
		return 0;
	int r = bpf_sk_assign_tcp_reqsk(skb, (struct sock *)skc, &attrs, sizeof(attrs));
	bpf_sk_release(skc);
	return r;
}
SEC("tc")
int reqsk_socket(struct __sk_buff *skb)
{
	struct bpf_sock_tuple t = {};
	struct bpf_tcp_req_attrs attrs = {};
	struct bpf_sock *sk = bpf_sk_lookup_tcp(skb, &t, sizeof(t.ipv4), -1, 0);
	if (!sk)
		return 0;
	int r = bpf_sk_assign_tcp_reqsk(skb, (struct sock *)sk, &attrs, sizeof(attrs));
	bpf_sk_release(sk);
	return r;
}
SEC("tc")
int reqsk_tcp_sock(struct __sk_buff *skb)
{
	struct bpf_sock_tuple t = {};
	struct bpf_tcp_req_attrs attrs = {};
	struct bpf_sock *sk = bpf_sk_lookup_tcp(skb, &t, sizeof(t.ipv4), -1, 0);
	if (!sk)
		return 0;
	int r = 0;
	struct bpf_tcp_sock *tp = bpf_tcp_sock(sk);
	if (tp)
		r = bpf_sk_assign_tcp_reqsk(skb, (struct sock *)tp, &attrs, sizeof(attrs));
	bpf_sk_release(sk);
	return r;
}
SEC("tc")
int reqsk_maybe_null(struct __sk_buff *skb)
{
	struct bpf_sock_tuple t = {};
	struct bpf_tcp_req_attrs attrs = {};
	struct bpf_sock *sk = bpf_sk_lookup_tcp(skb, &t, sizeof(t.ipv4), -1, 0);
	int r = bpf_sk_assign_tcp_reqsk(skb, (struct sock *)sk, &attrs, sizeof(attrs));
	if (sk)
		bpf_sk_release(sk);
	return r;
}

/* Device maps are read-only for programs: the kernel adds BPF_F_RDONLY_PROG when it creates them. */
struct { __uint(type, BPF_MAP_TYPE_DEVMAP); __uint(max_entries, 8); __type(key, __u32); __type(value, struct bpf_devmap_val); } dev_map SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_DEVMAP_HASH); __uint(max_entries, 8); __type(key, __u32); __type(value, __u32); } dev_hash SEC(".maps");
SEC("xdp")
int devmap_read(struct xdp_md *ctx)
{
	__u32 k = 1;
	struct bpf_devmap_val *v = bpf_map_lookup_elem(&dev_map, &k);
	if (!v)
		return XDP_PASS;
	return v->ifindex + v->bpf_prog.id;
}
SEC("xdp")
int devmap_write(struct xdp_md *ctx)
{
	__u32 k = 1;
	struct bpf_devmap_val *v = bpf_map_lookup_elem(&dev_map, &k);
	if (!v)
		return XDP_PASS;
	v->ifindex = 3;
	return XDP_PASS;
}
SEC("xdp")
int devmap_hash_write(struct xdp_md *ctx)
{
	__u32 k = 1;
	__u32 *v = bpf_map_lookup_elem(&dev_hash, &k);
	if (!v)
		return XDP_PASS;
	__sync_fetch_and_add(v, 1);
	return XDP_PASS;
}
SEC("xdp")
int devmap_helper_write(struct xdp_md *ctx)
{
	__u32 k = 1;
	struct bpf_devmap_val *v = bpf_map_lookup_elem(&dev_map, &k);
	if (!v)
		return XDP_PASS;
	return bpf_xdp_load_bytes(ctx, 0, v, 4);
}
SEC("xdp")
int devmap_delete(struct xdp_md *ctx)
{
	__u32 k = 1;
	return bpf_map_delete_elem(&dev_map, &k);
}
SEC("xdp")
int devmap_hash_update(struct xdp_md *ctx)
{
	__u32 k = 1, v = 2;
	return bpf_map_update_elem(&dev_hash, &k, &v, 0);
}

/* Global functions: a packet pointer is sized memory for a global function's argument (read and write are checked
 * as the same packet access); a prototype btf_prepare_func_args refuses fails at the call. */
__noinline int g_bytes(__u8 *p)
{
	return p ? p[0] : 0;
}
__noinline int g_word(__u32 *p)
{
	return p ? *p : 0;
}
__noinline int g_voidptr(void *data, void *end)
{
	if (data + 4 > end)
		return 0;
	return *(__u8 *)data;
}
SEC("xdp")
int glob_pkt_arg(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	if (data + 4 > end)
		return 0;
	return g_bytes(data) + g_word(data);
}
SEC("xdp")
int glob_pkt_arg_short(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	if (data + 2 > end)
		return 0;
	return g_word(data);
}
SEC("tc")
int glob_pkt_meta_arg(struct __sk_buff *skb)
{
	void *meta = (void *)(long)skb->data_meta, *data = (void *)(long)skb->data;
	if (meta + 4 > data)
		return 0;
	return g_word(meta);
}
SEC("xdp")
int glob_voidptr(struct xdp_md *ctx)
{
	return g_voidptr((void *)(long)ctx->data, (void *)(long)ctx->data_end);
}
