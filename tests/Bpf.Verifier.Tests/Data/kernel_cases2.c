#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
#define NAKED __attribute__((naked))
SEC("socket") NAKED int inf_loop(void) { asm volatile("r0 = 0; l0_%=: if r0 == 0 goto l0_%=; exit;" ::: "memory"); }
SEC("socket") NAKED int fp_ro(void) { asm volatile("r10 = 0; r0 = 0; exit;" ::: "memory"); }
static __attribute__((noinline)) int add1(int x) { return x + 1; }
SEC("socket") int subprog_call(struct __sk_buff *skb) { return add1(skb->len) & 1; }
char _license[] SEC("license") = "GPL";
