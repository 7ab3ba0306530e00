// Programs for Sel618Tests: BPF_LOAD_ACQ / BPF_STORE_REL, private stacks, tail-call precision.
// clang-19 -O2 -g --target=bpf -mcpu=v3 -I/usr/include/x86_64-linux-gnu -c sel618_cases.c -o sel618_cases.o
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct task_struct { int pad[4]; void *stack; } __attribute__((preserve_access_index));

#define __naked __attribute__((naked))
#define CLOBBER "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "memory"
/* One BPF_STX | BPF_ATOMIC instruction as a 64-bit immediate for ".8byte". */
#define ATOMIC(size, op, dst, src, off) \
	((unsigned long long)(0xc3 | (size)) | ((unsigned long long)(dst) << 8) | \
	 ((unsigned long long)(src) << 12) | ((unsigned long long)(unsigned short)(off) << 16) | \
	 ((unsigned long long)(unsigned int)(op) << 32))
#define B 0x10
#define H 0x08
#define W 0x00
#define DW 0x18
#define ACQ 0x100
#define REL 0x110
#define INSN(name, v) [name] "i"(v)
#define __imm_addr(name) [name] "i"(&name)

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, long long);
} arr SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} jmp SEC(".maps");

/* acquire a 16-bit value from the stack: zero-extended, exact */
SEC("socket") __naked void acq_stack_h(void)
{
	asm volatile ("w1 = 0xfedc; *(u16 *)(r10 - 2) = w1; .8byte %[i]; r0 = r2; if r0 == 0xfedc goto 1f; r0 /= 0; 1: r0 = 0; exit;"
	: : INSN(i, ATOMIC(H, ACQ, 2, 10, -2)) : CLOBBER);
}

/* acquire from a map value, then use it as an offset into the value */
SEC("socket") __naked void acq_map_value(void)
{
	asm volatile ("r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[arr] ll; call %[lookup];"
	"if r0 == 0 goto 1f; .8byte %[i]; r3 &= 7; r0 += r3; r0 = *(u8 *)(r0 + 0); 1: r0 = 0; exit;"
	: : __imm_addr(arr), [lookup] "i"(BPF_FUNC_map_lookup_elem), INSN(i, ATOMIC(B, ACQ, 3, 0, 0)) : CLOBBER);
}

/* a byte acquired past the end of the value */
SEC("socket") __naked void acq_map_oob(void)
{
	asm volatile ("r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[arr] ll; call %[lookup];"
	"if r0 == 0 goto 1f; .8byte %[i]; 1: r0 = 0; exit;"
	: : __imm_addr(arr), [lookup] "i"(BPF_FUNC_map_lookup_elem), INSN(i, ATOMIC(B, ACQ, 3, 0, 8)) : CLOBBER);
}

/* a map value that may be NULL */
SEC("socket") __naked void acq_map_or_null(void)
{
	asm volatile ("r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[arr] ll; call %[lookup];"
	".8byte %[i]; r0 = 0; exit;"
	: : __imm_addr(arr), [lookup] "i"(BPF_FUNC_map_lookup_elem), INSN(i, ATOMIC(W, ACQ, 3, 0, 0)) : CLOBBER);
}

/* misaligned map value access: atomics are always strictly aligned */
SEC("socket") __naked void acq_map_misaligned(void)
{
	asm volatile ("r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[arr] ll; call %[lookup];"
	"if r0 == 0 goto 1f; .8byte %[i]; 1: r0 = 0; exit;"
	: : __imm_addr(arr), [lookup] "i"(BPF_FUNC_map_lookup_elem), INSN(i, ATOMIC(W, ACQ, 3, 0, 2)) : CLOBBER);
}

/* uninitialized stack */
SEC("socket") __naked void acq_stack_uninit(void)
{
	asm volatile (".8byte %[i]; r0 = 0; exit;" : : INSN(i, ATOMIC(DW, ACQ, 0, 10, -8)) : CLOBBER);
}

/* acquire of a spilled pointer restores it */
SEC("socket") __naked void acq_spilled_ptr(void)
{
	asm volatile ("*(u64 *)(r10 - 8) = r1; .8byte %[i]; r0 = *(u32 *)(r2 + 0); r0 = 0; exit;"
	: : INSN(i, ATOMIC(DW, ACQ, 2, 10, -8)) : CLOBBER);
}

/* load-acquire into the frame pointer */
SEC("socket") __naked void acq_into_r10(void)
{
	asm volatile ("r1 = 0; *(u64 *)(r10 - 8) = r1; .8byte %[i]; r0 = 0; exit;"
	: : INSN(i, ATOMIC(DW, ACQ, 10, 10, -8)) : CLOBBER);
}

/* context of a tc program, packet meta pointer */
SEC("tc") __naked void acq_ctx_tc(void)
{
	asm volatile (".8byte %[i]; r0 = 0; exit;" : : INSN(i, ATOMIC(W, ACQ, 0, 1, 0)) : CLOBBER);
}

SEC("tc") __naked void rel_pkt_meta(void)
{
	asm volatile ("r2 = *(u32 *)(r1 + %[meta]); r3 = *(u32 *)(r1 + %[data]); r4 = r2; r4 += 8; if r4 > r3 goto 1f;"
	"r0 = 0; .8byte %[i]; 1: r0 = 0; exit;"
	: : [meta] "i"(offsetof(struct __sk_buff, data_meta)), [data] "i"(offsetof(struct __sk_buff, data)),
	    INSN(i, ATOMIC(W, REL, 2, 0, 0)) : CLOBBER);
}

/* store-release of every size, read back with plain loads */
SEC("socket") __naked void rel_sizes(void)
{
	asm volatile ("r1 = 0x1122334455667788 ll; .8byte %[d]; .8byte %[w]; .8byte %[h]; .8byte %[b];"
	"r0 = *(u64 *)(r10 - 8); r0 = *(u32 *)(r10 - 16); r0 = *(u16 *)(r10 - 24); r0 = *(u8 *)(r10 - 32); r0 = 0; exit;"
	: : INSN(d, ATOMIC(DW, REL, 10, 1, -8)), INSN(w, ATOMIC(W, REL, 10, 1, -16)), INSN(h, ATOMIC(H, REL, 10, 1, -24)),
	    INSN(b, ATOMIC(B, REL, 10, 1, -32)) : CLOBBER);
}

/* a narrow store-release leaves the rest of the slot unreadable */
SEC("socket") __naked void rel_partial_read(void)
{
	asm volatile ("w1 = 1; .8byte %[w]; r0 = *(u64 *)(r10 - 8); r0 = 0; exit;"
	: : INSN(w, ATOMIC(W, REL, 10, 1, -8)) : CLOBBER);
}

/* store-release spills a pointer: read back whole it is the pointer again */
SEC("socket") __naked void rel_spill_ptr(void)
{
	asm volatile (".8byte %[d]; r2 = *(u64 *)(r10 - 8); r0 = *(u32 *)(r2 + 0); r0 = 0; exit;"
	: : INSN(d, ATOMIC(DW, REL, 10, 1, -8)) : CLOBBER);
}

/* store-release into a read-only map key */
SEC("socket") __naked void rel_map_oob(void)
{
	asm volatile ("r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[arr] ll; call %[lookup];"
	"if r0 == 0 goto 1f; r1 = 1; .8byte %[i]; 1: r0 = 0; exit;"
	: : __imm_addr(arr), [lookup] "i"(BPF_FUNC_map_lookup_elem), INSN(i, ATOMIC(DW, REL, 0, 1, 4)) : CLOBBER);
}

/* an imm that names no atomic operation */
SEC("socket") __naked void atomic_bad_imm(void)
{
	asm volatile ("r1 = 0; *(u64 *)(r10 - 8) = r1; .8byte %[i]; r0 = 0; exit;"
	: : INSN(i, ATOMIC(DW, 0x120, 10, 1, -8)) : CLOBBER);
}

/* a read-modify-write of a byte */
SEC("socket") __naked void atomic_add_byte(void)
{
	asm volatile ("r1 = 0; *(u64 *)(r10 - 8) = r1; .8byte %[i]; r0 = 0; exit;"
	: : INSN(i, ATOMIC(B, 0, 10, 1, -8)) : CLOBBER);
}

/* the precision of an acquired stack value goes back to its store */
SEC("socket") __naked void acq_precision(void)
{
	asm volatile ("r1 = 16; *(u64 *)(r10 - 8) = r1; .8byte %[i]; r3 = r10; r3 += -32; r3 += r2; r0 = *(u64 *)(r3 + 0); r0 = 0; exit;"
	: : INSN(i, ATOMIC(DW, ACQ, 2, 10, -8)) : CLOBBER);
}

/* a tail call key outside the program array: no precision is needed for it */
SEC("socket") __naked void tail_key_out_of_range(void)
{
	asm volatile ("r3 = 5; r2 = %[jmp] ll; call %[tail]; r0 = 0; exit;"
	: : __imm_addr(jmp), [tail] "i"(BPF_FUNC_tail_call) : CLOBBER);
}

/* a tail call through an array that is not a program array */
SEC("socket") __naked void tail_wrong_map(void)
{
	asm volatile ("r3 = 0; r2 = %[arr] ll; call %[tail]; r0 = 0; exit;"
	: : __imm_addr(arr), [tail] "i"(BPF_FUNC_tail_call) : CLOBBER);
}

/* precision through a subprogram that may end in a tail call */
__attribute__((used)) static __naked int tail_sub(void)
{
	asm volatile ("r6 = r2; r2 = %[jmp] ll; r3 = 0; call %[tail]; r1 = -16; *(u64 *)(r6 + 0) = r1; r0 = 0; exit;"
	: : __imm_addr(jmp), [tail] "i"(BPF_FUNC_tail_call) : CLOBBER);
}

SEC("socket") __naked void tail_in_subprog_precision(void)
{
	asm volatile ("r6 = r1; r1 = -8; *(u64 *)(r10 - 8) = r1; *(u64 *)(r10 - 16) = r1; r1 = r6; r2 = r10; r2 += -8; call tail_sub;"
	"r1 = *(u64 *)(r10 - 8); r2 = r10; r2 += r1; r0 = *(u64 *)(r2 + 0); r0 = 0; exit;" : : : CLOBBER);
}

/* private stacks: 320 bytes in the program and 256 in a subprogram */
__attribute__((used)) static __naked void big_sub(void)
{
	asm volatile ("r1 = 0; *(u64 *)(r10 - 256) = r1; r0 = 0; exit;" : : : CLOBBER);
}

SEC("kprobe") __naked void priv_kprobe(void)
{
	asm volatile ("r1 = 0; *(u64 *)(r10 - 320) = r1; call big_sub; r0 = 0; exit;" : : : CLOBBER);
}

SEC("raw_tp") __naked void priv_raw_tp(void)
{
	asm volatile ("r1 = 0; *(u64 *)(r10 - 320) = r1; call big_sub; r0 = 0; exit;" : : : CLOBBER);
}

SEC("socket") __naked void priv_socket(void)
{
	asm volatile ("r1 = 0; *(u64 *)(r10 - 320) = r1; call big_sub; r0 = 0; exit;" : : : CLOBBER);
}

/* a tail call takes private stacks away */
SEC("kprobe") __naked void priv_tail_call(void)
{
	asm volatile ("r6 = r1; r1 = 0; *(u64 *)(r10 - 320) = r1; call big_sub; r1 = r6; r2 = %[jmp] ll; r3 = 0; call %[tail]; r0 = 0; exit;"
	: : __imm_addr(jmp), [tail] "i"(BPF_FUNC_tail_call) : CLOBBER);
}

/* under 64 bytes the program keeps the normal stack and the subprogram's private one does not count */
SEC("perf_event") __naked void priv_small_main(void)
{
	asm volatile ("r1 = 0; *(u64 *)(r10 - 48) = r1; call big_sub; r0 = 0; exit;" : : : CLOBBER);
}

/* a subprogram that tail calls below 256 bytes of callers */
__attribute__((used)) static __naked int tail_sub2(void)
{
	asm volatile ("r2 = %[jmp] ll; r3 = 0; call %[tail]; r0 = 0; exit;"
	: : __imm_addr(jmp), [tail] "i"(BPF_FUNC_tail_call) : CLOBBER);
}

SEC("socket") __naked void tail_deep_callers(void)
{
	asm volatile ("r2 = 0; *(u64 *)(r10 - 256) = r2; call tail_sub2; r0 = 0; exit;" : : : CLOBBER);
}

SEC("socket") __naked void tail_shallow_callers(void)
{
	asm volatile ("r2 = 0; *(u64 *)(r10 - 240) = r2; call tail_sub2; r0 = 0; exit;" : : : CLOBBER);
}

/* bpf_tail_call and LD_ABS in subprograms that return void */
__attribute__((used)) static __naked void tail_void_sub(void)
{
	asm volatile ("r2 = %[jmp] ll; r3 = 0; call %[tail]; exit;"
	: : __imm_addr(jmp), [tail] "i"(BPF_FUNC_tail_call) : CLOBBER);
}

SEC("socket") __naked void tail_void_subprog(void)
{
	asm volatile ("call tail_void_sub; r0 = 0; exit;" : : : CLOBBER);
}

__attribute__((used)) static __naked void ld_abs_void_sub(void)
{
	asm volatile ("r6 = r1; r0 = *(u8 *)skb[0]; r0 = 0; exit;" : : : CLOBBER);
}

SEC("socket") __naked void ld_abs_void_subprog(void)
{
	asm volatile ("call ld_abs_void_sub; r0 = 0; exit;" : : : CLOBBER);
}

/* 6.17+ read-only untrusted memory: bpf_rdonly_cast(p, 0) and BTF pointers to non-structs */
extern void *bpf_rdonly_cast(const void *obj, __u32 btf_id) __ksym __weak;

/* called from C once so that the extern has BTF for libbpf */
SEC("socket") int um_c_read(void *ctx)
{
	char *p = bpf_rdonly_cast(ctx, 0);
	return p[100];
}

SEC("socket") __naked void um_read_any(void)
{
	asm volatile ("r1 = 0; r2 = 0; call %[cast]; r0 = *(u64 *)(r0 + 4093); r0 = 0; exit;"
	: : [cast] "i"(bpf_rdonly_cast) : CLOBBER);
}

SEC("socket") __naked void um_write(void)
{
	asm volatile ("r1 = 0; r2 = 0; call %[cast]; r1 = 1; *(u32 *)(r0 + 0) = r1; r0 = 0; exit;"
	: : [cast] "i"(bpf_rdonly_cast) : CLOBBER);
}

SEC("socket") __naked void um_atomic(void)
{
	asm volatile ("r1 = 0; r2 = 0; call %[cast]; r1 = 1; lock *(u64 *)(r0 + 0) += r1; r0 = 0; exit;"
	: : [cast] "i"(bpf_rdonly_cast) : CLOBBER);
}

/* the offset is not tracked: any arithmetic leaves the pointer as it is */
SEC("socket") __naked void um_arith(void)
{
	asm volatile ("r1 = 0; r2 = 0; call %[cast]; r6 = r0; call %[rnd]; r6 -= 8; r6 += r0; r0 = *(u64 *)(r6 - 100); r0 = 0; exit;"
	: : [cast] "i"(bpf_rdonly_cast), [rnd] "i"(BPF_FUNC_get_prandom_u32) : CLOBBER);
}

/* scalar += untrusted pointer: the scalar stays a scalar */
SEC("socket") __naked void um_commuted(void)
{
	asm volatile ("r1 = 0; r2 = 0; call %[cast]; r1 = 0; r1 += r0; r0 = *(u32 *)(r1 + 0); r0 = 0; exit;"
	: : [cast] "i"(bpf_rdonly_cast) : CLOBBER);
}

SEC("socket") __naked void um_alu32(void)
{
	asm volatile ("r1 = 0; r2 = 0; call %[cast]; w0 += 4; r0 = 0; exit;" : : [cast] "i"(bpf_rdonly_cast) : CLOBBER);
}

/* it may be NULL: both branches are explored */
SEC("socket") __naked void um_null_check(void)
{
	asm volatile ("r1 = 0; r2 = 0; call %[cast]; if r0 == 0 goto 1f; r0 = 0; exit; 1: r0 /= 0; exit;"
	: : [cast] "i"(bpf_rdonly_cast) : CLOBBER);
}

/* not helper memory */
SEC("socket") __naked void um_helper_mem(void)
{
	asm volatile ("r1 = 0; r2 = 0; call %[cast]; r1 = r0; r2 = 4; call %[printk]; r0 = 0; exit;"
	: : [cast] "i"(bpf_rdonly_cast), [printk] "i"(BPF_FUNC_trace_printk) : CLOBBER);
}

/* a void * member of a BTF struct, then a byte through it */
SEC("tp_btf/sys_enter") int um_btf_member(void *ctx)
{
	struct task_struct *t = bpf_get_current_task_btf();
	char *s = t->stack;
	return s[1];
}

/* global functions with arg:untrusted (6.17+): any argument; the callee probe-reads it */
#define __arg_untrusted __attribute__((btf_decl_tag("arg:untrusted")))

__attribute__((noinline)) int ua_read(char *p __arg_untrusted)
{
	return p ? p[3] : 0;
}

__attribute__((noinline)) int ua_write(char *p __arg_untrusted)
{
	if (p)
		p[0] = 1;
	return 0;
}

__attribute__((noinline)) int ua_task(struct task_struct *t __arg_untrusted)
{
	char *s;

	if (!t)
		return 0;
	s = t->stack;
	return s[2];
}

SEC("socket") int ua_call_ctx(void *ctx)
{
	return ua_read((char *)ctx + 1);
}

SEC("socket") int ua_call_scalar(void *ctx)
{
	return ua_read((char *)(long)bpf_get_prandom_u32());
}

SEC("socket") int ua_call_write(void *ctx)
{
	return ua_write((char *)ctx);
}

SEC("tp_btf/sys_enter") int ua_call_task(void *ctx)
{
	return ua_task(bpf_get_current_task_btf());
}

char _license[] SEC("license") = "GPL";
