// Patterns of the 6.12 selftests outside the project corpus, each checked against the live Linux 6.18 kernel
// (HeldOutSelftestsTests). Build: see build.sh beside this file.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpf_experimental.h"

char _license[] SEC("license") = "GPL";

#define private(name) SEC(".data." #name) __hidden __attribute__((aligned(8)))

/* ---- bpf_timer from a sleepable program: the callback itself runs non-sleepable ---- */
struct tval { struct bpf_timer t; };
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, struct tval);
} tmap SEC(".maps");

static int timer_cb(void *map, int *key, struct tval *v)
{
	return 0;
}

SEC("syscall")
int timer_in_syscall(void *ctx)
{
	int key = 0;
	struct tval *v = bpf_map_lookup_elem(&tmap, &key);
	if (!v)
		return 0;
	if (bpf_timer_init(&v->t, &tmap, 1 /* CLOCK_MONOTONIC */))
		return 0;
	bpf_timer_set_callback(&v->t, timer_cb);
	bpf_timer_start(&v->t, 0, 0);
	return 0;
}

/* A timer callback of a sleepable program may not call a sleepable helper. */
static int timer_cb_sleeps(void *map, int *key, struct tval *v)
{
	char buf[8];
	bpf_copy_from_user(buf, sizeof(buf), 0);
	return 0;
}

SEC("syscall")
int timer_cb_copy_from_user(void *ctx)
{
	int key = 0;
	struct tval *v = bpf_map_lookup_elem(&tmap, &key);
	if (!v)
		return 0;
	if (bpf_timer_init(&v->t, &tmap, 1))
		return 0;
	bpf_timer_set_callback(&v->t, timer_cb_sleeps);
	return 0;
}

/* ---- bpf_sock_destroy: iterator programs only ---- */
int bpf_sock_destroy(struct sock_common *sk) __ksym;

SEC("iter/tcp")
int destroy_tcp(struct bpf_iter__tcp *ctx)
{
	struct sock_common *sk = ctx->sk_common;
	if (!sk)
		return 0;
	bpf_sock_destroy(sk);
	return 0;
}

SEC("iter/udp")
int destroy_udp(struct bpf_iter__udp *ctx)
{
	struct udp_sock *udp = ctx->udp_sk;
	if (!udp)
		return 0;
	bpf_sock_destroy((struct sock_common *)udp);
	return 0;
}

SEC("iter/tcp")
int destroy_unchecked(struct bpf_iter__tcp *ctx)
{
	bpf_sock_destroy(ctx->sk_common);
	return 0;
}

SEC("tp_btf/tcp_destroy_sock")
int BPF_PROG(destroy_from_tp_btf, struct sock *sk)
{
	bpf_sock_destroy((struct sock_common *)sk);
	return 0;
}

/* ---- a pointer read through a flexible array member is untrusted ---- */
__u64 sink;

SEC("iter/ipv6_route")
int flex_array_ptr(struct bpf_iter__ipv6_route *ctx)
{
	struct fib6_info *rt = ctx->rt;
	struct net_device *dev;
	if (!rt)
		return 0;
	dev = rt->fib6_nh[0].nh_common.nhc_dev;
	if (dev)
		sink = dev->ifindex;
	return 0;
}

/* An untrusted pointer is no helper argument. */
SEC("iter/ipv6_route")
int flex_array_ptr_to_helper(struct bpf_iter__ipv6_route *ctx)
{
	struct fib6_info *rt = ctx->rt;
	struct net_device *dev;
	if (!rt)
		return 0;
	dev = rt->fib6_nh[0].nh_common.nhc_dev;
	if (dev)
		sink = bpf_get_socket_cookie(dev);
	return 0;
}

/* ---- bpf_kptr_xchg with an RCU pointer that may be NULL ---- */
struct bpf_cpumask *bpf_cpumask_create(void) __ksym;
void bpf_cpumask_release(struct bpf_cpumask *cpumask) __ksym;
void bpf_rcu_read_lock(void) __ksym;
void bpf_rcu_read_unlock(void) __ksym;
private(MASK) static struct bpf_cpumask __kptr *global_mask;

SEC("tp_btf/task_newtask")
int BPF_PROG(kptr_xchg_rcu_maybe_null, struct task_struct *task, u64 clone_flags)
{
	struct bpf_cpumask *prev, *curr;

	bpf_rcu_read_lock();
	curr = global_mask;
	prev = bpf_kptr_xchg(&global_mask, curr);
	bpf_rcu_read_unlock();
	if (prev)
		bpf_cpumask_release(prev);
	return 0;
}

/* ---- a helper may not write into a map key ---- */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} amap SEC(".maps");

static __u64 write_key_cb(struct bpf_map *map, __u32 *key, __u64 *val, void *data)
{
	bpf_get_current_comm(key, sizeof(*key));
	return 0;
}

SEC("raw_tp/sys_enter")
int helper_writes_map_key(void *ctx)
{
	bpf_for_each_map_elem(&amap, write_key_cb, NULL, 0);
	return 0;
}

/* ---- rbtree and list arguments ---- */
struct rb_data { long key; struct bpf_rb_node r; };
private(A) struct bpf_spin_lock glock;
private(A) struct bpf_rb_root groot __contains(rb_data, r);

static bool less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	return container_of(a, struct rb_data, r)->key < container_of(b, struct rb_data, r)->key;
}

/* After the unlock the added node is gone (a scalar): bpf_rbtree_remove refuses it. */
SEC("?tc")
long rbtree_remove_after_unlock(void *ctx)
{
	struct rb_data *n = bpf_obj_new(typeof(*n));
	if (!n)
		return 1;
	bpf_spin_lock(&glock);
	bpf_rbtree_add(&groot, &n->r, less);
	bpf_spin_unlock(&glock);
	bpf_spin_lock(&glock);
	bpf_rbtree_remove(&groot, &n->r);
	bpf_spin_unlock(&glock);
	return 0;
}

/* The result of bpf_rbtree_remove may be NULL: adding it back unchecked is refused. */
SEC("?tc")
long rbtree_add_unchecked_remove(void *ctx)
{
	struct bpf_rb_node *res;

	bpf_spin_lock(&glock);
	res = bpf_rbtree_first(&groot);
	if (!res) {
		bpf_spin_unlock(&glock);
		return 1;
	}
	res = bpf_rbtree_remove(&groot, res);
	bpf_spin_unlock(&glock);
	bpf_spin_lock(&glock);
	bpf_rbtree_add(&groot, res, less);
	bpf_spin_unlock(&glock);
	return 0;
}

/* ---- a moved context pointer passed to a global function ---- */
__noinline int global_ctx_arg(struct __sk_buff *skb)
{
	return skb ? skb->len : 0;
}

SEC("tc")
int global_ctx_moved(struct __sk_buff *skb)
{
	return global_ctx_arg(skb + 1);
}

SEC("tc")
int global_ctx_ok(struct __sk_buff *skb)
{
	return global_ctx_arg(skb);
}
