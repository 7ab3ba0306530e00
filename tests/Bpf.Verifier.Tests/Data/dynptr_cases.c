#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
#define NAKED __attribute__((naked))
struct { int (*type)[BPF_MAP_TYPE_ARRAY]; int (*max_entries)[1]; __u32 *key; __u64 *value; } m_array SEC(".maps");
struct { int (*type)[BPF_MAP_TYPE_HASH]; int (*max_entries)[16]; __u64 *key; __u64 *value; } m_hash SEC(".maps");
struct { int (*type)[BPF_MAP_TYPE_RINGBUF]; int (*max_entries)[4096]; } m_ringbuf SEC(".maps");
#define RESERVE "r1 = %[m_ringbuf] ll; r2 = 8; r3 = 0; r4 = r10; r4 += -16; call 198;"
#define FROM_MEM "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[m_array] ll; call 1; if r0 == 0 goto l9_%=;" \
  "r1 = r0; r2 = 8; r3 = 0; r4 = r10; r4 += -16; call 197;"
#define MAPS [m_ringbuf] "i"(&m_ringbuf), [m_array] "i"(&m_array)
SEC("socket") NAKED int rb_ok(void) { asm volatile(RESERVE
 "r1 = r10; r1 += -16; r2 = 0; call 200; r0 = 0; exit;" :: MAPS : "memory"); }
SEC("socket") NAKED int rb_leak(void) { asm volatile(RESERVE "r0 = 0; exit;" :: MAPS : "memory"); }
SEC("socket") NAKED int rb_overwrite(void) { asm volatile(RESERVE "r0 = 0; *(u64 *)(r10 - 8) = r0; exit;" :: MAPS : "memory"); }
SEC("socket") NAKED int rb_release_twice(void) { asm volatile(RESERVE
 "r1 = r10; r1 += -16; r2 = 0; call 200; r1 = r10; r1 += -16; r2 = 0; call 200; r0 = 0; exit;" :: MAPS : "memory"); }
SEC("socket") NAKED int rb_data_after_submit(void) { asm volatile(RESERVE
 "r1 = r10; r1 += -16; r2 = 0; r3 = 8; call 203; if r0 == 0 goto l0_%=; r6 = r0;"
 "r1 = r10; r1 += -16; r2 = 0; call 199; r0 = *(u64 *)(r6 + 0); r0 = 0; exit;"
 "l0_%=: r1 = r10; r1 += -16; r2 = 0; call 199; r0 = 0; exit;" :: MAPS : "memory"); }
SEC("socket") NAKED int uninit_data(void) { asm volatile(
 "r1 = r10; r1 += -16; r2 = 0; r3 = 8; call 203; r0 = 0; exit;" :: MAPS : "memory"); }
SEC("socket") NAKED int from_mem_stack(void) { asm volatile(
 "r1 = r10; r1 += -32; r2 = 8; r3 = 0; r4 = r10; r4 += -16; call 197; r0 = 0; exit;" :: MAPS : "memory"); }
SEC("socket") NAKED int from_mem_data_ok(void) { asm volatile(FROM_MEM
 "r1 = r10; r1 += -16; r2 = 0; r3 = 8; call 203; if r0 == 0 goto l9_%=; r0 = *(u64 *)(r0 + 0); l9_%=: r0 = 0; exit;" :: MAPS : "memory"); }
SEC("socket") NAKED int from_mem_data_oob(void) { asm volatile(FROM_MEM
 "r1 = r10; r1 += -16; r2 = 0; r3 = 4; call 203; if r0 == 0 goto l9_%=; r0 = *(u64 *)(r0 + 0); l9_%=: r0 = 0; exit;" :: MAPS : "memory"); }
SEC("socket") NAKED int from_mem_clobbered(void) { asm volatile(FROM_MEM
 "r0 = 0; *(u64 *)(r10 - 8) = r0; r1 = r10; r1 += -16; r2 = 0; r3 = 8; call 203; l9_%=: r0 = 0; exit;" :: MAPS : "memory"); }
SEC("socket") NAKED int odd_offset(void) { asm volatile(
 "r1 = %[m_ringbuf] ll; r2 = 8; r3 = 0; r4 = r10; r4 += -20; call 198; r0 = 0; exit;" :: MAPS : "memory"); }
SEC("socket") NAKED int read_into_dynptr(void) { asm volatile(FROM_MEM
 "r1 = r10; r1 += -16; r2 = 8; r3 = r10; r3 += -16; r4 = 0; r5 = 0; call 201; l9_%=: r0 = 0; exit;" :: MAPS : "memory"); }
SEC("socket") NAKED int rb_wrong_kind(void) { asm volatile(FROM_MEM
 "r1 = r10; r1 += -16; r2 = 0; call 199; l9_%=: r0 = 0; exit;" :: MAPS : "memory"); }
SEC("socket") NAKED int dynptr_map_value(void) { asm volatile(
 "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[m_array] ll; call 1; if r0 == 0 goto l9_%=;"
 "r1 = r0; r2 = 0; r3 = 8; call 203; l9_%=: r0 = 0; exit;" :: MAPS : "memory"); }
char _license[] SEC("license") = "GPL";
