#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
#define NAKED __attribute__((naked))
#define __ksym __attribute__((section(".ksyms")))
#define __imm(name) [name] "i"(name)
struct bpf_iter_num { unsigned long long __opaque[1]; } __attribute__((aligned(8)));
extern int bpf_iter_num_new(struct bpf_iter_num *it, int start, int end) __ksym;
extern int *bpf_iter_num_next(struct bpf_iter_num *it) __ksym;
extern void bpf_iter_num_destroy(struct bpf_iter_num *it) __ksym;
/* Makes clang emit the kfuncs' BTF (not a test case). */
SEC("socket") int btf_anchor(void *ctx) {
  struct bpf_iter_num it; int s = 0; int *v;
  bpf_iter_num_new(&it, 0, 10);
  while ((v = bpf_iter_num_next(&it))) s += *v;
  bpf_iter_num_destroy(&it);
  return s;
}
SEC("socket") NAKED int mg_loop(void) { asm volatile(
 "r0 = 0; l0_%=: may_goto l1_%=; r0 += 1; goto l0_%=; l1_%=: r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int mg_bounded(void) { asm volatile(
 "r1 = 0; r2 = 0; *(u64 *)(r10 - 16) = r2; *(u64 *)(r10 - 8) = r2;"
 "l0_%=: may_goto l1_%=; if r1 > 15 goto l1_%=; r3 = r10; r3 += -16; r3 += r1; r2 = *(u8 *)(r3 + 0); r1 += 1; goto l0_%=;"
 "l1_%=: r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int mg_nested(void) { asm volatile(
 "r6 = 0; r7 = 0; l0_%=: may_goto l2_%=; r6 += 1; r7 = 0;"
 "l1_%=: may_goto l0_%=; r7 += 1; goto l1_%=; l2_%=: r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int mg_oob(void) { asm volatile(
 "r1 = 0; r2 = 0; *(u64 *)(r10 - 8) = r2;"
 "l0_%=: may_goto l1_%=; r3 = r10; r3 += -8; r3 += r1; r2 = *(u8 *)(r3 + 0); r1 += 1; goto l0_%=;"
 "l1_%=: r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int it_sum(void) { asm volatile(
 "r6 = 0; r1 = r10; r1 += -8; r2 = 0; r3 = 10; call %[bpf_iter_num_new];"
 "l0_%=: r1 = r10; r1 += -8; call %[bpf_iter_num_next]; if r0 == 0 goto l1_%=; r1 = *(u32 *)(r0 + 0); r6 += r1; goto l0_%=;"
 "l1_%=: r1 = r10; r1 += -8; call %[bpf_iter_num_destroy]; r0 = r6; exit;"
 :: __imm(bpf_iter_num_new), __imm(bpf_iter_num_next), __imm(bpf_iter_num_destroy) : "memory"); }
SEC("socket") NAKED int it_leak(void) { asm volatile(
 "r1 = r10; r1 += -8; r2 = 0; r3 = 10; call %[bpf_iter_num_new]; r0 = 0; exit;"
 :: __imm(bpf_iter_num_new) : "memory"); }
SEC("socket") NAKED int it_uninit(void) { asm volatile(
 "r1 = r10; r1 += -8; call %[bpf_iter_num_next]; r0 = 0; exit;"
 :: __imm(bpf_iter_num_next) : "memory"); }
SEC("socket") NAKED int it_double(void) { asm volatile(
 "r1 = r10; r1 += -8; r2 = 0; r3 = 10; call %[bpf_iter_num_new];"
 "r1 = r10; r1 += -8; r2 = 0; r3 = 10; call %[bpf_iter_num_new]; r0 = 0; exit;"
 :: __imm(bpf_iter_num_new) : "memory"); }
SEC("socket") NAKED int it_not_stack(void) { asm volatile(
 "r1 = 0; call %[bpf_iter_num_destroy]; r0 = 0; exit;"
 :: __imm(bpf_iter_num_destroy) : "memory"); }
SEC("socket") NAKED int it_read_slot(void) { asm volatile(
 "r1 = r10; r1 += -8; r2 = 0; r3 = 10; call %[bpf_iter_num_new]; r0 = *(u64 *)(r10 - 8);"
 "r1 = r10; r1 += -8; call %[bpf_iter_num_destroy]; r0 = 0; exit;"
 :: __imm(bpf_iter_num_new), __imm(bpf_iter_num_destroy) : "memory"); }
SEC("socket") NAKED int it_arr(void) { asm volatile(
 "r6 = 0; r7 = 0; *(u64 *)(r10 - 24) = r7; *(u64 *)(r10 - 32) = r7; r1 = r10; r1 += -8; r2 = 0; r3 = 10; call %[bpf_iter_num_new];"
 "l0_%=: r1 = r10; r1 += -8; call %[bpf_iter_num_next]; if r0 == 0 goto l1_%=; r6 += 1; if r6 > 15 goto l1_%=; r1 = r10; r1 += -32; r1 += r6; r2 = *(u8 *)(r1 + 0); goto l0_%=;"
 "l1_%=: r1 = r10; r1 += -8; call %[bpf_iter_num_destroy]; r0 = 0; exit;"
 :: __imm(bpf_iter_num_new), __imm(bpf_iter_num_next), __imm(bpf_iter_num_destroy) : "memory"); }
SEC("socket") NAKED int it_elem_oob(void) { asm volatile(
 "r1 = r10; r1 += -8; r2 = 0; r3 = 10; call %[bpf_iter_num_new];"
 "l0_%=: r1 = r10; r1 += -8; call %[bpf_iter_num_next]; if r0 == 0 goto l1_%=; r1 = *(u64 *)(r0 + 0); goto l0_%=;"
 "l1_%=: r1 = r10; r1 += -8; call %[bpf_iter_num_destroy]; r0 = 0; exit;"
 :: __imm(bpf_iter_num_new), __imm(bpf_iter_num_next), __imm(bpf_iter_num_destroy) : "memory"); }
char _license[] SEC("license") = "GPL";
