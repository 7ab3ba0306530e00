#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
#define NAKED __attribute__((naked))

#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
/* iter/task: seq_write(meta->seq, fp, 8) */
SEC("iter/task") NAKED int seq_write_ok(void) { asm volatile(
 "r1 = *(u64 *)(r1 + 0); r1 = *(u64 *)(r1 + 0); r2 = 0; *(u64 *)(r10 - 8) = r2; r2 = r10; r2 += -8; r3 = 8; call 127; r0 = 0; exit;" ::: "memory"); }
SEC("iter/task") NAKED int seq_write_ctx(void) { asm volatile(
 "r2 = 0; *(u64 *)(r10 - 8) = r2; r2 = r10; r2 += -8; r3 = 8; call 127; r0 = 0; exit;" ::: "memory"); }
SEC("iter/task") NAKED int seq_write_meta(void) { asm volatile(
 "r1 = *(u64 *)(r1 + 0); r2 = 0; *(u64 *)(r10 - 8) = r2; r2 = r10; r2 += -8; r3 = 8; call 127; r0 = 0; exit;" ::: "memory"); }
SEC("iter/task") NAKED int task_stack_null(void) { asm volatile(
 "r1 = *(u64 *)(r1 + 8); r2 = r10; r2 += -16; r3 = 16; r4 = 0; call 141; r0 = 0; exit;" ::: "memory"); }
SEC("iter/task") NAKED int task_stack_ok(void) { asm volatile(
 "r1 = *(u64 *)(r1 + 8); if r1 == 0 goto l0_%=; r2 = r10; r2 += -16; r3 = 16; r4 = 0; call 141; if r0 s> 16 goto l1_%=; l0_%=: r0 = 0; exit; l1_%=: r0 = *(u64 *)(r9 + 0); exit;" ::: "memory"); }
SEC("iter/bpf_map_elem") NAKED int key_write(void) { asm volatile(
 "r2 = *(u64 *)(r1 + 16); if r2 == 0 goto l0_%=; r3 = 1; *(u32 *)(r2 + 0) = r3; l0_%=: r0 = 0; exit;" ::: "memory"); }
SEC("iter/bpf_map_elem") NAKED int value_rw(void) { asm volatile(
 "r2 = *(u64 *)(r1 + 24); if r2 == 0 goto l0_%=; r3 = *(u64 *)(r2 + 8); r3 += 1; *(u64 *)(r2 + 8) = r3; l0_%=: r0 = 0; exit;" ::: "memory"); }
SEC("iter/bpf_map_elem") NAKED int key_neg(void) { asm volatile(
 "r2 = *(u64 *)(r1 + 16); if r2 == 0 goto l0_%=; r3 = *(u32 *)(r2 - 4); l0_%=: r0 = 0; exit;" ::: "memory"); }
SEC("iter/bpf_map_elem") NAKED int key_to_seq(void) { asm volatile(
 "r6 = r1; r2 = *(u64 *)(r1 + 16); if r2 == 0 goto l0_%=; r1 = *(u64 *)(r6 + 0); r1 = *(u64 *)(r1 + 0); r3 = 4; call 127; l0_%=: r0 = 0; exit;" ::: "memory"); }
SEC("tp_btf/task_newtask") NAKED int comm_write(void) { asm volatile(
 "r1 = *(u64 *)(r1 + 0); r1 += 8; r2 = 8; r3 = 0; call 113; r0 = 0; exit;" ::: "memory"); }
SEC("tc") NAKED int skc_cast(void) { asm volatile(
 "r1 = *(u64 *)(r1 + 168); if r1 == 0 goto l0_%=; call 137; if r0 == 0 goto l0_%=; r0 = *(u32 *)(r0 + 0); l0_%=: r0 = 0; exit;" ::: "memory"); }
SEC("tc") NAKED int skc_cast_null(void) { asm volatile(
 "r1 = *(u64 *)(r1 + 168); call 137; r0 = 0; exit;" ::: "memory"); }
SEC("cgroup/sysctl") NAKED int sysctl_uninit(void) { asm volatile(
 "r2 = r10; r2 += -16; r3 = 16; r4 = 0; call 101; r0 = 1; exit;" ::: "memory"); }
const char fmt_ok[8] = "%d %s";
const char fmt_bad[8] = "%d %q";
SEC("tc") NAKED int snprintf_ok(void) { asm volatile(
 "r1 = 1; *(u64 *)(r10 - 16) = r1; r1 = 0; *(u64 *)(r10 - 8) = r1; *(u64 *)(r10 - 24) = r1; *(u64 *)(r10 - 32) = r1;"
 "r1 = r10; r1 += -32; r2 = 16; r3 = %[fmt] ll; r4 = r10; r4 += -16; r5 = 16; call 165; r0 = 0; exit;" :: [fmt]"i"(&fmt_ok) : "memory"); }
SEC("tc") NAKED int snprintf_few(void) { asm volatile(
 "r1 = 1; *(u64 *)(r10 - 16) = r1; r1 = 0; *(u64 *)(r10 - 8) = r1; *(u64 *)(r10 - 24) = r1; *(u64 *)(r10 - 32) = r1;"
 "r1 = r10; r1 += -32; r2 = 16; r3 = %[fmt] ll; r4 = r10; r4 += -16; r5 = 8; call 165; r0 = 0; exit;" :: [fmt]"i"(&fmt_ok) : "memory"); }
SEC("tc") NAKED int snprintf_bad(void) { asm volatile(
 "r1 = 1; *(u64 *)(r10 - 16) = r1; r1 = 0; *(u64 *)(r10 - 8) = r1; *(u64 *)(r10 - 24) = r1; *(u64 *)(r10 - 32) = r1;"
 "r1 = r10; r1 += -32; r2 = 16; r3 = %[fmt] ll; r4 = r10; r4 += -16; r5 = 16; call 165; r0 = 0; exit;" :: [fmt]"i"(&fmt_bad) : "memory"); }
SEC("tc") NAKED int snprintf_null_out(void) { asm volatile(
 "r1 = 1; *(u64 *)(r10 - 16) = r1; r1 = 0; *(u64 *)(r10 - 8) = r1;"
 "r1 = 0; r2 = 0; r3 = %[fmt] ll; r4 = r10; r4 += -16; r5 = 16; call 165; r0 = 0; exit;" :: [fmt]"i"(&fmt_ok) : "memory"); }
SEC("perf_event") NAKED int perf_read_value(void) { asm volatile(
 "r2 = r10; r2 += -24; r3 = 24; call 56; r0 = 0; exit;" ::: "memory"); }
SEC("perf_event") NAKED int branch_records_null(void) { asm volatile(
 "r2 = 0; r3 = 0; r4 = 1; call 119; r0 = 0; exit;" ::: "memory"); }
SEC("iter/task") NAKED int task_regs(void) { asm volatile(
 "r1 = *(u64 *)(r1 + 8); if r1 == 0 goto l0_%=; call 175; r0 = *(u64 *)(r0 + 0); l0_%=: r0 = 0; exit;" ::: "memory"); }
SEC("iter/task") NAKED int task_regs_null(void) { asm volatile(
 "r1 = *(u64 *)(r1 + 8); call 175; r0 = 0; exit;" ::: "memory"); }
char _license[] SEC("license") = "GPL";
/* iter/sockmap key buffers (PTR_TO_BUF | MEM_RDONLY), in C:
 * struct bpf_iter__sockmap { void *meta; void *map; void *key; void *sk; };
 * SEC("iter/sockmap") int sm_key_write(struct bpf_iter__sockmap *ctx) { volatile __u32 *k = ctx->key; if (k) *k = 1; return 0; }
 */
SEC("tp_btf/task_newtask") NAKED int d_path_tp(void) { asm volatile(
 "r1 = *(u64 *)(r1 + 0); r2 = r10; r2 += -16; r3 = 16; call 147; r0 = 0; exit;" ::: "memory"); }
