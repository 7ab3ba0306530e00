#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
#define NAKED __attribute__((naked))
#define __ksym __attribute__((section(".ksyms")))
#define __imm(name) [name]"i"(name)
struct task_struct { int x; };
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;
extern void bpf_preempt_disable(void) __ksym;
extern void bpf_preempt_enable(void) __ksym;
extern struct task_struct *bpf_task_from_pid(int pid) __ksym;
extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
extern void bpf_throw(unsigned long long cookie) __ksym;
SEC("tc") NAKED int rcu_ok(void) { asm volatile(
 "call %[bpf_rcu_read_lock]; call %[bpf_rcu_read_unlock]; r0 = 0; exit;" :: __imm(bpf_rcu_read_lock), __imm(bpf_rcu_read_unlock) : "memory"); }
SEC("tc") NAKED int rcu_unmatched(void) { asm volatile(
 "call %[bpf_rcu_read_unlock]; r0 = 0; exit;" :: __imm(bpf_rcu_read_unlock) : "memory"); }
SEC("tc") NAKED int rcu_nested(void) { asm volatile(
 "call %[bpf_rcu_read_lock]; call %[bpf_rcu_read_lock]; call %[bpf_rcu_read_unlock]; call %[bpf_rcu_read_unlock]; r0 = 0; exit;" :: __imm(bpf_rcu_read_lock), __imm(bpf_rcu_read_unlock) : "memory"); }
SEC("tc") NAKED int rcu_missing(void) { asm volatile(
 "call %[bpf_rcu_read_lock]; r0 = 0; exit;" :: __imm(bpf_rcu_read_lock) : "memory"); }
SEC("tc") NAKED int preempt_unmatched(void) { asm volatile(
 "call %[bpf_preempt_enable]; r0 = 0; exit;" :: __imm(bpf_preempt_enable) : "memory"); }
SEC("tc") NAKED int preempt_ok(void) { asm volatile(
 "call %[bpf_preempt_disable]; call %[bpf_preempt_disable]; call %[bpf_preempt_enable]; call %[bpf_preempt_enable]; r0 = 0; exit;" :: __imm(bpf_preempt_disable), __imm(bpf_preempt_enable) : "memory"); }
SEC("socket") NAKED int not_allowed(void) { asm volatile(
 "r1 = 0; call %[bpf_task_from_pid]; r0 = 0; exit;" :: __imm(bpf_task_from_pid) : "memory"); }
SEC("tc") NAKED int task_ok(void) { asm volatile(
 "r1 = 1; call %[bpf_task_from_pid]; if r0 == 0 goto l0_%=; r1 = r0; call %[bpf_task_release]; l0_%=: r0 = 0; exit;" :: __imm(bpf_task_from_pid), __imm(bpf_task_release) : "memory"); }
SEC("tc") NAKED int task_leak(void) { asm volatile(
 "r1 = 1; call %[bpf_task_from_pid]; r0 = 0; exit;" :: __imm(bpf_task_from_pid) : "memory"); }
SEC("tc") NAKED int task_acquire_null(void) { asm volatile(
 "r1 = 1; call %[bpf_task_from_pid]; r6 = r0; r1 = r0; call %[bpf_task_acquire]; r0 = 0; exit;" :: __imm(bpf_task_from_pid), __imm(bpf_task_acquire) : "memory"); }
SEC("tc") NAKED int release_scalar(void) { asm volatile(
 "r1 = 0; call %[bpf_task_release]; r0 = 0; exit;" :: __imm(bpf_task_release) : "memory"); }
SEC("tc") NAKED int not_scalar(void) { asm volatile(
 "r1 = r10; call %[bpf_task_from_pid]; r0 = 0; exit;" :: __imm(bpf_task_from_pid) : "memory"); }
SEC("tc") NAKED int uninit_arg(void) { asm volatile(
 "call %[bpf_task_from_pid]; r0 = 0; exit;" :: __imm(bpf_task_from_pid) : "memory"); }
SEC("tc") NAKED int use_after_release(void) { asm volatile(
 "r1 = 1; call %[bpf_task_from_pid]; if r0 == 0 goto l0_%=; r6 = r0; r1 = r0; call %[bpf_task_release]; r1 = r6; call %[bpf_task_release]; l0_%=: r0 = 0; exit;" :: __imm(bpf_task_from_pid), __imm(bpf_task_release) : "memory"); }
SEC("tc") NAKED int acquire_twice(void) { asm volatile(
 "r1 = 1; call %[bpf_task_from_pid]; if r0 == 0 goto l0_%=; r6 = r0; r1 = r0; call %[bpf_task_acquire]; if r0 == 0 goto l1_%=; r1 = r0; call %[bpf_task_release]; l1_%=: r1 = r6; call %[bpf_task_release]; l0_%=: r0 = 0; exit;" :: __imm(bpf_task_from_pid), __imm(bpf_task_acquire), __imm(bpf_task_release) : "memory"); }
SEC("tc") NAKED int preempt_missing(void) { asm volatile(
 "call %[bpf_preempt_disable]; r0 = 0; exit;" :: __imm(bpf_preempt_disable) : "memory"); }
SEC("tc") NAKED int throw_leak(void) { asm volatile(
 "r1 = 1; call %[bpf_task_from_pid]; r1 = 0; call %[bpf_throw]; r0 = 0; exit;" :: __imm(bpf_task_from_pid), __imm(bpf_throw) : "memory"); }
SEC("tc") NAKED int throw_in_rcu(void) { asm volatile(
 "call %[bpf_rcu_read_lock]; r1 = 0; call %[bpf_throw]; r0 = 0; exit;" :: __imm(bpf_rcu_read_lock), __imm(bpf_throw) : "memory"); }
SEC("?tc") int refs(void) { bpf_throw(0); bpf_rcu_read_lock(); bpf_rcu_read_unlock(); bpf_preempt_disable(); bpf_preempt_enable(); struct task_struct *t = bpf_task_from_pid(1); if (t) { struct task_struct *u = bpf_task_acquire(t); if (u) bpf_task_release(u); bpf_task_release(t); }  return 0; }
char _license[] SEC("license") = "GPL";
