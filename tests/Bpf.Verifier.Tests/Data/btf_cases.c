/* BTF-typed programs for BtfAccessTests.cs: tp_btf and iterator contexts, PTR_TO_BTF_ID loads, map_ptr reads.
 * Build: bpftool btf dump file /sys/kernel/btf/vmlinux format c > vmlinux.h;
 *        clang-19 -O2 -g --target=bpf -mcpu=v3 -c btf_cases.c -o btf_cases.o */
#include "vmlinux.h"
#define SEC(n) __attribute__((section(n), used))
#define NAKED __attribute__((naked))
#define OFF(t, f) [f] "i"(__builtin_offsetof(struct t, f))
struct { int (*type)[BPF_MAP_TYPE_ARRAY]; int (*max_entries)[1]; int *key; long *value; } m_array SEC(".maps");
/* sched_switch(bool preempt, struct task_struct *prev, struct task_struct *next, unsigned int prev_state) */
SEC("tp_btf/sched_switch") NAKED int tp_deref(void) { asm volatile(
 "r2 = *(u64 *)(r1 + 8); r3 = *(u64 *)(r2 + 0); r0 = 0; exit;" ::: "memory"); }
SEC("tp_btf/sched_switch") NAKED int tp_neg(void) { asm volatile(
 "r2 = *(u64 *)(r1 + 8); r3 = *(u64 *)(r2 - 8); r0 = 0; exit;" ::: "memory"); }
SEC("tp_btf/sched_switch") NAKED int tp_beyond(void) { asm volatile(
 "r2 = *(u64 *)(r1 + 8); r3 = *(u64 *)(r2 + 30000); r0 = 0; exit;" ::: "memory"); }
SEC("tp_btf/sched_switch") NAKED int tp_write(void) { asm volatile(
 "r2 = *(u64 *)(r1 + 8); r3 = 1; *(u64 *)(r2 + 0) = r3; r0 = 0; exit;" ::: "memory"); }
SEC("tp_btf/sched_switch") NAKED int tp_noarg(void) { asm volatile(
 "r2 = *(u64 *)(r1 + 32); r0 = 0; exit;" ::: "memory"); }
SEC("tp_btf/sched_switch") NAKED int tp_narrow(void) { asm volatile(
 "r2 = *(u32 *)(r1 + 8); r0 = 0; exit;" ::: "memory"); }
SEC("tp_btf/sched_switch") NAKED int tp_off4(void) { asm volatile(
 "r2 = *(u32 *)(r1 + 4); r0 = 0; exit;" ::: "memory"); }
SEC("tp_btf/sched_switch") NAKED int tp_scalar(void) { asm volatile(
 "r2 = *(u8 *)(r1 + 0); r3 = *(u32 *)(r1 + 24); r0 = 0; exit;" ::: "memory"); }
SEC("tp_btf/sched_switch") NAKED int tp_parent(void) { asm volatile(
 "r2 = *(u64 *)(r1 + 8); r3 = *(u64 *)(r2 + %[real_parent]); r4 = *(u64 *)(r3 + %[real_parent]); r0 = 0; exit;"
 :: OFF(task_struct, real_parent) : "memory"); }
SEC("tp_btf/sched_switch") NAKED int tp_untrusted(void) { asm volatile(
 "r2 = *(u64 *)(r1 + 8); r3 = *(u64 *)(r2 + %[mm]); r4 = *(u64 *)(r3 + %[mm]); r0 = 0; exit;"
 :: OFF(task_struct, mm) : "memory"); }
SEC("iter/task") NAKED int iter_nocheck(void) { asm volatile(
 "r2 = *(u64 *)(r1 + 8); r3 = *(u64 *)(r2 + 0); r0 = 0; exit;" ::: "memory"); }
SEC("iter/task") NAKED int iter_checked(void) { asm volatile(
 "r2 = *(u64 *)(r1 + 8); if r2 == 0 goto l0_%=; r3 = *(u32 *)(r2 + %[pid]); l0_%=: r0 = 0; exit;"
 :: OFF(task_struct, pid) : "memory"); }
SEC("iter/task") NAKED int iter_ret2(void) { asm volatile(
 "r0 = 2; exit;" ::: "memory"); }
SEC("socket") NAKED int map_ptr_read(void) { asm volatile(
 "r1 = m_array ll; r2 = *(u32 *)(r1 + %[max_entries]); r0 = 0; exit;" :: OFF(bpf_map, max_entries) : "memory"); }
SEC("socket") NAKED int map_ptr_inner(void) { asm volatile(
 "r1 = m_array ll; r2 = *(u64 *)(r1 + %[inner_map_meta]); r3 = *(u32 *)(r2 + %[max_entries]); r0 = 0; exit;"
 :: OFF(bpf_map, inner_map_meta), OFF(bpf_map, max_entries) : "memory"); }
SEC("socket") NAKED int map_ptr_beyond(void) { asm volatile(
 "r1 = m_array ll; r2 = *(u64 *)(r1 + 30000); r0 = 0; exit;" ::: "memory"); }
char _license[] SEC("license") = "GPL";
/* struct_ops (bpf_dummy_ops): each program was built as its own object, with a .struct_ops map naming only it,
 * since veristat loads one program at a time:
 *   SEC(".struct_ops") struct bpf_dummy_ops d = { .test_1 = (void *)so_nullable }; */
SEC("struct_ops/test_1") NAKED int so_nullable(void) { asm volatile(
 "r2 = *(u64 *)(r1 + 0); r3 = *(u32 *)(r2 + 0); r0 = 0; exit;" ::: "memory"); }
SEC("struct_ops/test_2") NAKED int so_write(void) { asm volatile(
 "r2 = *(u64 *)(r1 + 0); if r2 == 0 goto l0_%=; r3 = 1; *(u32 *)(r2 + 0) = r3; l0_%=: r0 = 0; exit;" ::: "memory"); }
SEC("struct_ops/test_1") NAKED int so_write_beyond(void) { asm volatile(
 "r2 = *(u64 *)(r1 + 0); if r2 == 0 goto l0_%=; r3 = 1; *(u64 *)(r2 + 0) = r3; l0_%=: r0 = 0; exit;" ::: "memory"); }
/* Built separately without -g (no func_info): clang-19 -O2 --target=bpf -mcpu=v3 -c pf.c
 *   SEC("socket") NAKED int pseudo_func(void) { asm volatile("r2 = cb ll; r1 = 1; call sub; r0 = 0; exit;" ::: "memory"); }
 *   __attribute__((noinline, used)) static int cb(void) { return 0; }
 *   __attribute__((noinline, used)) static int sub(void) { return 0; } */
