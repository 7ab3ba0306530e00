/* Precision tracking and pruning cases; expectations from veristat (6.18), some with -t. */
#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
#define CLOBBERS "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "memory"

/* The spilled constant is backtracked through the fill and the spill. */
SEC("socket") __attribute__((naked)) int spill_fill_precise(void)
{
	asm volatile (
	"call 7; r6 = r0; r1 = 8; if r6 > 100 goto l1_%=; r1 = 16;"
"l1_%=: r7 = r1; *(u64 *)(r10 - 24) = r7; r3 = *(u64 *)(r10 - 24);"
	"r2 = r10; r2 += -32; r2 += r3; r0 = 0; *(u64 *)(r2 + 0) = r0; exit;"
	::: CLOBBERS);
}

/* r1 differs between the paths but is never relied on: the second path is pruned (-t). */
SEC("socket") __attribute__((naked)) int imprecise_pruned(void)
{
	asm volatile (
	"call 7; r6 = r0; r1 = 1; if r6 > 10 goto l1_%=; r1 = 2;"
"l1_%=: r2 = r1; r0 = 0; exit;"
	::: CLOBBERS);
}

/* r1 becomes a stack offset: precise in the checkpoint, so the second path is explored (-t). */
SEC("socket") __attribute__((naked)) int precise_not_pruned(void)
{
	asm volatile (
	"call 7; r6 = r0; r1 = 0; if r6 > 10 goto l1_%=; r1 = 8;"
"l1_%=: r2 = r10; r2 += -16; r2 += r1; r0 = 0; *(u64 *)(r2 + 0) = r0; exit;"
	::: CLOBBERS);
}

/* A branch decided on a constant makes the constant precise (is_branch_taken). */
SEC("socket") __attribute__((naked)) int branch_taken_precise(void)
{
	asm volatile (
	"call 7; r6 = r0; r1 = 3; if r6 > 10 goto l1_%=; r1 = 5;"
"l1_%=: if r1 == 3 goto l2_%=; r0 = 0; exit;"
"l2_%=: r0 = 1; exit;"
	::: CLOBBERS);
}

/* Linked scalars: precision of r7 also reaches r6, compared by id (check_ids). */
SEC("socket") __attribute__((naked)) int linked_regs_precise(void)
{
	asm volatile (
	"call 7; r0 &= 0xff; r6 = r0; r7 = r0; if r6 > 7 goto l1_%=; r1 = r10; r1 += -8; r1 += r7; r0 = 0; *(u8 *)(r1 + 0) = r0;"
"l1_%=: r0 = 0; exit;"
	::: CLOBBERS);
}
/* Two different constants spilled to fp-8 and never relied on: the second path is pruned (-t). */
SEC("socket") __attribute__((naked)) int imprecise_spill_pruned(void)
{
	asm volatile (
	"call 7; r6 = r0; r1 = 1; if r6 > 10 goto l1_%=; r1 = 2;"
"l1_%=: *(u64 *)(r10 - 8) = r1; r0 = 0; exit;"
	::: CLOBBERS);
}
char _license[] SEC("license") = "GPL";
