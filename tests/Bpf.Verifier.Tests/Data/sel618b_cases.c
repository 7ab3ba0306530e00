// SPDX-License-Identifier: GPL-2.0
/* sel618b: kernel-checked cases for bpf_cgroup_read_xattr (common kfunc, KF_RCU) on Linux 6.18. */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#define __naked __attribute__((naked))
#define __imm(name) [name]"i"(name)
#define __imm_addr(name) [name]"i"(&name)
#define __clobber_all "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9"

extern int bpf_cgroup_read_xattr(struct cgroup *cgroup, const char *name__str,
				 struct bpf_dynptr *value_p) __weak __ksym;
extern struct cgroup *bpf_cgroup_from_id(u64 cgid) __weak __ksym;
extern void bpf_cgroup_release(struct cgroup *cgrp) __weak __ksym;

char _license[] SEC("license") = "GPL";

char value[16];
u64 cgid;

SEC("tc")
int xattr_from_id_ok(struct __sk_buff *ctx)
{
	struct bpf_dynptr d;
	struct cgroup *cg = bpf_cgroup_from_id(cgid);
	int r;

	if (!cg)
		return 0;
	bpf_dynptr_from_mem(value, sizeof(value), 0, &d);
	r = bpf_cgroup_read_xattr(cg, "user.bpf_test", &d);
	bpf_cgroup_release(cg);
	return r > 0;
}

SEC("tc")
int xattr_maybe_null(struct __sk_buff *ctx)
{
	struct bpf_dynptr d;
	struct cgroup *cg = bpf_cgroup_from_id(cgid);

	bpf_dynptr_from_mem(value, sizeof(value), 0, &d);
	bpf_cgroup_read_xattr(cg, "user.bpf_test", &d);
	if (cg)
		bpf_cgroup_release(cg);
	return 0;
}

SEC("tc")
int xattr_name_not_const(struct __sk_buff *ctx)
{
	struct bpf_dynptr d;
	struct cgroup *cg = bpf_cgroup_from_id(cgid);

	if (!cg)
		return 0;
	bpf_dynptr_from_mem(value, sizeof(value), 0, &d);
	bpf_cgroup_read_xattr(cg, value, &d);
	bpf_cgroup_release(cg);
	return 0;
}

SEC("tc")
int xattr_dynptr_uninit(struct __sk_buff *ctx)
{
	struct bpf_dynptr d;
	struct cgroup *cg = bpf_cgroup_from_id(cgid);

	if (!cg)
		return 0;
	bpf_cgroup_read_xattr(cg, "user.bpf_test", &d);
	bpf_cgroup_release(cg);
	return 0;
}

SEC("tc")
int xattr_after_release(struct __sk_buff *ctx)
{
	struct bpf_dynptr d;
	struct cgroup *cg = bpf_cgroup_from_id(cgid);

	if (!cg)
		return 0;
	bpf_dynptr_from_mem(value, sizeof(value), 0, &d);
	bpf_cgroup_release(cg);
	bpf_cgroup_read_xattr(cg, "user.bpf_test", &d);
	return 0;
}

SEC("tp_btf/sched_switch")
int BPF_PROG(xattr_walked_task_cgroup, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	struct bpf_dynptr d;

	bpf_dynptr_from_mem(value, sizeof(value), 0, &d);
	bpf_cgroup_read_xattr(next->cgroups->dfl_cgrp, "user.bpf_test", &d);
	return 0;
}

SEC("tp_btf/sched_switch")
int BPF_PROG(xattr_walked_rcu, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	struct bpf_dynptr d;
	struct css_set *cs = next->cgroups;

	bpf_dynptr_from_mem(value, sizeof(value), 0, &d);
	if (cs)
		bpf_cgroup_read_xattr(cs->dfl_cgrp, "user.bpf_test", &d);
	return 0;
}

SEC("syscall")
int xattr_syscall_scalar(void *ctx)
{
	struct bpf_dynptr d;

	bpf_dynptr_from_mem(value, sizeof(value), 0, &d);
	return bpf_cgroup_read_xattr((struct cgroup *)cgid, "user.bpf_test", &d);
}

SEC("cgroup_skb/egress")
int xattr_cgroup_skb(struct __sk_buff *ctx)
{
	struct bpf_dynptr d;
	struct cgroup *cg = bpf_cgroup_from_id(cgid);

	if (!cg)
		return 1;
	bpf_dynptr_from_mem(value, sizeof(value), 0, &d);
	bpf_cgroup_read_xattr(cg, "user.bpf_test", &d);
	bpf_cgroup_release(cg);
	return 1;
}

SEC("socket")
int xattr_socket(struct __sk_buff *ctx)
{
	struct bpf_dynptr d;

	bpf_dynptr_from_mem(value, sizeof(value), 0, &d);
	bpf_cgroup_read_xattr((struct cgroup *)0, "user.bpf_test", &d);
	return 0;
}

/* Open-coded dmabuf iterator (6.16, sleepable): kernel-checked accept/reject cases. */
extern int bpf_iter_dmabuf_new(struct bpf_iter_dmabuf *it) __weak __ksym;
extern struct dma_buf *bpf_iter_dmabuf_next(struct bpf_iter_dmabuf *it) __weak __ksym;
extern void bpf_iter_dmabuf_destroy(struct bpf_iter_dmabuf *it) __weak __ksym;
extern void bpf_rcu_read_lock(void) __weak __ksym;
extern void bpf_rcu_read_unlock(void) __weak __ksym;

u64 total;

SEC("syscall")
int dmabuf_sum_sizes(void *ctx)
{
	struct bpf_iter_dmabuf it;
	struct dma_buf *d;

	bpf_iter_dmabuf_new(&it);
	while ((d = bpf_iter_dmabuf_next(&it)))
		total += d->size;
	bpf_iter_dmabuf_destroy(&it);
	return 0;
}

SEC("syscall")
int dmabuf_no_destroy(void *ctx)
{
	struct bpf_iter_dmabuf it;

	bpf_iter_dmabuf_new(&it);
	bpf_iter_dmabuf_next(&it);
	return 0;
}

SEC("syscall")
int dmabuf_next_uninit(void *ctx)
{
	struct bpf_iter_dmabuf it = {};

	bpf_iter_dmabuf_next(&it);
	return 0;
}

SEC("syscall")
int dmabuf_no_null_check(void *ctx)
{
	struct bpf_iter_dmabuf it;
	struct dma_buf *d;

	bpf_iter_dmabuf_new(&it);
	d = bpf_iter_dmabuf_next(&it);
	total = d->size;
	bpf_iter_dmabuf_destroy(&it);
	return 0;
}

SEC("syscall")
int dmabuf_write_field(void *ctx)
{
	struct bpf_iter_dmabuf it;
	struct dma_buf *d;

	bpf_iter_dmabuf_new(&it);
	d = bpf_iter_dmabuf_next(&it);
	if (d)
		d->size = 0;
	bpf_iter_dmabuf_destroy(&it);
	return 0;
}

SEC("syscall")
int dmabuf_in_rcu(void *ctx)
{
	struct bpf_iter_dmabuf it;

	bpf_rcu_read_lock();
	bpf_iter_dmabuf_new(&it);
	bpf_iter_dmabuf_destroy(&it);
	bpf_rcu_read_unlock();
	return 0;
}

SEC("tc")
int dmabuf_not_sleepable(struct __sk_buff *ctx)
{
	struct bpf_iter_dmabuf it;

	bpf_iter_dmabuf_new(&it);
	bpf_iter_dmabuf_destroy(&it);
	return 0;
}

SEC("syscall")
int dmabuf_pass_to_helper(void *ctx)
{
	struct bpf_iter_dmabuf it;
	struct dma_buf *d;
	char name[16];

	bpf_iter_dmabuf_new(&it);
	d = bpf_iter_dmabuf_next(&it);
	if (d)
		bpf_probe_read_kernel_str(name, sizeof(name), d->exp_name);
	bpf_iter_dmabuf_destroy(&it);
	return 0;
}

/* bpf_sock_ops_enable_tx_tstamp (6.15): KF_TRUSTED_ARGS, registered for BPF_PROG_TYPE_SOCK_OPS alone. */
extern int bpf_sock_ops_enable_tx_tstamp(struct bpf_sock_ops_kern *skops, u64 flags) __weak __ksym;
extern void *bpf_cast_to_kern_ctx(void *obj) __weak __ksym;

SEC("sockops")
int tstamp_ok(struct bpf_sock_ops *skops)
{
	struct bpf_sock_ops_kern *k = bpf_cast_to_kern_ctx(skops);

	if (skops->op == BPF_SOCK_OPS_TSTAMP_SENDMSG_CB)
		bpf_sock_ops_enable_tx_tstamp(k, 0);
	return 1;
}

SEC("sockops")
int tstamp_ctx_arg(struct bpf_sock_ops *skops)
{
	bpf_sock_ops_enable_tx_tstamp((struct bpf_sock_ops_kern *)skops, 0);
	return 1;
}

SEC("sockops")
int tstamp_null(struct bpf_sock_ops *skops)
{
	bpf_sock_ops_enable_tx_tstamp(0, 0);
	return 1;
}

SEC("sockops")
int tstamp_walked(struct bpf_sock_ops *skops)
{
	struct bpf_sock_ops_kern *k = bpf_cast_to_kern_ctx(skops);

	bpf_sock_ops_enable_tx_tstamp((struct bpf_sock_ops_kern *)k->sk, 0);
	return 1;
}

SEC("tc")
int tstamp_from_tc(struct __sk_buff *ctx)
{
	bpf_sock_ops_enable_tx_tstamp(bpf_cast_to_kern_ctx(ctx), 0);
	return 0;
}

SEC("sockops")
int tstamp_flags_var(struct bpf_sock_ops *skops)
{
	struct bpf_sock_ops_kern *k = bpf_cast_to_kern_ctx(skops);

	return bpf_sock_ops_enable_tx_tstamp(k, skops->args[0]) == 0;
}

/* __uptr fields of task storage (6.13): loads give a maybe-NULL PTR_TO_MEM of the pointee's size. */
#define __uptr __attribute__((btf_type_tag("uptr")))
struct udata16 { int a, b, c, d; };
struct uptr_val {
	long pad;
	struct udata16 __uptr *u;
};
struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct uptr_val);
} uptr_map SEC(".maps");
struct udata16 *dummy_udata16;

static __always_inline struct uptr_val *uptr_get(void)
{
	return bpf_task_storage_get(&uptr_map, bpf_get_current_task_btf(), 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
}

SEC("syscall")
int uptr_read_ok(void *ctx)
{
	struct uptr_val *v = uptr_get();
	struct udata16 *u;

	if (!v)
		return 0;
	u = v->u;
	if (!u)
		return 0;
	u->d = u->a + u->b;
	return u->c;
}

SEC("syscall")
int uptr_read_oob(void *ctx)
{
	struct uptr_val *v = uptr_get();
	struct udata16 *u;

	if (!v)
		return 0;
	u = v->u;
	if (!u)
		return 0;
	return *(int *)((char *)u + 16);
}

SEC("syscall")
int uptr_store_ptr(void *ctx)
{
	struct uptr_val *v = uptr_get();

	if (!v)
		return 0;
	v->u = (void *)v;
	return 0;
}

SEC("syscall")
__naked int uptr_read_w(void)
{
	asm volatile (
	"call %[bpf_get_current_task_btf];"
	"r2 = r0;"
	"r1 = %[uptr_map] ll;"
	"r3 = 0;"
	"r4 = 1;"
	"call %[bpf_task_storage_get];"
	"if r0 == 0 goto 1f;"
	"r1 = *(u32 *)(r0 + 8);"
	"1: r0 = 0;"
	"exit;"
	:
	: __imm(bpf_get_current_task_btf), __imm(bpf_task_storage_get), __imm_addr(uptr_map)
	: __clobber_all);
}

SEC("syscall")
int uptr_to_helper(void *ctx)
{
	struct uptr_val *v = uptr_get();
	char buf[8];

	if (!v)
		return 0;
	bpf_probe_read_kernel(buf, sizeof(buf), &v->u);
	return 0;
}

SEC("syscall")
int uptr_mem_to_helper(void *ctx)
{
	struct uptr_val *v = uptr_get();
	struct udata16 *u;

	if (!v)
		return 0;
	u = v->u;
	if (!u)
		return 0;
	bpf_probe_read_kernel(u, sizeof(*u), v);
	return 0;
}

SEC("syscall")
int uptr_no_null(void *ctx)
{
	struct uptr_val *v = uptr_get();

	if (!v)
		return 0;
	return v->u->a;
}
