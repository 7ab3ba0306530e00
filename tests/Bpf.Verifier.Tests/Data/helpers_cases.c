/* Helper-call cases for HelperTests.cs; expectations from veristat on the 6.18 kernel. */
#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
#define NAKED __attribute__((naked))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, int); __type(value, long); } m_array SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } m_ringbuf SEC(".maps");


SEC("socket") NAKED int cannot_use(void) { asm volatile(
 "r2 = 0; r3 = r10; r3 += -8; r4 = 1; r5 = 0; call 9; r0 = 0; exit;" ::: "memory"); }
SEC("tc") NAKED int sk_leak(void) { asm volatile(
 "r2 = 0; *(u64 *)(r10 - 8) = r2; *(u64 *)(r10 - 16) = r2; r2 = r10; r2 += -16; r3 = 12; r4 = 0; r5 = 0;"
 "call 84; r0 = 0; exit;" ::: "memory"); }
SEC("tc") NAKED int sk_release_ok(void) { asm volatile(
 "r2 = 0; *(u64 *)(r10 - 8) = r2; *(u64 *)(r10 - 16) = r2; r2 = r10; r2 += -16; r3 = 12; r4 = 0; r5 = 0;"
 "call 84; if r0 == 0 goto l0_%=; r1 = r0; call 86; l0_%=: r0 = 0; exit;" ::: "memory"); }
SEC("tc") NAKED int release_null(void) { asm volatile(
 "r1 = 0; call 86; r0 = 0; exit;" ::: "memory"); }
SEC("tc") NAKED int release_unreferenced(void) { asm volatile(
 "r1 = *(u64 *)(r1 + 168); if r1 == 0 goto l0_%=; call 86; l0_%=: r0 = 0; exit;" ::: "memory"); }
SEC("xdp") NAKED int pkt_invalidated(void) { asm volatile(
 "r6 = r1; r2 = *(u32 *)(r1 + 0); r3 = *(u32 *)(r1 + 4); r4 = r2; r4 += 8; if r4 > r3 goto l0_%=;"
 "r7 = r2; r1 = r6; r2 = 0; call 44; r0 = *(u8 *)(r7 + 0); l0_%=: r0 = 2; exit;" ::: "memory"); }
SEC("socket") NAKED int tail_call_array(void) { asm volatile(
 "r2 = %[m_array] ll; r3 = 0; call 12; r0 = 0; exit;" :: [m_array]"i"(&m_array) : "memory"); }
SEC("tc") NAKED int csum_diff_null(void) { asm volatile(
 "r1 = 0; r2 = 0; r3 = 0; r4 = 0; r5 = 0; call 28; r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int ringbuf_ok(void) { asm volatile(
 "r1 = %[m_ringbuf] ll; r2 = 8; r3 = 0; call 131; if r0 == 0 goto l0_%=; r1 = r0; r2 = 0; call 132; l0_%=: r0 = 0; exit;"
 :: [m_ringbuf]"i"(&m_ringbuf) : "memory"); }
SEC("socket") NAKED int ringbuf_leak(void) { asm volatile(
 "r1 = %[m_ringbuf] ll; r2 = 8; r3 = 0; call 131; r0 = 0; exit;" :: [m_ringbuf]"i"(&m_ringbuf) : "memory"); }
SEC("tc") NAKED int check_mtu_misaligned(void) { asm volatile(
 "r2 = 0; r3 = r10; r3 += -6; r4 = 0; r5 = 0; call 163; r0 = 0; exit;" ::: "memory"); }
SEC("kprobe") NAKED int might_sleep(void) { asm volatile(
 "r1 = r10; r1 += -8; r2 = 8; r3 = 0; call 148; r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int stackid_in_socket(void) { asm volatile(
 "call 27; r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int task_btf(void) { asm volatile(
 "call 158; r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int map_value_to_release(void) { asm volatile(
 "r1 = %[m_ringbuf] ll; r2 = 8; r3 = 0; call 131; if r0 == 0 goto l0_%=; r0 += 8; r1 = r0; r2 = 0; call 132; l0_%=: r0 = 0; exit;"
 :: [m_ringbuf]"i"(&m_ringbuf) : "memory"); }
SEC("socket") NAKED int probe_str_range(void) { asm volatile(
 "r1 = r10; r1 += -16; r2 = 16; r3 = 0; call 115; if r0 s> 16 goto l0_%=; r0 = 0; exit; l0_%=: r0 = *(u64 *)(r9 + 0); exit;" ::: "memory"); }
SEC("tracepoint/syscalls/sys_enter_openat") NAKED int get_func_ip_tp(void) { asm volatile(
 "call 173; r0 = 0; exit;" ::: "memory"); }
char _license[] SEC("license") = "GPL";
/* GplOnlyHelperInNonGplProgram: the same call of bpf_get_current_task (#35) in an object with
 * char _license[] SEC("license") = "Proprietary"; gives
 * "cannot call GPL-restricted function from non-GPL compatible program". */
SEC("tc") NAKED int fullsock_null_keeps_ref(void) { asm volatile(
 "r6 = r1; r2 = 0; *(u64 *)(r10 - 8) = r2; *(u64 *)(r10 - 16) = r2;"
 "r1 = r6; r2 = r10; r2 += -16; r3 = 12; r4 = -1; r5 = 0; call 84;"
 "if r0 == 0 goto l1_%=; r7 = r0; r1 = r0; call 95; if r0 == 0 goto l0_%=; r0 = *(u32 *)(r0 + 4);"
 "l0_%=: r1 = r7; call 86; l1_%=: r0 = 0; exit;" ::: "memory"); }
