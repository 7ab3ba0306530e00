/* Dynptr probe-read / copy-from-user kfuncs and bpf_copy_from_user_task_str (strkf). */
#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
#define NAKED __attribute__((naked))
#define __ksym __attribute__((section(".ksyms")))
#define __imm(name) [name]"i"(name)
#define __imm_addr(name) [name]"i"(&name)
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
struct task_struct { int pid; };
extern int bpf_probe_read_user_dynptr(struct bpf_dynptr *dptr, __u32 off, __u32 size, const void *unsafe_ptr__ign) __ksym;
extern int bpf_probe_read_kernel_dynptr(struct bpf_dynptr *dptr, __u32 off, __u32 size, const void *unsafe_ptr__ign) __ksym;
extern int bpf_probe_read_user_str_dynptr(struct bpf_dynptr *dptr, __u32 off, __u32 size, const void *unsafe_ptr__ign) __ksym;
extern int bpf_probe_read_kernel_str_dynptr(struct bpf_dynptr *dptr, __u32 off, __u32 size, const void *unsafe_ptr__ign) __ksym;
extern int bpf_copy_from_user_dynptr(struct bpf_dynptr *dptr, __u32 off, __u32 size, const void *unsafe_ptr__ign) __ksym;
extern int bpf_copy_from_user_str_dynptr(struct bpf_dynptr *dptr, __u32 off, __u32 size, const void *unsafe_ptr__ign) __ksym;
extern int bpf_copy_from_user_task_dynptr(struct bpf_dynptr *dptr, __u32 off, __u32 size, const void *unsafe_ptr__ign, struct task_struct *tsk) __ksym;
extern int bpf_copy_from_user_task_str_dynptr(struct bpf_dynptr *dptr, __u32 off, __u32 size, const void *unsafe_ptr__ign, struct task_struct *tsk) __ksym;
extern int bpf_copy_from_user_task_str(void *dst, __u32 dst__sz, const void *unsafe_ptr__ign, struct task_struct *tsk, __u64 flags) __ksym;
extern struct task_struct *bpf_task_from_pid(int pid) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
static long (*bpf_dynptr_from_mem)(void *data, __u32 size, __u64 flags, struct bpf_dynptr *ptr) = (void *) 197;
static long (*bpf_ringbuf_reserve_dynptr)(void *ringbuf, __u32 size, __u64 flags, struct bpf_dynptr *ptr) = (void *) 198;
static void (*bpf_ringbuf_discard_dynptr)(struct bpf_dynptr *ptr, __u64 flags) = (void *) 200;

struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, int); __type(value, char[64]); } arr SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } rb SEC(".maps");

/* r6 = map value (or exit), dynptr at fp-16 over its 64 bytes */
#define FROM_MEM "r1 = 0; *(u32 *)(r10 - 20) = r1; r2 = r10; r2 += -20; r1 = %[arr] ll; call 1; if r0 != 0 goto 1f; exit; 1: r6 = r0;" \
 "r1 = r6; r2 = 64; r3 = 0; r4 = r10; r4 += -16; call 197;"
#define K __imm(bpf_probe_read_user_dynptr), __imm(bpf_probe_read_kernel_dynptr), __imm(bpf_probe_read_user_str_dynptr), \
 __imm(bpf_probe_read_kernel_str_dynptr), __imm(bpf_copy_from_user_dynptr), __imm(bpf_copy_from_user_str_dynptr), \
 __imm(bpf_copy_from_user_task_dynptr), __imm(bpf_copy_from_user_task_str_dynptr), __imm(bpf_copy_from_user_task_str), \
 __imm(bpf_task_from_pid), __imm(bpf_task_release), __imm_addr(arr), __imm_addr(rb)
#define CALL4(f) "r1 = r10; r1 += -16; r2 = 0; r3 = 8; r4 = 0; call %[" #f "];"

SEC("tp_btf/sys_enter") NAKED int pru_ok(void) { asm volatile(FROM_MEM CALL4(bpf_probe_read_user_dynptr) "r0 = 0; exit;" :: K : "memory"); }
SEC("tp_btf/sys_enter") NAKED int prk_ok(void) { asm volatile(FROM_MEM CALL4(bpf_probe_read_kernel_dynptr) "r0 = 0; exit;" :: K : "memory"); }
SEC("tp_btf/sys_enter") NAKED int prus_ok(void) { asm volatile(FROM_MEM CALL4(bpf_probe_read_user_str_dynptr) "r0 = 0; exit;" :: K : "memory"); }
SEC("tp_btf/sys_enter") NAKED int prks_ok(void) { asm volatile(FROM_MEM CALL4(bpf_probe_read_kernel_str_dynptr) "r0 = 0; exit;" :: K : "memory"); }
SEC("socket") NAKED int pru_socket(void) { asm volatile(FROM_MEM CALL4(bpf_probe_read_user_dynptr) "r0 = 0; exit;" :: K : "memory"); }
SEC("xdp") NAKED int prk_xdp(void) { asm volatile(FROM_MEM CALL4(bpf_probe_read_kernel_dynptr) "r0 = 0; exit;" :: K : "memory"); }
SEC("syscall") NAKED int cfu_ok(void) { asm volatile(FROM_MEM CALL4(bpf_copy_from_user_dynptr) "r0 = 0; exit;" :: K : "memory"); }
SEC("syscall") NAKED int cfus_ok(void) { asm volatile(FROM_MEM CALL4(bpf_copy_from_user_str_dynptr) "r0 = 0; exit;" :: K : "memory"); }
SEC("tp_btf/sys_enter") NAKED int cfu_not_sleepable(void) { asm volatile(FROM_MEM CALL4(bpf_copy_from_user_dynptr) "r0 = 0; exit;" :: K : "memory"); }
SEC("tp_btf/sys_enter") NAKED int pru_uninit(void) { asm volatile(CALL4(bpf_probe_read_user_dynptr) "r0 = 0; exit;" :: K : "memory"); }
SEC("tp_btf/sys_enter") NAKED int pru_off_ptr(void) { asm volatile(FROM_MEM "r1 = r10; r1 += -16; r2 = r10; r3 = 8; r4 = 0; call %[bpf_probe_read_user_dynptr]; r0 = 0; exit;" :: K : "memory"); }
SEC("tp_btf/sys_enter") NAKED int pru_size_var(void) { asm volatile(FROM_MEM "call 7; r3 = r0; r1 = r10; r1 += -16; r2 = 0; r4 = 0; call %[bpf_probe_read_user_dynptr]; r0 = 0; exit;" :: K : "memory"); }
SEC("tp_btf/sys_enter") NAKED int pru_not_stack(void) { asm volatile(FROM_MEM "r1 = r6; r2 = 0; r3 = 8; r4 = 0; call %[bpf_probe_read_user_dynptr]; r0 = 0; exit;" :: K : "memory"); }
SEC("tp_btf/sys_enter") NAKED int pru_stack_off(void) { asm volatile(FROM_MEM "r1 = r10; r1 += -12; r2 = 0; r3 = 8; r4 = 0; call %[bpf_probe_read_user_dynptr]; r0 = 0; exit;" :: K : "memory"); }
SEC("tp_btf/sys_enter") NAKED int pru_ringbuf(void) { asm volatile(
 "r1 = %[rb] ll; r2 = 16; r3 = 0; r4 = r10; r4 += -16; call 198;" CALL4(bpf_probe_read_user_dynptr)
 "r1 = r10; r1 += -16; r2 = 0; call 200; r0 = 0; exit;" :: K : "memory"); }
SEC("tp_btf/sys_enter") NAKED int pru_ringbuf_leak(void) { asm volatile(
 "r1 = %[rb] ll; r2 = 16; r3 = 0; r4 = r10; r4 += -16; call 198;" CALL4(bpf_probe_read_user_dynptr) "r0 = 0; exit;" :: K : "memory"); }
/* Task variants: trusted task required. */
SEC("syscall") NAKED int cfut_ok(void) { asm volatile(FROM_MEM "r1 = 1; call %[bpf_task_from_pid]; if r0 == 0 goto 2f; r7 = r0;"
 "r1 = r10; r1 += -16; r2 = 0; r3 = 8; r4 = 0; r5 = r7; call %[bpf_copy_from_user_task_dynptr];"
 "r1 = r7; call %[bpf_task_release]; 2: r0 = 0; exit;" :: K : "memory"); }
SEC("syscall") NAKED int cfuts_ok(void) { asm volatile(FROM_MEM "r1 = 1; call %[bpf_task_from_pid]; if r0 == 0 goto 2f; r7 = r0;"
 "r1 = r10; r1 += -16; r2 = 0; r3 = 8; r4 = 0; r5 = r7; call %[bpf_copy_from_user_task_str_dynptr];"
 "r1 = r7; call %[bpf_task_release]; 2: r0 = 0; exit;" :: K : "memory"); }
SEC("syscall") NAKED int cfut_null_task(void) { asm volatile(FROM_MEM "r1 = 1; call %[bpf_task_from_pid]; r7 = r0;"
 "r1 = r10; r1 += -16; r2 = 0; r3 = 8; r4 = 0; r5 = r7; call %[bpf_copy_from_user_task_dynptr];"
 "r0 = 0; exit;" :: K : "memory"); }
SEC("syscall") NAKED int cfut_zero_task(void) { asm volatile(FROM_MEM
 "r1 = r10; r1 += -16; r2 = 0; r3 = 8; r4 = 0; r5 = 0; call %[bpf_copy_from_user_task_dynptr];"
 "r0 = 0; exit;" :: K : "memory"); }
SEC("syscall") NAKED int cfut_stack_task(void) { asm volatile(FROM_MEM
 "r1 = r10; r1 += -16; r2 = 0; r3 = 8; r4 = 0; r5 = r10; call %[bpf_copy_from_user_task_dynptr];"
 "r0 = 0; exit;" :: K : "memory"); }
SEC("tp_btf/sys_enter") NAKED int cfut_current(void) { asm volatile(FROM_MEM "call 158; r5 = r0;"
 "r1 = r10; r1 += -16; r2 = 0; r3 = 8; r4 = 0; call %[bpf_copy_from_user_task_dynptr];"
 "r0 = 0; exit;" :: K : "memory"); }
/* bpf_copy_from_user_task_str(dst, dst__sz, unsafe, tsk, flags) */
SEC("syscall") NAKED int cfuts_str_ok(void) { asm volatile("r1 = 1; call %[bpf_task_from_pid]; if r0 == 0 goto 2f; r7 = r0;"
 "r1 = r10; r1 += -16; r2 = 16; r3 = 0; r4 = r7; r5 = 0; call %[bpf_copy_from_user_task_str];"
 "r1 = r7; call %[bpf_task_release]; 2: r0 = 0; exit;" :: K : "memory"); }
SEC("syscall") NAKED int cfuts_str_big(void) { asm volatile("r1 = 1; call %[bpf_task_from_pid]; if r0 == 0 goto 2f; r7 = r0;"
 "r1 = r10; r1 += -16; r2 = 17; r3 = 0; r4 = r7; r5 = 0; call %[bpf_copy_from_user_task_str];"
 "r1 = r7; call %[bpf_task_release]; 2: r0 = 0; exit;" :: K : "memory"); }
/* cfuts_str_null_task: bpf_copy_from_user_task_str is not KF_TRUSTED_ARGS in 6.18; the live kernel refuses its NULL task anyway: not in the tests. */
SEC("syscall") NAKED int cfuts_str_null_task(void) { asm volatile(
 "r1 = r10; r1 += -16; r2 = 16; r3 = 0; r4 = 0; r5 = 0; call %[bpf_copy_from_user_task_str];"
 "r0 = 0; exit;" :: K : "memory"); }
SEC("syscall") NAKED int cfuts_str_read(void) { asm volatile("r1 = 1; call %[bpf_task_from_pid]; if r0 == 0 goto 2f; r7 = r0;"
 "r1 = r10; r1 += -16; r2 = 16; r3 = 0; r4 = r7; r5 = 0; call %[bpf_copy_from_user_task_str];"
 "r1 = r7; call %[bpf_task_release]; r0 = *(u64 *)(r10 - 8); 2: r0 = 0; exit;" :: K : "memory"); }
SEC("tp_btf/sys_enter") NAKED int cfuts_str_not_sleepable(void) { asm volatile("call 158; r4 = r0;"
 "r1 = r10; r1 += -16; r2 = 16; r3 = 0; r5 = 0; call %[bpf_copy_from_user_task_str];"
 "r0 = 0; exit;" :: K : "memory"); }

SEC("syscall") int btf_refs(void *ctx) {
 struct bpf_dynptr p; char buf[16]; struct task_struct *t = bpf_task_from_pid(1); if (!t) return 0;
 bpf_dynptr_from_mem(buf, 16, 0, &p);
 bpf_probe_read_user_dynptr(&p, 0, 1, 0); bpf_probe_read_kernel_dynptr(&p, 0, 1, 0);
 bpf_probe_read_user_str_dynptr(&p, 0, 1, 0); bpf_probe_read_kernel_str_dynptr(&p, 0, 1, 0);
 bpf_copy_from_user_dynptr(&p, 0, 1, 0); bpf_copy_from_user_str_dynptr(&p, 0, 1, 0);
 bpf_copy_from_user_task_dynptr(&p, 0, 1, 0, t); bpf_copy_from_user_task_str_dynptr(&p, 0, 1, 0, t);
 bpf_copy_from_user_task_str(buf, 16, 0, t, 0); bpf_task_release(t);
 return 0;
}
char _license[] SEC("license") = "GPL";
