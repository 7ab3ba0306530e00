/* Kernel-checked cases for what the samples/katran corpus taught (tests/Bpf.Verifier.Tests/SamplesKatranTests.cs).
 * PTR_TO_TP_BUFFER (args[0] of a writable raw tracepoint) is not a spillable pointer: a stack write of it is
 * plain data (STACK_MISC), whatever its size, and reads back as an unknown scalar.
 * CONST_PTR_TO_DYNPTR is not spillable either.
 * Build: clang-19 -O2 -g --target=bpf -mcpu=v3 -c samples_cases.c -o samples_cases.o */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 64);
} h SEC(".maps");

/* low half of the buffer pointer as a map key: a 4-byte stack write of a pointer the kernel does not spill */
SEC("raw_tp.w/sched_switch")
int tpbuf_key_u32(struct bpf_raw_tracepoint_args *c)
{
	__u32 k = c->args[0];
	__u64 *v = bpf_map_lookup_elem(&h, &k);

	if (v)
		__sync_fetch_and_add(v, 1);
	return 0;
}

/* the whole pointer stored and loaded back: a scalar, so dereferencing it fails */
SEC("raw_tp.w/sched_switch")
__attribute__((naked)) int tpbuf_spill_fill_deref(void)
{
	asm volatile(
		"r1 = *(u64 *)(r1 + 0);"
		"*(u64 *)(r10 - 8) = r1;"
		"r2 = *(u64 *)(r10 - 8);"
		"r0 = *(u8 *)(r2 + 0);"
		"r0 = 0;"
		"exit;" ::: "memory");
}

/* kept in a register it stays a tp_buffer: reading it is fine */
SEC("raw_tp.w/sched_switch")
__attribute__((naked)) int tpbuf_read(void)
{
	asm volatile(
		"r1 = *(u64 *)(r1 + 0);"
		"r0 = *(u64 *)(r1 + 8);"
		"r0 = 0;"
		"exit;" ::: "memory");
}

/* a 4-byte write of the pointer followed by a 4-byte read: unknown data, usable as a scalar */
SEC("raw_tp.w/sched_switch")
__attribute__((naked)) int tpbuf_half_spill(void)
{
	asm volatile(
		"r1 = *(u64 *)(r1 + 0);"
		"*(u32 *)(r10 - 4) = r1;"
		"r0 = *(u32 *)(r10 - 4);"
		"r0 &= 1;"
		"exit;" ::: "memory");
}

/* other context slots of a writable raw tracepoint are scalars */
SEC("raw_tp.w/sched_switch")
__attribute__((naked)) int tpbuf_arg1_scalar(void)
{
	asm volatile(
		"r2 = *(u64 *)(r1 + 8);"
		"r0 = *(u8 *)(r2 + 0);"
		"r0 = 0;"
		"exit;" ::: "memory");
}

/* args[0] must be read whole */
SEC("raw_tp.w/sched_switch")
__attribute__((naked)) int tpbuf_narrow_read(void)
{
	asm volatile(
		"r2 = *(u32 *)(r1 + 0);"
		"r0 = 0;"
		"exit;" ::: "memory");
}

/* tracepoint buffer accesses below the buffer or at a variable offset are refused */
SEC("raw_tp.w/sched_switch")
__attribute__((naked)) int tpbuf_negative_off(void)
{
	asm volatile(
		"r1 = *(u64 *)(r1 + 0);"
		"r0 = *(u64 *)(r1 - 8);"
		"r0 = 0;"
		"exit;" ::: "memory");
}

SEC("raw_tp.w/sched_switch")
__attribute__((naked)) int tpbuf_var_off(void)
{
	asm volatile(
		"r6 = *(u64 *)(r1 + 0);"
		"call 7;"
		"r0 &= 8;"
		"r6 += r0;"
		"r0 = *(u8 *)(r6 + 0);"
		"r0 = 0;"
		"exit;" ::: "memory");
}

SEC("raw_tp.w/sched_switch")
__attribute__((naked)) int tpbuf_write(void)
{
	asm volatile(
		"r1 = *(u64 *)(r1 + 0);"
		"r2 = 1;"
		"*(u32 *)(r1 + 16) = r2;"
		"r0 = 0;"
		"exit;" ::: "memory");
}

/* CONST_PTR_TO_DYNPTR (a user ring buffer callback's dynptr) is not spillable either: stored and loaded back it
 * is a scalar, which the dynptr argument refuses */
struct {
	__uint(type, BPF_MAP_TYPE_USER_RINGBUF);
	__uint(max_entries, 4096);
} urb SEC(".maps");

__attribute__((noinline)) static long cb_spill(struct bpf_dynptr *d, void *ctx)
{
	asm volatile("*(u64 *)(r10 - 8) = %[d]; %[d] = *(u64 *)(r10 - 8);" : [d]"+r"(d) :: "memory");
	return bpf_dynptr_data(d, 0, 0) != 0;
}

__attribute__((noinline)) static long cb_direct(struct bpf_dynptr *d, void *ctx)
{
	return bpf_dynptr_data(d, 0, 0) != 0;
}

SEC("tp/syscalls/sys_enter_getpid")
int dynptr_spill_drain(void *c)
{
	bpf_user_ringbuf_drain(&urb, cb_spill, 0, 0);
	return 0;
}

SEC("tp/syscalls/sys_enter_getpid")
int dynptr_direct_drain(void *c)
{
	bpf_user_ringbuf_drain(&urb, cb_direct, 0, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
