/* cpuv4: sign-extending loads from read-only maps, map values, arena and BTF pointers; movsx of linked scalars (clang-19 -O2 -g --target=bpf -mcpu=v4). */
#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
#define NAKED __attribute__((naked))
#define __imm_addr(name) [name]"i"(&name)
#define __uint(n, v) int (*n)[v]
#define __type(n, v) v *n
#define P(sec, name, body) SEC(sec) NAKED int name(void) { asm volatile(body :: __imm_addr(rodata), __imm_addr(arr), __imm_addr(arena) : "memory"); }
const volatile int rodata[4] = { -5, 0x8080, 0x80, -1 };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, int); __type(value, long); } arr SEC(".maps");
struct { __uint(type, 33); __uint(map_flags, (1U << 10)); __uint(max_entries, 2); } arena SEC(".maps");
P("socket", ro_sx8, "r1 = %[rodata] ll; r0 = *(s8 *)(r1 + 8); exit;")
P("socket", ro_sx16, "r1 = %[rodata] ll; r0 = *(s16 *)(r1 + 4); exit;")
P("socket", ro_sx32, "r1 = %[rodata] ll; r0 = *(s32 *)(r1 + 0); exit;")
P("socket", ro_sx32_b, "r1 = %[rodata] ll; r0 = *(s32 *)(r1 + 12); if r0 s< 0 goto l0_%=; r0 = *(u64 *)(r0 + 0); l0_%=: r0 = 0; exit;")
P("socket", mv_sx8, "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[arr] ll; call 1; if r0 == 0 goto l0_%=; r0 = *(s8 *)(r0 + 7); exit; l0_%=: r0 = 0; exit;")
P("socket", mv_sx32_oob, "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[arr] ll; call 1; if r0 == 0 goto l0_%=; r0 = *(s32 *)(r0 + 6); exit; l0_%=: r0 = 0; exit;")
P("socket", mv_sx_ornull, "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[arr] ll; call 1; r0 = *(s8 *)(r0 + 0); exit;")
P("socket", movsx_delta, "call 7; r0 &= 0x3f; r1 = r0; r1 += 5; r2 = (s8)r1; if r2 > 10 goto l0_%=; if r0 > 10 goto l1_%=; l0_%=: r0 = 0; exit; l1_%=: r0 = *(u64 *)(r0 + 0); exit;")
P("socket", movsx_src_delta, "call 7; r0 &= 0x3f; r1 = r0; r1 += 5; r2 = (s16)r1; if r2 > 10 goto l0_%=; if r0 > 10 goto l1_%=; l0_%=: r0 = 0; exit; l1_%=: r0 = 0; exit;")
P("socket", movsx_same_reg, "call 7; r0 &= 0x3f; r1 = r0; r1 = (s8)r1; if r1 > 10 goto l0_%=; if r0 > 10 goto l1_%=; l0_%=: r0 = 0; exit; l1_%=: r0 = *(u64 *)(r0 + 0); exit;")
P("socket", movsx_const, "r0 = 0x80; r1 = (s8)r0; r0 = r1; exit;")
P("socket", movsx_boundary, "call 7; r0 &= 0xff; r1 = (s8)r0; if r1 s< 0 goto l0_%=; r0 = 0; exit; l0_%=: r0 = 1; exit;")
P("syscall", arena_sx, "r1 = %[arena] ll; r0 = 0; r1 = addr_space_cast(r0, 0, 1); r1 = 0x100000000 ll; r1 = addr_space_cast(r1, 0, 1); r0 = *(s8 *)(r1 + 0); r0 = 0; exit;")
P("tp_btf/sched_switch", btf_sx_pid, "r1 = *(u64 *)(r1 + 8); r0 = *(s32 *)(r1 + 0); r0 = 0; exit;")
P("iter/task", btf_sx_task, "r1 = *(u64 *)(r1 + 8); if r1 == 0 goto l0_%=; r0 = *(s32 *)(r1 + 1000); l0_%=: r0 = 0; exit;")
P("iter/task", btf_sx_task_ptr, "r1 = *(u64 *)(r1 + 8); if r1 == 0 goto l0_%=; r0 = *(s32 *)(r1 + 0); r0 = *(s16 *)(r0 + 0); l0_%=: r0 = 0; exit;")
char _license[] SEC("license") = "GPL";
