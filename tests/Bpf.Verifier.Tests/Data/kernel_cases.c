#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
#define NAKED __attribute__((naked))
struct { int (*type)[BPF_MAP_TYPE_ARRAY]; int (*key_size)[4]; int (*value_size)[8]; int (*max_entries)[1]; } m_array SEC(".maps");
struct { int (*type)[BPF_MAP_TYPE_HASH]; int (*key_size)[8]; int (*value_size)[8]; int (*max_entries)[16]; } m_hash SEC(".maps");

SEC("socket") NAKED int map_ptr_add_zero(void) { asm volatile(
 "r1 = %[m] ll; r1 += 0; r2 = r10; r2 += -8; r3 = 0; *(u32 *)(r10 - 8) = r3;"
 "call 1; r0 = 0; exit;" :: [m]"i"(&m_array) : "memory"); }
SEC("socket") NAKED int zero_add_map_ptr(void) { asm volatile(
 "r6 = %[m] ll; r1 = 0; r1 += r6; r2 = r10; r2 += -8; r3 = 0; *(u32 *)(r10 - 8) = r3;"
 "call 1; r0 = 0; exit;" :: [m]"i"(&m_array) : "memory"); }
SEC("socket") NAKED int map_ptr_add_one(void) { asm volatile(
 "r1 = %[m] ll; r1 += 1; r0 = 0; exit;" :: [m]"i"(&m_array) : "memory"); }
SEC("socket") NAKED int map_ptr_add_reg_one(void) { asm volatile(
 "r1 = %[m] ll; r2 = 1; r1 += r2; r0 = 0; exit;" :: [m]"i"(&m_array) : "memory"); }
SEC("socket") NAKED int r0_not_init(void) { asm volatile("exit;" ::: "memory"); }
SEC("socket") NAKED int r2_not_init(void) { asm volatile("r0 = r2; exit;" ::: "memory"); }
SEC("socket") NAKED int map_value_oob(void) { asm volatile(
 "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[m] ll; call 1;"
 "if r0 == 0 goto l0_%=; r1 = *(u64 *)(r0 + 8); l0_%=: r0 = 0; exit;" :: [m]"i"(&m_array) : "memory"); }
SEC("socket") NAKED int map_value_or_null_deref(void) { asm volatile(
 "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[m] ll; call 1;"
 "r1 = *(u64 *)(r0 + 0); r0 = 0; exit;" :: [m]"i"(&m_array) : "memory"); }
SEC("socket") NAKED int spill_fill_ptr(void) { asm volatile(
 "*(u64 *)(r10 - 8) = r1; r2 = *(u64 *)(r10 - 8); r0 = *(u32 *)(r2 + 0); exit;" ::: "memory"); }
SEC("socket") NAKED int ctx_modified(void) { asm volatile(
 "r1 += 4; r0 = *(u32 *)(r1 + 0); exit;" ::: "memory"); }
SEC("socket") NAKED int ctx_bad_off(void) { asm volatile(
 "r0 = *(u32 *)(r1 + 200); exit;" ::: "memory"); }
SEC("socket") NAKED int stack_uninit_read(void) { asm volatile(
 "r0 = *(u64 *)(r10 - 8); r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int stack_oob(void) { asm volatile(
 "r0 = 0; *(u64 *)(r10 + 8) = r0; exit;" ::: "memory"); }
SEC("socket") NAKED int map_key_on_stack_bad(void) { asm volatile(
 "r2 = r10; r2 += -4; r1 = %[m] ll; r3 = 0; *(u32 *)(r10 - 4) = r3; call 1; r0 = 0; exit;" :: [m]"i"(&m_hash) : "memory"); }
SEC("socket") NAKED int bounded_loop(void) { asm volatile(
 "r1 = 0; l0_%=: r1 += 1; if r1 < 10 goto l0_%=; r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int branch_const(void) { asm volatile(
 "call 7; r1 = r0; r0 = 0; if r1 > 5 goto l0_%=; r0 = 1; l0_%=: exit;" ::: "memory"); }
SEC("socket") NAKED int map_update(void) { asm volatile(
 "r1 = 0; *(u64 *)(r10 - 8) = r1; *(u64 *)(r10 - 16) = r1; r2 = r10; r2 += -8; r3 = r10; r3 += -16;"
 "r1 = %[m] ll; r4 = 0; call 2; r0 = 0; exit;" :: [m]"i"(&m_hash) : "memory"); }
SEC("xdp") NAKED int xdp_pkt(void) { asm volatile(
 "r2 = *(u32 *)(r1 + 0); r3 = *(u32 *)(r1 + 4); r4 = r2; r4 += 14; if r4 > r3 goto l0_%=;"
 "r0 = *(u8 *)(r2 + 13); l0_%=: r0 = 2; exit;" ::: "memory"); }
SEC("xdp") NAKED int xdp_pkt_oob(void) { asm volatile(
 "r2 = *(u32 *)(r1 + 0); r3 = *(u32 *)(r1 + 4); r4 = r2; r4 += 14; if r4 > r3 goto l0_%=;"
 "r0 = *(u8 *)(r2 + 14); l0_%=: r0 = 2; exit;" ::: "memory"); }
SEC("socket") NAKED int subprog_call(void) { asm volatile(
 "r1 = 1; call sub_%=; exit; sub_%=: r0 = r1; r0 += 1; exit;" ::: "memory"); }
char _license[] SEC("license") = "GPL";
