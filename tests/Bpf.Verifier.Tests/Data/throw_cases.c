// Build: clang-19 -O2 -g --target=bpf -mcpu=v3 -I/usr/include/x86_64-linux-gnu -c THIS.c
// bpf_throw from a subprogram that holds a socket reference: the exceptional exit checks references in every frame.
#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
#define NAKED __attribute__((naked))
extern void bpf_throw(unsigned long long cookie) __attribute__((section(".ksyms"))) __attribute__((weak));
__attribute__((noinline, naked, used)) static int sub_leak(void) { asm volatile(
 "r2 = 0; *(u64 *)(r10 - 8) = r2; *(u64 *)(r10 - 16) = r2; r2 = r10; r2 += -16; r3 = 12; r4 = 0; r5 = 0; call 84;"
 "if r0 == 0 goto out_%=; r1 = 0; call bpf_throw; out_%=: r0 = 0; exit;" ::: "memory"); }
__attribute__((noinline, naked, used)) static int sub_released(void) { asm volatile(
 "r2 = 0; *(u64 *)(r10 - 8) = r2; *(u64 *)(r10 - 16) = r2; r2 = r10; r2 += -16; r3 = 12; r4 = 0; r5 = 0; call 84;"
 "if r0 == 0 goto out_%=; r1 = r0; call 86; r1 = 0; call bpf_throw; out_%=: r0 = 0; exit;" ::: "memory"); }
SEC("tc") NAKED int throw_sub_ref(void) { asm volatile("call %[s]; r0 = 0; exit;" :: [s]"i"(sub_leak) : "memory"); }
SEC("tc") NAKED int throw_sub_ref_released(void) { asm volatile("call %[s]; r0 = 0; exit;" :: [s]"i"(sub_released) : "memory"); }
SEC("tc") int use_throw(void *ctx) { bpf_throw(0); return 0; }
char _license[] SEC("license") = "GPL";
