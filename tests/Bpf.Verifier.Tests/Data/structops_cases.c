/*
 * Cases of StructOpsArenaTests.cs, checked with veristat on the live 6.18 kernel.
 * Build: clang-19 -O2 -g --target=bpf -mcpu=v3 -I/usr/include/$(uname -m)-linux-gnu -I<linux>/tools/lib -c
 * (vmlinux.h from the 6.18 BTF). libbpf loads a struct_ops object's programs together, so each struct_ops case
 * was built as an object of its own: keep one STRUCT_OPS_CASE per file (-DCASE=...) when rebuilding.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#define NAKED __attribute__((naked))
#define __imm(name) [name]"i"(name)
#define __imm_addr(name) [name]"i"(&name)
char _license[] SEC("license") = "GPL";

extern __u32 tcp_reno_undo_cwnd(struct sock *sk) __ksym;
extern void *bpf_arena_alloc_pages(void *map, void *addr, __u32 page_cnt, int node_id, __u64 flags) __ksym;
extern void bpf_arena_free_pages(void *map, void *ptr, __u32 page_cnt) __ksym;

#define STRUCT_OPS_CASE(fn, mbr, body) \
	SEC("struct_ops") NAKED void fn(void) { asm volatile(body :: __imm(tcp_reno_undo_cwnd) : "memory"); } \
	SEC(".struct_ops") struct tcp_congestion_ops m_##fn = { .mbr = (void *)fn, .name = "m_" #fn };

#if CASE == 1
STRUCT_OPS_CASE(h_void, init, "exit;")                                       /* success, 1 insn */
#elif CASE == 2
STRUCT_OPS_CASE(h_jiffies, ssthresh, "call 118; r0 = 0; exit;")              /* success, 3 */
#elif CASE == 3
STRUCT_OPS_CASE(h_coarse, ssthresh, "call 160; r0 = 0; exit;")               /* success, 3 */
#elif CASE == 4
STRUCT_OPS_CASE(h_sendack, ssthresh, "r1 = *(u64 *)(r1 + 0); r2 = 0; call 116; r0 = 0; exit;") /* success, 5 */
#elif CASE == 5
STRUCT_OPS_CASE(h_skb_load, ssthresh, "call 26; r0 = 0; exit;")              /* cannot use helper bpf_skb_load_bytes#26, 1 */
#elif CASE == 6
STRUCT_OPS_CASE(h_release_getsockopt, release, "r1 = *(u64 *)(r1 + 0); call 57; exit;") /* cannot use helper bpf_getsockopt#57, 2 */
#elif CASE == 7
STRUCT_OPS_CASE(w_pend, ssthresh, "r1 = *(u64 *)(r1 + 0); r2 = 1; *(u8 *)(r1 + 1256) = r2; r0 = 0; exit;")  /* success, 5 */
#elif CASE == 8
STRUCT_OPS_CASE(w_pend1, ssthresh, "r1 = *(u64 *)(r1 + 0); r2 = 1; *(u8 *)(r1 + 1257) = r2; r0 = 0; exit;") /* no write support, 3 */
#elif CASE == 9
STRUCT_OPS_CASE(w_488, ssthresh, "r1 = *(u64 *)(r1 + 0); r2 = 1; *(u64 *)(r1 + 488) = r2; r0 = 0; exit;")   /* success, 5 */
#elif CASE == 10
STRUCT_OPS_CASE(w_1944, ssthresh, "r1 = *(u64 *)(r1 + 0); r2 = 1; *(u32 *)(r1 + 1944) = r2; r0 = 0; exit;") /* success, 5 */
#elif CASE == 11
SEC("struct_ops") NAKED void k_undo(void) { asm volatile(                       /* success, 3 */
 "r1 = *(u64 *)(r1 + 0); call %[tcp_reno_undo_cwnd]; exit;" :: __imm(tcp_reno_undo_cwnd) : "memory"); }
/* A C caller keeps the kfunc's declaration in BTF (the naked program only names it in asm). */
SEC("struct_ops") __u32 k_root(unsigned long long *ctx) { return tcp_reno_undo_cwnd((struct sock *)ctx[0]); }
SEC(".struct_ops") struct tcp_congestion_ops m_k_undo = { .undo_cwnd = (void *)k_undo, .ssthresh = (void *)k_root, .name = "m_k_undo" };
#elif CASE == 12
SEC("tc") NAKED int k_tc(void) { asm volatile(                                   /* not allowed, 2 */
 "r1 = 0; call %[tcp_reno_undo_cwnd]; r0 = 0; exit;" :: __imm(tcp_reno_undo_cwnd) : "memory"); }
SEC("tc") int k_tc_root(void *ctx) { return tcp_reno_undo_cwnd(0); }
#elif CASE == 13
SEC("syscall") NAKED int arena_cast_no_arena(void) { asm volatile(
 "r0 = 0; r1 = addr_space_cast(r0, 0, 1); r0 = 0; exit;" ::: "memory"); } /* no associated arena, 2 */
#elif CASE == 0
struct {
	__uint(type, BPF_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 2);
} arena SEC(".maps");

SEC("syscall") NAKED int arena_rw(void) { asm volatile(                        /* success, 22 insns, 1 state */
 "r1 = %[arena] ll; r2 = 0; w3 = 1; w4 = -1; r5 = 0; call %[bpf_arena_alloc_pages];"
 "if r0 == 0 goto l0_%=; r6 = r0; r1 = addr_space_cast(r0, 0, 1); w2 = 5; *(u32 *)(r1 + 0) = r2;"
 "r3 = *(u64 *)(r1 + 8); r1 += r3; r0 = *(u8 *)(r1 + 0); r7 = addr_space_cast(r6, 1, 0);"
 "r1 = %[arena] ll; r2 = r6; w3 = 1; call %[bpf_arena_free_pages]; l0_%=: r0 = 0; exit;"
 :: __imm_addr(arena), __imm(bpf_arena_alloc_pages), __imm(bpf_arena_free_pages) : "memory"); }
SEC("syscall") NAKED int arena_cast_bad_imm(void) { asm volatile(              /* only address space 1 and 0, 3 */
 "r1 = %[arena] ll; r0 = 0; r1 = addr_space_cast(r0, 0, 2); r0 = 0; exit;" :: __imm_addr(arena) : "memory"); }
SEC("tc") NAKED int arena_alloc_not_sleepable(void) { asm volatile(            /* must be sleepable, 6 */
 "r1 = %[arena] ll; r2 = 0; w3 = 1; w4 = -1; r5 = 0; call %[bpf_arena_alloc_pages]; r0 = 0; exit;"
 :: __imm_addr(arena), __imm(bpf_arena_alloc_pages) : "memory"); }
SEC("syscall") NAKED int arena_alloc_bad_map(void) { asm volatile(             /* Possibly NULL pointer ... arg0, 6 */
 "r1 = 0; r2 = 0; w3 = 1; w4 = -1; r5 = 0; call %[bpf_arena_alloc_pages]; r0 = 0; exit;"
 :: __imm(bpf_arena_alloc_pages) : "memory"); }
/* Keeps the kfunc declarations in BTF: the naked programs only name them in asm. */
SEC("syscall") int arena_btf_root(void *ctx)
{
	bpf_arena_free_pages(&arena, 0, 0);
	return bpf_arena_alloc_pages(&arena, 0, 0, -1, 0) != 0;
}
#endif

/* Arena pointer operations (ed.c / at.c, one object with the arena map); expectations in ArenaPointerOperations. */
#if CASE == 14
struct {
	__uint(type, BPF_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 2);
} arena SEC(".maps");
#define P(n, body) SEC("syscall") NAKED int n(void) { asm volatile( \
 "r1 = %[arena] ll; r0 = 0; r1 = addr_space_cast(r0, 0, 1);" body :: __imm_addr(arena) : "memory"); }
P(e_alu32, "w1 += 8; r0 = *(u64 *)(r1 + 0); r0 = 0; exit;")
P(e_mov32, "w2 = w1; r0 = *(u64 *)(r2 + 0); r0 = 0; exit;")
P(e_neg, "r1 = -r1; r0 = *(u64 *)(r1 + 0); r0 = 0; exit;")
P(e_cmp, "r2 = 5; if r1 > r2 goto l0_%=; r0 = *(u64 *)(r1 + 0); l0_%=: r0 = 0; exit;")
P(e_helper, "r2 = 8; r3 = 0; call 113; r0 = 0; exit;")
P(e_spill, "*(u64 *)(r10 - 8) = r1; r3 = *(u64 *)(r10 - 8); r0 = *(u64 *)(r3 + 0); r0 = 0; exit;")
P(e_scalar_plus, "r2 = 4; r2 += r1; r0 = *(u64 *)(r2 + 0); r0 = 0; exit;")
P(e_ret, "r0 = r1; exit;")
P(e_sx, "r0 = *(s32 *)(r1 + 0); r0 = 0; exit;") /* -mcpu=v4 */
P(e_st, "*(u64 *)(r1 + 0) = 7; r0 = 0; exit;")
P(e_bswap, "r1 = be16 r1; r0 = *(u64 *)(r1 + 0); r0 = 0; exit;")
P(e_mul, "r2 = 3; r1 *= r2; r0 = *(u64 *)(r1 + 0); r0 = 0; exit;")
P(e_sub_ptrs, "r2 = r10; r1 -= r2; r0 = 0; exit;")
P(e_ptr_store, "*(u64 *)(r1 + 0) = r10; r0 = 0; exit;")
P(at_or_fetch, "r2 = 1; r2 = atomic_fetch_or((u64 *)(r1 + 0), r2); r0 = 0; exit;")
P(at_add, "r2 = 1; lock *(u64 *)(r1 + 0) += r2; r2 = atomic_fetch_add((u64 *)(r1 + 0), r2); r0 = 0; exit;")
#endif

/* get_smp_processor_id's range (socket filter, built without vmlinux.h): processed 4 insns. */
#if CASE == 15
SEC("socket") NAKED int smp_range(void) { asm volatile("call 8; if r0 > 1 goto l0_%=; r0 = 0; exit; l0_%=: r0 = 1; exit;" ::: "memory"); }
#endif
