// Local storage, timer and pointer-equality cases for StorageTests (expectations from the live 6.18 kernel).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, long);
} task_map SEC(".maps");

struct {
	__uint(type, 32); /* BPF_MAP_TYPE_CGRP_STORAGE */
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, long);
} cgrp_map SEC(".maps");

struct elem {
	long pad;
	struct bpf_timer t;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, struct elem);
} tmap SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, struct elem);
} tmap2 SEC(".maps");

/* task storage of the current task, created, then written */
SEC("socket")
__naked void task_get_ok(void)
{
	asm volatile ("call %[bpf_get_current_task_btf]; r2 = r0; r1 = %[task_map] ll; r3 = 0; r4 = 1;"
		"call %[bpf_task_storage_get]; if r0 == 0 goto 1f; r1 = 1; *(u64 *)(r0 + 0) = r1;"
		"1: r0 = 0; exit;"
	: : __imm(bpf_get_current_task_btf), __imm(bpf_task_storage_get), __imm_addr(task_map) : __clobber_all);
}

/* the value may be NULL: no check before the store */
SEC("socket")
__naked void task_get_no_null_check(void)
{
	asm volatile ("call %[bpf_get_current_task_btf]; r2 = r0; r1 = %[task_map] ll; r3 = 0; r4 = 1;"
		"call %[bpf_task_storage_get]; r1 = 1; *(u64 *)(r0 + 0) = r1; r0 = 0; exit;"
	: : __imm(bpf_get_current_task_btf), __imm(bpf_task_storage_get), __imm_addr(task_map) : __clobber_all);
}

/* a scalar owner */
SEC("socket")
__naked void task_get_scalar_owner(void)
{
	asm volatile ("r1 = %[task_map] ll; r2 = 1; r3 = 0; r4 = 0; call %[bpf_task_storage_get]; r0 = 0; exit;"
	: : __imm(bpf_task_storage_get), __imm_addr(task_map) : __clobber_all);
}

/* a NULL owner, then delete with the current task */
SEC("socket")
__naked void task_null_owner_delete(void)
{
	asm volatile ("r1 = %[task_map] ll; r2 = 0; r3 = 0; r4 = 0; call %[bpf_task_storage_get];"
		"call %[bpf_get_current_task_btf]; r2 = r0; r1 = %[task_map] ll; call %[bpf_task_storage_delete]; r0 = 0; exit;"
	: : __imm(bpf_get_current_task_btf), __imm(bpf_task_storage_get), __imm(bpf_task_storage_delete),
	    __imm_addr(task_map) : __clobber_all);
}

/* a task passed where a cgroup is expected */
SEC("socket")
__naked void cgrp_get_task_owner(void)
{
	asm volatile ("call %[bpf_get_current_task_btf]; r2 = r0; r1 = %[cgrp_map] ll; r3 = 0; r4 = 0;"
		"call %[bpf_cgrp_storage_get]; r0 = 0; exit;"
	: : __imm(bpf_get_current_task_btf), __imm(bpf_cgrp_storage_get), __imm_addr(cgrp_map) : __clobber_all);
}

/* a task storage map passed to cgrp_storage_get */
SEC("socket")
__naked void cgrp_get_wrong_map(void)
{
	asm volatile ("r1 = %[task_map] ll; r2 = 0; r3 = 0; r4 = 0; call %[bpf_cgrp_storage_get]; r0 = 0; exit;"
	: : __imm(bpf_cgrp_storage_get), __imm_addr(task_map) : __clobber_all);
}

static int timer_cb(void *map, int *key, struct elem *v)
{
	return 0;
}

static int timer_cb_bad_ret(void *map, int *key, struct elem *v)
{
	return 1;
}

/* init, set_callback, start, cancel on one timer */
SEC("tc")
__naked void timer_ok(void)
{
	asm volatile ("r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[tmap] ll;"
		"call %[bpf_map_lookup_elem]; if r0 == 0 goto 1f; r6 = r0; r6 += 8;"
		"r1 = r6; r2 = %[tmap] ll; r3 = 1; call %[bpf_timer_init];"
		"r1 = r6; r2 = %[timer_cb] ll; call %[bpf_timer_set_callback];"
		"r1 = r6; r2 = 1000; r3 = 0; call %[bpf_timer_start];"
		"r1 = r6; call %[bpf_timer_cancel];"
		"1: r0 = 0; exit;"
	: : __imm(bpf_map_lookup_elem), __imm(bpf_timer_init), __imm(bpf_timer_set_callback), __imm(bpf_timer_start),
	    __imm(bpf_timer_cancel), __imm_addr(tmap), __imm_addr(timer_cb) : __clobber_all);
}

/* the map argument is another map than the timer's */
SEC("tc")
__naked void timer_init_other_map(void)
{
	asm volatile ("r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[tmap] ll;"
		"call %[bpf_map_lookup_elem]; if r0 == 0 goto 1f; r1 = r0; r1 += 8; r2 = %[tmap2] ll; r3 = 1;"
		"call %[bpf_timer_init]; 1: r0 = 0; exit;"
	: : __imm(bpf_map_lookup_elem), __imm(bpf_timer_init), __imm_addr(tmap), __imm_addr(tmap2) : __clobber_all);
}

/* the pointer is not at the timer field */
SEC("tc")
__naked void timer_wrong_off(void)
{
	asm volatile ("r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[tmap] ll;"
		"call %[bpf_map_lookup_elem]; if r0 == 0 goto 1f; r1 = r0; call %[bpf_timer_cancel]; 1: r0 = 0; exit;"
	: : __imm(bpf_map_lookup_elem), __imm(bpf_timer_cancel), __imm_addr(tmap) : __clobber_all);
}

/* the callback returns 1 */
SEC("tc")
__naked void timer_cb_returns_one(void)
{
	asm volatile ("r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[tmap] ll;"
		"call %[bpf_map_lookup_elem]; if r0 == 0 goto 1f; r1 = r0; r1 += 8;"
		"r2 = %[timer_cb_bad_ret] ll; call %[bpf_timer_set_callback]; 1: r0 = 0; exit;"
	: : __imm(bpf_map_lookup_elem), __imm(bpf_timer_set_callback), __imm_addr(tmap), __imm_addr(timer_cb_bad_ret)
	: __clobber_all);
}

/* the map value may be NULL */
SEC("tc")
__naked void timer_maybe_null(void)
{
	asm volatile ("r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[tmap2] ll;"
		"call %[bpf_map_lookup_elem]; r1 = r0; r1 += 8; call %[bpf_timer_cancel]; r0 = 0; exit;"
	: : __imm(bpf_map_lookup_elem), __imm(bpf_timer_cancel), __imm_addr(tmap2) : __clobber_all);
}

/* a pointer into the stack where the callback belongs */
SEC("tc")
__naked void timer_cb_not_func(void)
{
	asm volatile ("r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[tmap] ll;"
		"call %[bpf_map_lookup_elem]; if r0 == 0 goto 1f; r1 = r0; r1 += 8;"
		"r2 = r10; r2 += -8; call %[bpf_timer_set_callback]; 1: r0 = 0; exit;"
	: : __imm(bpf_map_lookup_elem), __imm(bpf_timer_set_callback), __imm_addr(tmap) : __clobber_all);
}

/* r7 is not NULL where it equals the non-NULL r6 */
SEC("xdp")
__naked void jeq_infer_map_value(void)
{
	asm volatile ("r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[tmap2] ll;"
		"call %[bpf_map_lookup_elem]; r6 = r0;"
		"r1 = 0; *(u32 *)(r10 - 8) = r1; r2 = r10; r2 += -8; r1 = %[tmap2] ll;"
		"call %[bpf_map_lookup_elem]; r7 = r0;"
		"if r6 == 0 goto 1f; if r6 != r7 goto 1f; r0 = *(u64 *)(r7 + 0);"
		"1: r0 = 0; exit;"
	: : __imm(bpf_map_lookup_elem), __imm_addr(tmap), __imm_addr(tmap2) : __clobber_all);
}

/* where they differ r7 may still be NULL */
SEC("xdp")
__naked void jeq_infer_other_branch(void)
{
	asm volatile ("r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[tmap2] ll;"
		"call %[bpf_map_lookup_elem]; r6 = r0;"
		"r1 = 0; *(u32 *)(r10 - 8) = r1; r2 = r10; r2 += -8; r1 = %[tmap2] ll;"
		"call %[bpf_map_lookup_elem]; r7 = r0;"
		"if r6 == 0 goto 1f; if r6 == r7 goto 1f; r0 = *(u64 *)(r7 + 0);"
		"1: r0 = 0; exit;"
	: : __imm(bpf_map_lookup_elem), __imm_addr(tmap), __imm_addr(tmap2) : __clobber_all);
}

__attribute__((noinline, used)) __naked static int deep_helper(void)
{
	asm volatile ("r1 = 0; *(u64 *)(r10 - 264) = r1; r0 = 0; exit;" ::: __clobber_all);
}

/* the callback's own call chain: 304 + 272 bytes of stack */
__attribute__((noinline, used)) __naked static int deep_cb(void)
{
	asm volatile ("r1 = 0; *(u64 *)(r10 - 304) = r1; call deep_helper; r0 = 0; exit;" ::: __clobber_all);
}

SEC("tc")
__naked void timer_cb_stack_too_deep(void)
{
	asm volatile ("r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[tmap] ll;"
		"call %[bpf_map_lookup_elem]; if r0 == 0 goto 1f; r1 = r0; r1 += 8;"
		"r2 = %[deep_cb] ll; call %[bpf_timer_set_callback]; 1: r0 = 0; exit;"
	: : __imm(bpf_map_lookup_elem), __imm(bpf_timer_set_callback), __imm_addr(tmap), __imm_addr(deep_cb)
	: __clobber_all);
}

char _license[] SEC("license") = "GPL";
