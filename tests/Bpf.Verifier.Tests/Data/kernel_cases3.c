#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
#define NAKED __attribute__((naked))
SEC("socket") NAKED int linked_regs(void) { asm volatile(
 "call 7; r1 = r0; if r1 > 3 goto l0_%=; r2 = 0; *(u64 *)(r10 - 8) = r2; r3 = r10; r3 += -8; r3 += r0;"
 "r0 = *(u8 *)(r3 + 0); l0_%=: r0 = 0; exit;" ::: "memory"); }
SEC("xdp") NAKED int meta_ok(void) { asm volatile(
 "r2 = *(u32 *)(r1 + 8); r3 = *(u32 *)(r1 + 0); r1 = r2; r1 += 8; if r1 > r3 goto l0_%=; r0 = *(u64 *)(r1 - 8); l0_%=: r0 = 2; exit;" ::: "memory"); }
SEC("socket") NAKED int printk_ok(void) { asm volatile(
 "r1 = 0x0a; *(u64 *)(r10 - 8) = r1; r1 = r10; r1 += -8; r2 = 8; call 6; r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int probe_read_null(void) { asm volatile(
 "r1 = 0; r2 = 0; r3 = 0; call 113; r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int stack_var_off_read(void) { asm volatile(
 "r1 = 0; *(u64 *)(r10 - 16) = r1; *(u64 *)(r10 - 8) = r1; call 7; r0 &= 8; r1 = r10; r1 += -16; r1 += r0;"
 "r0 = *(u64 *)(r1 + 0); r0 = 0; exit;" ::: "memory"); }
char _license[] SEC("license") = "GPL";
