/* clang-22 turns every __sync_fetch_and_<op> into a fetching atomic (BPF_FETCH), even when the result is unused,
 * where clang-19 emitted the plain `lock` form: the fetching forms on every memory kind, in C (built with clang-22)
 * and naked asm. Build: clang-22 -O2 -g --target=bpf -mcpu=v3 -c clang22_cases.c -o clang22_cases.o */
#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
#define NAKED __attribute__((naked))
#define __imm_addr(name) [name]"i"(&name)
#define __uint(n, v) int (*n)[v]
#define __type(n, v) v *n
#define P(sec, name, body) SEC(sec) NAKED int name(void) { asm volatile(body :: __imm_addr(rodata), __imm_addr(arr), __imm_addr(arena) : "memory"); }
const volatile long rodata[2] = { 1, 2 };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, int); __type(value, long); } arr SEC(".maps");
struct { __uint(type, 33); __uint(map_flags, (1U << 10)); __uint(max_entries, 2); } arena SEC(".maps");
unsigned long g64; unsigned int g32;
static void *(*map_lookup)(void *map, const void *key) = (void *)1;

/* C: the counters of the selftests, as clang-22 compiles them */
SEC("socket") int c_global_counters(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&g64, 1); __sync_fetch_and_or(&g64, 2); __sync_fetch_and_and(&g64, 3);
	__sync_fetch_and_xor(&g64, 4); __sync_fetch_and_add(&g32, 1); __sync_fetch_and_sub(&g32, 5);
	return 0;
}
SEC("socket") int c_map_counter(struct __sk_buff *skb)
{
	int k = 0; long *v = map_lookup(&arr, &k);
	if (v) __sync_fetch_and_add(v, skb->len);
	return 0;
}
SEC("socket") int c_stack_counter(struct __sk_buff *skb)
{
	volatile long c = skb->len;
	__sync_fetch_and_add(&c, 1);
	return c & 1;
}
/* asm: fetching forms, result unused or used */
P("socket", f_map_add, "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[arr] ll; call 1; if r0 == 0 goto l0_%=; r1 = 1; r1 = atomic_fetch_add((u64 *)(r0 + 0), r1); l0_%=: r0 = 0; exit;")
P("socket", f_map_idx, "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[arr] ll; call 1; if r0 == 0 goto l0_%=; r1 = 1; r1 = atomic_fetch_add((u64 *)(r0 + 0), r1); r0 += r1; r0 = *(u8 *)(r0 + 0); l0_%=: r0 = 0; exit;")
P("socket", f_map_w32, "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[arr] ll; call 1; if r0 == 0 goto l0_%=; w1 = 7; w1 = atomic_fetch_xor((u32 *)(r0 + 4), w1); r1 >>= 32; r0 += r1; r0 = *(u8 *)(r0 + 0); l0_%=: r0 = 0; exit;")
P("socket", f_map_oob, "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[arr] ll; call 1; if r0 == 0 goto l0_%=; r1 = 1; r1 = atomic_fetch_or((u64 *)(r0 + 4), r1); l0_%=: r0 = 0; exit;")
P("socket", f_map_null, "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[arr] ll; call 1; r1 = 1; r1 = atomic_fetch_and((u64 *)(r0 + 0), r1); r0 = 0; exit;")
P("socket", f_rodata, "r2 = %[rodata] ll; r1 = 1; r1 = atomic_fetch_add((u64 *)(r2 + 0), r1); r0 = 0; exit;")
P("socket", f_ctx, "w2 = 1; w2 = atomic_fetch_add((u32 *)(r1 + 0), w2); r0 = 0; exit;")
P("socket", f_leak, "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[arr] ll; call 1; if r0 == 0 goto l0_%=; r1 = r10; r1 = atomic_fetch_add((u64 *)(r0 + 0), r1); l0_%=: r0 = 0; exit;")
P("socket", f_uninit_src, "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[arr] ll; call 1; if r0 == 0 goto l0_%=; r3 = atomic_fetch_add((u64 *)(r0 + 0), r3); l0_%=: r0 = 0; exit;")
P("socket", f_stack, "r1 = 5; *(u64 *)(r10 - 8) = r1; r1 = 1; r1 = atomic_fetch_add((u64 *)(r10 - 8), r1); r0 = *(u64 *)(r10 - 8); r0 = r1; exit;")
P("socket", f_stack_const, "r1 = 5; *(u64 *)(r10 - 8) = r1; r1 = 1; r1 = atomic_fetch_add((u64 *)(r10 - 8), r1); if r1 == 5 goto l0_%=; r0 = *(u64 *)(r1 + 0); l0_%=: r0 = 0; exit;")
P("socket", f_stack_uninit, "r1 = 1; r1 = atomic_fetch_add((u64 *)(r10 - 8), r1); r0 = 0; exit;")
P("socket", f_stack_ptr, "*(u64 *)(r10 - 8) = r1; r2 = 1; r2 = atomic_fetch_add((u64 *)(r10 - 8), r2); r0 = *(u32 *)(r2 + 0); r0 = 0; exit;")
P("socket", f_stack_ptr_fill, "*(u64 *)(r10 - 8) = r1; r2 = 1; r2 = atomic_fetch_add((u64 *)(r10 - 8), r2); r1 = *(u64 *)(r10 - 8); r0 = *(u32 *)(r1 + 0); r0 = 0; exit;")
P("socket", f_stack_w32, "r1 = 5; *(u64 *)(r10 - 8) = r1; w1 = 1; w1 = atomic_fetch_add((u32 *)(r10 - 8), w1); r0 = *(u64 *)(r10 - 8); r0 = r1; exit;")
P("socket", f_stack_w32_spill, "r1 = 5; *(u32 *)(r10 - 8) = r1; w1 = 1; w1 = atomic_fetch_add((u32 *)(r10 - 8), w1); if w1 == 5 goto l0_%=; r0 = *(u64 *)(r1 + 0); l0_%=: r0 = 0; exit;")
P("socket", f_stack_var, "call 7; r0 &= 8; r1 = r10; r1 += -16; r1 += r0; r2 = 0; *(u64 *)(r10 - 8) = r2; *(u64 *)(r10 - 16) = r2; r2 = 1; r2 = atomic_fetch_add((u64 *)(r1 + 0), r2); r0 = 0; exit;")
P("tc", f_pkt_skb, "r2 = *(u32 *)(r1 + 76); r3 = *(u32 *)(r1 + 80); r4 = r2; r4 += 8; if r4 > r3 goto l0_%=; r1 = 1; r1 = atomic_fetch_add((u64 *)(r2 + 0), r1); l0_%=: r0 = 0; exit;")
P("socket", f_xchg_stack, "r1 = 5; *(u64 *)(r10 - 8) = r1; r1 = 7; r1 = xchg_64(r10 - 8, r1); r0 = r1; exit;")
P("socket", f_cmpxchg_stack, "r1 = 5; *(u64 *)(r10 - 8) = r1; r0 = 5; r1 = 9; r0 = cmpxchg_64(r10 - 8, r0, r1); r0 = *(u64 *)(r10 - 8); exit;")
P("syscall", f_arena, "r1 = %[arena] ll; r1 = 0x100000000 ll; r1 = addr_space_cast(r1, 0, 1); r2 = 1; r2 = atomic_fetch_add((u64 *)(r1 + 0), r2); r0 = 0; exit;")
P("tp_btf/sched_switch", f_btf, "r1 = *(u64 *)(r1 + 8); r2 = 1; r2 = atomic_fetch_add((u64 *)(r1 + 0), r2); r0 = 0; exit;")
P("socket", l_stack_var, "call 7; r0 &= 8; r1 = r10; r1 += -16; r1 += r0; r2 = 0; *(u64 *)(r10 - 8) = r2; *(u64 *)(r10 - 16) = r2; r2 = 1; lock *(u64 *)(r1 + 0) += r2; r0 = 0; exit;")
P("socket", f_stack_var_w32, "call 7; r0 &= 4; r1 = r10; r1 += -16; r1 += r0; r2 = 0; *(u64 *)(r10 - 8) = r2; *(u64 *)(r10 - 16) = r2; w2 = 1; w2 = atomic_fetch_or((u32 *)(r1 + 0), w2); r0 = 0; exit;")
P("socket", f_stack_var_xchg, "call 7; r0 &= 8; r1 = r10; r1 += -16; r1 += r0; r2 = 0; *(u64 *)(r10 - 8) = r2; *(u64 *)(r10 - 16) = r2; r2 = 1; r2 = xchg_64(r1 + 0, r2); r0 = 0; exit;")
P("socket", f_stack_var_cmpxchg, "call 7; r0 &= 8; r1 = r10; r1 += -16; r1 += r0; r2 = 0; *(u64 *)(r10 - 8) = r2; *(u64 *)(r10 - 16) = r2; r0 = 0; r2 = 1; r0 = cmpxchg_64(r1 + 0, r0, r2); r0 = 0; exit;")
P("socket", f_stack_var_misalign, "call 7; r0 &= 4; r1 = r10; r1 += -16; r1 += r0; r2 = 0; *(u64 *)(r10 - 8) = r2; *(u64 *)(r10 - 16) = r2; r2 = 1; r2 = atomic_fetch_add((u64 *)(r1 + 0), r2); r0 = 0; exit;")
P("socket", f_stack_var_oob, "call 7; r0 &= 8; r1 = r10; r1 += -8; r1 += r0; r2 = 0; *(u64 *)(r10 - 8) = r2; r2 = 1; r2 = atomic_fetch_add((u64 *)(r1 + 0), r2); r0 = 0; exit;")
P("socket", f_stack_var_uninit, "call 7; r0 &= 8; r1 = r10; r1 += -16; r1 += r0; r2 = 1; r2 = atomic_fetch_add((u64 *)(r1 + 0), r2); r0 = 0; exit;")
char _license[] SEC("license") = "GPL";
