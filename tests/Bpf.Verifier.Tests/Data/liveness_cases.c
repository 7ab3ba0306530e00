/* Stack liveness (Linux 6.18 kernel/bpf/liveness.c) cases for tests/Bpf.Verifier.Tests/LivenessTests.cs.
 * Build: clang-19 -O2 -g --target=bpf -mcpu=v3 -c liveness_cases.c; expectations: veristat -vl2 on Linux 6.18. */
#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
#define __naked __attribute__((naked))
char _license[] SEC("license") = "GPL";

/* A slot written on one branch only stays live up to the write. */
SEC("socket")
__naked int simple(void)
{
	asm volatile (
	"r1 = 0;"
	"*(u64 *)(r10 - 8) = r1;"
	"call %[bpf_get_prandom_u32];"
	"if r0 > 5 goto l0_%=;"
	"*(u64 *)(r10 - 16) = r0;"
	"l0_%=:"
	"r2 = *(u64 *)(r10 - 8);"
	"r0 = 0;"
	"exit;"
	:: [bpf_get_prandom_u32]"i"(BPF_FUNC_get_prandom_u32) : "memory");
}

/* The callee reads and always writes its caller's fp-8: marks move to the call instruction. */
SEC("socket")
__naked int withcall(void)
{
	asm volatile (
	"r1 = 0;"
	"*(u64 *)(r10 - 8) = r1;"
	"*(u64 *)(r10 - 16) = r1;"
	"r1 = r10;"
	"r1 += -8;"
	"call sub1;"
	"call %[bpf_get_prandom_u32];"
	"if r0 > 5 goto l0_%=;"
	"r0 = *(u64 *)(r10 - 16);"
	"l0_%=:"
	"r0 = 0;"
	"exit;"
	:: [bpf_get_prandom_u32]"i"(BPF_FUNC_get_prandom_u32) : "memory");
}

__attribute__((noinline, used)) static __naked void sub1(void)
{
	asm volatile (
	"r2 = *(u64 *)(r1 + 0);"
	"r3 = 1;"
	"*(u64 *)(r10 - 8) = r3;"
	"*(u64 *)(r1 + 0) = r3;"
	"call %[bpf_get_prandom_u32];"
	"if r0 > 3 goto l1_%=;"
	"r0 = *(u64 *)(r10 - 8);"
	"l1_%=:"
	"r0 = 0;"
	"exit;"
	:: [bpf_get_prandom_u32]"i"(BPF_FUNC_get_prandom_u32) : "memory");
}

/* fp-8 holds a pointer on one path and a scalar on the other; the callee always overwrites it before the caller
 * reads it again, so at the join the slot is dead and the second path is pruned. */
SEC("socket")
__naked int callee_kills(void)
{
	asm volatile (
	"r6 = r1;"
	"call %[bpf_get_prandom_u32];"
	"if r0 > 5 goto l0_%=;"
	"*(u64 *)(r10 - 8) = r6;"
	"goto l1_%=;"
	"l0_%=:"
	"r1 = 7;"
	"*(u64 *)(r10 - 8) = r1;"
	"l1_%=:"
	"r1 = r10;"
	"r1 += -8;"
	"call sub_write;"
	"r0 = *(u64 *)(r10 - 8);"
	"r0 = 0;"
	"exit;"
	:: [bpf_get_prandom_u32]"i"(BPF_FUNC_get_prandom_u32) : "memory");
}

__attribute__((noinline, used)) static __naked void sub_write(void)
{
	asm volatile (
	"r2 = 42;"
	"*(u64 *)(r1 + 0) = r2;"
	"r0 = 0;"
	"exit;"
	::: "memory");
}

/* Same, but the callee reads the slot first: it stays live and both paths are explored. */
SEC("socket")
__naked int callee_reads(void)
{
	asm volatile (
	"r6 = r1;"
	"call %[bpf_get_prandom_u32];"
	"if r0 > 5 goto l0_%=;"
	"*(u64 *)(r10 - 8) = r6;"
	"goto l1_%=;"
	"l0_%=:"
	"r1 = 7;"
	"*(u64 *)(r10 - 8) = r1;"
	"l1_%=:"
	"r1 = r10;"
	"r1 += -8;"
	"call sub_read;"
	"r0 = 0;"
	"exit;"
	:: [bpf_get_prandom_u32]"i"(BPF_FUNC_get_prandom_u32) : "memory");
}

__attribute__((noinline, used)) static __naked void sub_read(void)
{
	asm volatile (
	"r2 = *(u64 *)(r1 + 0);"
	"r0 = 0;"
	"exit;"
	::: "memory");
}

/* A slot written on only one path of the callee is not surely written: it stays live at the call. */
SEC("socket")
__naked int callee_maybe_writes(void)
{
	asm volatile (
	"r6 = r1;"
	"call %[bpf_get_prandom_u32];"
	"if r0 > 5 goto l0_%=;"
	"*(u64 *)(r10 - 8) = r6;"
	"goto l1_%=;"
	"l0_%=:"
	"r1 = 7;"
	"*(u64 *)(r10 - 8) = r1;"
	"l1_%=:"
	"r1 = r10;"
	"r1 += -8;"
	"call sub_maybe;"
	"r0 = *(u64 *)(r10 - 8);"
	"r0 = 0;"
	"exit;"
	:: [bpf_get_prandom_u32]"i"(BPF_FUNC_get_prandom_u32) : "memory");
}

__attribute__((noinline, used)) static __naked void sub_maybe(void)
{
	asm volatile (
	"r6 = r1;"
	"call %[bpf_get_prandom_u32];"
	"if r0 > 5 goto l0_%=;"
	"r2 = 42;"
	"*(u64 *)(r6 + 0) = r2;"
	"l0_%=:"
	"r0 = 0;"
	"exit;"
	:: [bpf_get_prandom_u32]"i"(BPF_FUNC_get_prandom_u32) : "memory");
}

/* A helper reads fp-16..fp-1 through its memory argument. */
SEC("tc")
__naked int helper_reads(void)
{
	asm volatile (
	"r1 = 0;"
	"*(u64 *)(r10 - 8) = r1;"
	"*(u64 *)(r10 - 16) = r1;"
	"call %[bpf_get_prandom_u32];"
	"if r0 > 5 goto l0_%=;"
	"*(u64 *)(r10 - 24) = r0;"
	"l0_%=:"
	"r1 = r10;"
	"r1 += -16;"
	"r2 = 16;"
	"r3 = 0;"
	"r4 = 0;"
	"r5 = 0;"
	"call %[bpf_csum_diff];"
	"r0 = 0;"
	"exit;"
	:: [bpf_get_prandom_u32]"i"(BPF_FUNC_get_prandom_u32), [bpf_csum_diff]"i"(BPF_FUNC_csum_diff) : "memory");
}
