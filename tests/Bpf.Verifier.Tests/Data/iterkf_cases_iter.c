// Build: clang-19 -O2 -g --target=bpf -mcpu=v3 -D__TARGET_ARCH_x86 -I<dir of the 6.18 vmlinux.h> -I<libbpf headers> -c THIS.c
// Ported from tools/testing/selftests/bpf/progs/{iters_task,iters_task_failure,iters_css,kmem_cache_iter}.c
// (Linux 6.18); verdicts from the live kernel.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

extern int bpf_iter_task_new(struct bpf_iter_task *it, struct task_struct *task__nullable, unsigned int flags) __weak __ksym;
extern struct task_struct *bpf_iter_task_next(struct bpf_iter_task *it) __weak __ksym;
extern void bpf_iter_task_destroy(struct bpf_iter_task *it) __weak __ksym;
extern int bpf_iter_css_new(struct bpf_iter_css *it, struct cgroup_subsys_state *start, unsigned int flags) __weak __ksym;
extern struct cgroup_subsys_state *bpf_iter_css_next(struct bpf_iter_css *it) __weak __ksym;
extern void bpf_iter_css_destroy(struct bpf_iter_css *it) __weak __ksym;
extern int bpf_iter_kmem_cache_new(struct bpf_iter_kmem_cache *it) __weak __ksym;
extern struct kmem_cache *bpf_iter_kmem_cache_next(struct bpf_iter_kmem_cache *it) __weak __ksym;
extern void bpf_iter_kmem_cache_destroy(struct bpf_iter_kmem_cache *it) __weak __ksym;
extern struct cgroup *bpf_cgroup_from_id(u64 cgid) __ksym;
extern void bpf_cgroup_release(struct cgroup *p) __ksym;
extern struct task_struct *bpf_task_from_pid(s32 pid) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;

#define for_each_task(pos, task, flags) \
	for (struct bpf_iter_task ___it __attribute__((cleanup(bpf_iter_task_destroy))), \
	     *___p = (bpf_iter_task_new(&___it, task, flags), (void *)0); \
	     (pos = bpf_iter_task_next(&___it)); )
#define for_each_css(pos, start, flags) \
	for (struct bpf_iter_css ___it __attribute__((cleanup(bpf_iter_css_destroy))), \
	     *___p = (bpf_iter_css_new(&___it, start, flags), (void *)0); \
	     (pos = bpf_iter_css_next(&___it)); )

int target_pid, cnt;

SEC("?syscall") int iter_task_for_each_sleep(void *ctx)
{
	struct task_struct *cur_task = bpf_get_current_task_btf();
	struct task_struct *pos;
	if (cur_task->pid != target_pid) return 0;
	bpf_rcu_read_lock();
	for_each_task(pos, NULL, BPF_TASK_ITER_ALL_PROCS) if (pos->pid == target_pid) cnt++;
	for_each_task(pos, cur_task, BPF_TASK_ITER_PROC_THREADS) cnt++;
	for_each_task(pos, NULL, BPF_TASK_ITER_ALL_THREADS) if (pos->tgid == target_pid) cnt++;
	bpf_rcu_read_unlock();
	return 0;
}
SEC("?tp_btf/task_newtask") int iter_task_nonsleep(void *ctx)
{ struct task_struct *pos; for_each_task(pos, NULL, 0) cnt += pos->pid; return 0; }
SEC("?syscall") int iter_tasks_without_lock(void *ctx)
{ struct task_struct *pos; for_each_task(pos, NULL, BPF_TASK_ITER_ALL_PROCS) {} return 0; }
SEC("?syscall") int iter_tasks_lock_and_unlock(void *ctx)
{ struct task_struct *pos; bpf_rcu_read_lock();
  for_each_task(pos, NULL, BPF_TASK_ITER_ALL_PROCS) { bpf_rcu_read_unlock(); bpf_rcu_read_lock(); }
  bpf_rcu_read_unlock(); return 0; }
SEC("?syscall") int iter_tasks_rcu_state_pruning(void *ctx)
{
	struct bpf_iter_task it;
	asm volatile (
		"call %[bpf_rcu_read_lock];"
		"r1 = %[it];" "r2 = 0;" "r3 = 0;"
		"call %[bpf_iter_task_new];"
		"call %[bpf_get_prandom_u32];"
		"if w0 == 0 goto unprotected_%=;"
		"call %[bpf_rcu_read_lock];"
		"call %[bpf_rcu_read_unlock];"
		"goto merge_%=;"
	"unprotected_%=:"
		"call %[bpf_rcu_read_unlock];"
		"call %[bpf_rcu_read_lock];"
	"merge_%=: r1 = %[it];"
		"call %[bpf_iter_task_next];"
		"r1 = %[it];"
		"call %[bpf_iter_task_destroy];"
		"call %[bpf_rcu_read_unlock];"
		:: [it]"r"(&it), [bpf_get_prandom_u32]"i"(bpf_get_prandom_u32), [bpf_iter_task_new]"i"(bpf_iter_task_new),
		   [bpf_iter_task_next]"i"(bpf_iter_task_next), [bpf_iter_task_destroy]"i"(bpf_iter_task_destroy),
		   [bpf_rcu_read_lock]"i"(bpf_rcu_read_lock), [bpf_rcu_read_unlock]"i"(bpf_rcu_read_unlock)
		: "r0", "r1", "r2", "r3", "r4", "r5", "memory");
	return 0;
}
SEC("?syscall") int iter_css_without_lock(void *ctx)
{
	u64 cg_id = bpf_get_current_cgroup_id();
	struct cgroup *cgrp = bpf_cgroup_from_id(cg_id);
	struct cgroup_subsys_state *root_css, *pos;
	if (!cgrp) return 0;
	root_css = &cgrp->self;
	for_each_css(pos, root_css, BPF_CGROUP_ITER_DESCENDANTS_POST) {}
	bpf_cgroup_release(cgrp);
	return 0;
}
SEC("?syscall") int iter_css_lock_and_unlock(void *ctx)
{
	u64 cg_id = bpf_get_current_cgroup_id();
	struct cgroup *cgrp = bpf_cgroup_from_id(cg_id);
	struct cgroup_subsys_state *root_css, *pos;
	if (!cgrp) return 0;
	root_css = &cgrp->self;
	bpf_rcu_read_lock();
	for_each_css(pos, root_css, BPF_CGROUP_ITER_DESCENDANTS_POST) { bpf_rcu_read_unlock(); bpf_rcu_read_lock(); }
	bpf_rcu_read_unlock();
	bpf_cgroup_release(cgrp);
	return 0;
}
SEC("?syscall") int iter_css_ok(void *ctx)
{
	u64 cg_id = bpf_get_current_cgroup_id();
	struct cgroup *cgrp = bpf_cgroup_from_id(cg_id);
	struct cgroup_subsys_state *pos;
	if (!cgrp) return 0;
	bpf_rcu_read_lock();
	for_each_css(pos, &cgrp->self, BPF_CGROUP_ITER_DESCENDANTS_PRE) cnt += pos->cgroup->level;
	bpf_rcu_read_unlock();
	bpf_cgroup_release(cgrp);
	return 0;
}
SEC("?tp_btf/task_newtask") int iter_css_nonsleep(void *ctx)
{
	struct cgroup *cgrp = bpf_cgroup_from_id(1);
	struct cgroup_subsys_state *pos;
	if (!cgrp) return 0;
	for_each_css(pos, &cgrp->self, BPF_CGROUP_ITER_SELF_ONLY) { struct cgroup *c = pos->cgroup; if (c) cnt += c->level; }
	bpf_cgroup_release(cgrp);
	return 0;
}
SEC("?tp_btf/task_newtask") int iter_css_null_start(void *ctx)
{ struct cgroup_subsys_state *pos; for_each_css(pos, NULL, 0) cnt++; return 0; }
SEC("?tp_btf/task_newtask") int iter_css_untrusted_start(void *ctx)
{
	struct task_struct *t = bpf_get_current_task_btf();
	struct cgroup_subsys_state *pos, *s = t->cgroups->dfl_cgrp->subsys[0];
	for_each_css(pos, s, 0) cnt++;
	return 0;
}
SEC("?tp_btf/task_newtask") int iter_task_untrusted_task(void *ctx)
{
	struct task_struct *t = bpf_get_current_task_btf();
	struct task_struct *pos;
	for_each_task(pos, t->parent, BPF_TASK_ITER_PROC_THREADS) cnt++;
	return 0;
}
SEC("?tp_btf/task_newtask") int iter_task_acquired(void *ctx)
{
	struct task_struct *t = bpf_task_from_pid(1), *pos;
	if (!t) return 0;
	for_each_task(pos, t, BPF_TASK_ITER_PROC_THREADS) cnt++;
	bpf_task_release(t);
	return 0;
}
SEC("?tp_btf/task_newtask") int iter_task_maybe_null(void *ctx)
{
	struct task_struct *t = bpf_task_from_pid(1), *pos;
	for_each_task(pos, t, BPF_TASK_ITER_PROC_THREADS) cnt++;
	if (t) bpf_task_release(t);
	return 0;
}
SEC("?tp_btf/task_newtask") int iter_task_bad_flags(void *ctx)
{ struct task_struct *pos; for_each_task(pos, NULL, 77) cnt++; return 0; }
SEC("?tp_btf/task_newtask") int iter_task_leak(void *ctx)
{ struct bpf_iter_task it; bpf_iter_task_new(&it, NULL, 0); return 0; }
SEC("?tp_btf/task_newtask") int iter_task_write_pos(void *ctx)
{ struct task_struct *pos; for_each_task(pos, NULL, 0) pos->pid = 0; return 0; }
SEC("?tp_btf/task_newtask") int iter_task_release_pos(void *ctx)
{ struct task_struct *pos; for_each_task(pos, NULL, 0) bpf_task_release(pos); return 0; }
SEC("?tp_btf/task_newtask") int iter_task_double_new(void *ctx)
{ struct bpf_iter_task it; bpf_iter_task_new(&it, NULL, 0); bpf_iter_task_new(&it, NULL, 0); bpf_iter_task_destroy(&it); return 0; }
SEC("?tp_btf/task_newtask") int iter_task_next_uninit(void *ctx)
{ struct bpf_iter_task it; bpf_iter_task_next(&it); return 0; }
SEC("?syscall") int kmem_cache_iter_ok(void *ctx)
{
	struct bpf_iter_kmem_cache it; struct kmem_cache *s;
	bpf_iter_kmem_cache_new(&it);
	while ((s = bpf_iter_kmem_cache_next(&it))) cnt += s->size;
	bpf_iter_kmem_cache_destroy(&it);
	return 0;
}
SEC("?tp_btf/task_newtask") int kmem_cache_iter_nonsleep(void *ctx)
{
	struct bpf_iter_kmem_cache it; struct kmem_cache *s;
	bpf_iter_kmem_cache_new(&it);
	while ((s = bpf_iter_kmem_cache_next(&it))) cnt += s->size;
	bpf_iter_kmem_cache_destroy(&it);
	return 0;
}
SEC("?syscall") int kmem_cache_iter_in_rcu(void *ctx)
{
	struct bpf_iter_kmem_cache it; struct kmem_cache *s;
	bpf_rcu_read_lock();
	bpf_iter_kmem_cache_new(&it);
	while ((s = bpf_iter_kmem_cache_next(&it))) cnt += s->size;
	bpf_iter_kmem_cache_destroy(&it);
	bpf_rcu_read_unlock();
	return 0;
}
SEC("?syscall") int kmem_cache_iter_leak(void *ctx)
{ struct bpf_iter_kmem_cache it; bpf_iter_kmem_cache_new(&it); return 0; }
SEC("?tc") int iter_task_tc(struct __sk_buff *ctx)
{ struct task_struct *pos; for_each_task(pos, NULL, 0) cnt++; return 0; }
SEC("?xdp") int iter_css_xdp(struct xdp_md *ctx)
{ struct cgroup_subsys_state *pos; for_each_css(pos, NULL, 0) cnt++; return 0; }
SEC("?socket") int iter_task_socket(struct __sk_buff *ctx)
{ struct task_struct *pos; for_each_task(pos, NULL, 0) cnt++; return 0; }

u64 root_cg_id, leaf_cg_id, first_cg_id, last_cg_id;
int pre_order_cnt, post_order_cnt, tree_high;
SEC("?syscall") int iter_css_for_each(const void *ctx)
{
	struct task_struct *cur_task = bpf_get_current_task_btf();
	struct cgroup_subsys_state *root_css, *leaf_css, *pos;
	struct cgroup *root_cgrp, *leaf_cgrp, *cur_cgrp;
	if (cur_task->pid != target_pid) return 0;
	root_cgrp = bpf_cgroup_from_id(root_cg_id);
	if (!root_cgrp) return 0;
	leaf_cgrp = bpf_cgroup_from_id(leaf_cg_id);
	if (!leaf_cgrp) { bpf_cgroup_release(root_cgrp); return 0; }
	root_css = &root_cgrp->self;
	leaf_css = &leaf_cgrp->self;
	pre_order_cnt = post_order_cnt = tree_high = 0;
	first_cg_id = last_cg_id = 0;
	bpf_rcu_read_lock();
	for_each_css(pos, root_css, BPF_CGROUP_ITER_DESCENDANTS_POST) { cur_cgrp = pos->cgroup; post_order_cnt++; last_cg_id = cur_cgrp->kn->id; }
	for_each_css(pos, root_css, BPF_CGROUP_ITER_DESCENDANTS_PRE) { cur_cgrp = pos->cgroup; pre_order_cnt++; if (!first_cg_id) first_cg_id = cur_cgrp->kn->id; }
	for_each_css(pos, leaf_css, BPF_CGROUP_ITER_ANCESTORS_UP) tree_high++;
	for_each_css(pos, root_css, BPF_CGROUP_ITER_ANCESTORS_UP) tree_high--;
	bpf_rcu_read_unlock();
	bpf_cgroup_release(root_cgrp);
	bpf_cgroup_release(leaf_cgrp);
	return 0;
}
struct kmem_cache_result { char name[32]; long obj_size; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(key_size, sizeof(int)); __uint(value_size, sizeof(struct kmem_cache_result)); __uint(max_entries, 1024); } slab_result SEC(".maps");
int open_coded_seen;
SEC("?syscall") int open_coded_iter(const void *ctx)
{
	struct bpf_iter_kmem_cache it; struct kmem_cache *s;
	bpf_iter_kmem_cache_new(&it);
	while ((s = bpf_iter_kmem_cache_next(&it))) {
		struct kmem_cache_result *r = bpf_map_lookup_elem(&slab_result, &open_coded_seen);
		if (!r) break;
		if (r->obj_size != s->size) break;
		open_coded_seen++;
	}
	bpf_iter_kmem_cache_destroy(&it);
	return 0;
}
SEC("?iter/task") int iter_task_in_iter_prog(struct bpf_iter__task *ctx)
{ struct task_struct *pos; for_each_task(pos, NULL, 0) cnt++; return 0; }
SEC("?iter.s/task") int iter_css_in_sleepable_iter(struct bpf_iter__task *ctx)
{ struct cgroup_subsys_state *pos; struct cgroup *c = bpf_cgroup_from_id(1); if (!c) return 0;
  bpf_rcu_read_lock(); for_each_css(pos, &c->self, 0) cnt++; bpf_rcu_read_unlock(); bpf_cgroup_release(c); return 0; }

SEC("?tp_btf/task_newtask") int iter_task_rcu_parent(void *ctx)
{ struct task_struct *t = bpf_get_current_task_btf(), *pos; for_each_task(pos, t->real_parent, BPF_TASK_ITER_PROC_THREADS) cnt++; return 0; }
SEC("?tp_btf/task_newtask") int iter_task_rcu_group_leader(void *ctx)
{ struct task_struct *t = bpf_get_current_task_btf(), *pos; for_each_task(pos, t->group_leader, BPF_TASK_ITER_PROC_THREADS) cnt++; return 0; }
SEC("?tp_btf/task_newtask") int iter_task_acquired_maybe_null_css(void *ctx)
{ struct cgroup *c = bpf_cgroup_from_id(1); struct cgroup_subsys_state *pos; for_each_css(pos, &c->self, 0) cnt++; if (c) bpf_cgroup_release(c); return 0; }
char _license[] SEC("license") = "GPL";
