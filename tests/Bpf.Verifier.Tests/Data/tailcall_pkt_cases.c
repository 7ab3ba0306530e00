/* Packet pointers around bpf_tail_call (Linux 6.18, checked on the live kernel with veristat): a tail call that
 * fails falls through with every packet pointer valid, in registers and on the stack; one that happens from a
 * subprogram returns into the caller with them invalid, and so does a global function containing a tail call.
 * Found on cilium bpf_host.o cil_to_netdev (insns 99,793 against the kernel's 99,814).
 * Build: tailcall_pkt_build.sh */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__uint(key_size, 4);
	__uint(value_size, 4);
} jmp_table SEC(".maps");

/* A 4-byte scalar spill on one path, a spilled packet pointer on the other; the tail call invalidates the
 * packet pointer; is the state after the call pruned? */
SEC("tc")
__attribute__((naked)) int tail_prune(void)
{
	asm volatile (
	"r6 = r1;"
	"r2 = *(u32 *)(r6 + 76);"
	"r3 = *(u32 *)(r6 + 80);"
	"r4 = r2;"
	"r4 += 14;"
	"if r4 > r3 goto l_out%=;"
	"r7 = *(u32 *)(r6 + 8);"
	"if r7 == 0 goto l_b%=;"
	"w8 = w7;"
	"*(u32 *)(r10 - 16) = r8;"
	"goto l_join%=;"
"l_b%=:"
	"*(u64 *)(r10 - 16) = r2;"
"l_join%=:"
	"r9 = 1;"
	"if r9 == 2 goto l_out%=;"
	"r9 = 2;"
	"if r9 == 3 goto l_out%=;"
	"r9 = 3;"
	"r9 = 4;"
	"r9 = 5;"
	"r9 = 6;"
	"r1 = r6;"
	"r2 = %[jmp_table] ll;"
	"r3 = 0;"
	"call %[bpf_tail_call];"
	"r0 = *(u32 *)(r10 - 16);"
	"r0 = 0;"
	"exit;"
"l_out%=:"
	"r0 = 0;"
	"exit;"
	:
	: __imm_addr(jmp_table), __imm(bpf_tail_call)
	: __clobber_all);
}

#define PRE \
	"r6 = r1;" \
	"r2 = *(u32 *)(r6 + 76);" \
	"r3 = *(u32 *)(r6 + 80);" \
	"r4 = r2;" \
	"r4 += 14;" \
	"if r4 > r3 goto l_out%=;"
#define CALL \
	"r1 = r6;" \
	"r2 = %[jmp_table] ll;" \
	"r3 = 0;" \
	"call %[bpf_tail_call];"

SEC("tc")
__attribute__((naked)) int spilled_pkt_used(void)
{
	asm volatile (PRE
	"*(u64 *)(r10 - 16) = r2;"
	CALL
	"r0 = *(u64 *)(r10 - 16);"
	"r0 = *(u8 *)(r0 + 0);"
	"r0 = 0; exit;"
"l_out%=: r0 = 0; exit;"
	: : __imm_addr(jmp_table), __imm(bpf_tail_call) : __clobber_all);
}

SEC("tc")
__attribute__((naked)) int reg_pkt_used(void)
{
	asm volatile (PRE
	"r7 = r2;"
	CALL
	"r0 = *(u8 *)(r7 + 0);"
	"r0 = 0; exit;"
"l_out%=: r0 = 0; exit;"
	: : __imm_addr(jmp_table), __imm(bpf_tail_call) : __clobber_all);
}

SEC("tc")
__attribute__((naked)) int skb_change_then_used(void)
{
	asm volatile (PRE
	"*(u64 *)(r10 - 16) = r2;"
	"r1 = r6; r2 = 0; call %[bpf_skb_pull_data];"
	"r0 = *(u64 *)(r10 - 16);"
	"r0 = *(u8 *)(r0 + 0);"
	"r0 = 0; exit;"
"l_out%=: r0 = 0; exit;"
	: : __imm(bpf_skb_pull_data) : __clobber_all);
}

static __noinline int sub_tail(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &jmp_table, 0);
	return 0;
}

__noinline int global_tail(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &jmp_table, 0);
	return 0;
}

SEC("tc")
int static_sub(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
	if (data + 14 > end)
		return 0;
	volatile int r = sub_tail(skb);
	return *(unsigned char *)data + r;
}

SEC("tc")
int global_sub(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
	if (data + 14 > end)
		return 0;
	volatile int r = global_tail(skb);
	return *(unsigned char *)data + r;
}

/* the subprogram keeps a packet pointer across its own tail call */
static __noinline int sub_keep(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
	if (data + 14 > end)
		return 0;
	bpf_tail_call(skb, &jmp_table, 0);
	return *(volatile unsigned char *)data;
}

SEC("tc")
int sub_keeps(struct __sk_buff *skb)
{
	return sub_keep(skb);
}

/* main keeps a packet pointer in a callee-saved register across a tail call in main itself, then calls a subprogram
 * without tail calls */
static __noinline int plain(struct __sk_buff *skb)
{
	return skb->len;
}

SEC("tc")
int main_tail_then_plain(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
	if (data + 14 > end)
		return 0;
	bpf_tail_call(skb, &jmp_table, 0);
	volatile int r = plain(skb);
	return *(unsigned char *)data + r;
}

char _license[] SEC("license") = "GPL";
