/* bpf_cpumask_populate (strkf). */
#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
#define NAKED __attribute__((naked))
#define __ksym __attribute__((section(".ksyms")))
#define __imm(name) [name]"i"(name)
#define __imm_addr(name) [name]"i"(&name)
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
struct cpumask { unsigned long bits[1]; };
struct bpf_cpumask { struct cpumask cpumask; int usage; };
extern struct bpf_cpumask *bpf_cpumask_create(void) __ksym;
extern void bpf_cpumask_release(struct bpf_cpumask *cpumask) __ksym;
extern int bpf_cpumask_populate(struct cpumask *cpumask, void *src, unsigned long src__sz) __ksym;
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, int); __type(value, __u64); } arr SEC(".maps");
#define K __imm(bpf_cpumask_create), __imm(bpf_cpumask_release), __imm(bpf_cpumask_populate), __imm_addr(arr)
#define CREATE "call %[bpf_cpumask_create]; if r0 == 0 goto 9f; r6 = r0;"
#define RELEASE "r1 = r6; call %[bpf_cpumask_release]; 9: r0 = 0; exit;"
SEC("tp_btf/sys_enter") NAKED int pop_stack(void) { asm volatile(CREATE
 "r1 = 0; *(u64 *)(r10 - 8) = r1; r1 = r6; r2 = r10; r2 += -8; r3 = 8; call %[bpf_cpumask_populate];" RELEASE :: K : "memory"); }
SEC("tp_btf/sys_enter") NAKED int pop_uninit(void) { asm volatile(CREATE
 "r1 = r6; r2 = r10; r2 += -8; r3 = 8; call %[bpf_cpumask_populate];" RELEASE :: K : "memory"); }
SEC("tp_btf/sys_enter") NAKED int pop_too_big(void) { asm volatile(CREATE
 "r1 = 0; *(u64 *)(r10 - 8) = r1; r1 = r6; r2 = r10; r2 += -8; r3 = 16; call %[bpf_cpumask_populate];" RELEASE :: K : "memory"); }
SEC("tp_btf/sys_enter") NAKED int pop_null_src(void) { asm volatile(CREATE
 "r1 = r6; r2 = 0; r3 = 0; call %[bpf_cpumask_populate];" RELEASE :: K : "memory"); }
SEC("tp_btf/sys_enter") NAKED int pop_maybe_null(void) { asm volatile("call %[bpf_cpumask_create]; r6 = r0;"
 "r1 = 0; *(u64 *)(r10 - 8) = r1; r1 = r6; r2 = r10; r2 += -8; r3 = 8; call %[bpf_cpumask_populate];"
 "if r6 == 0 goto 9f;" RELEASE :: K : "memory"); }
SEC("tp_btf/sys_enter") NAKED int pop_map(void) { asm volatile(CREATE
 "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[arr] ll; call 1; if r0 == 0 goto 8f;"
 "r1 = r6; r2 = r0; r3 = 8; call %[bpf_cpumask_populate]; 8:" RELEASE :: K : "memory"); }
SEC("tp_btf/sys_enter") NAKED int pop_var_size(void) { asm volatile(CREATE
 "r1 = 0; *(u64 *)(r10 - 8) = r1; call 7; r3 = r0; r3 &= 7; r1 = r6; r2 = r10; r2 += -8; call %[bpf_cpumask_populate];" RELEASE :: K : "memory"); }
SEC("socket") NAKED int pop_socket(void) { asm volatile(CREATE
 "r1 = 0; *(u64 *)(r10 - 8) = r1; r1 = r6; r2 = r10; r2 += -8; r3 = 8; call %[bpf_cpumask_populate];" RELEASE :: K : "memory"); }
SEC("tp_btf/sys_enter") int btf_refs(void *ctx) {
 struct bpf_cpumask *m = bpf_cpumask_create(); __u64 b = 0; if (!m) return 0;
 bpf_cpumask_populate(&m->cpumask, &b, 8); bpf_cpumask_release(m); return 0; }
char _license[] SEC("license") = "GPL";
