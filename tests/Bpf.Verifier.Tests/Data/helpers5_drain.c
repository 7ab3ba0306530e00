/* bpf_user_ringbuf_drain and its dynptr callback, for Helpers5Tests.cs: each program checked with veristat against the
 * live Linux 6.18 kernel (the asm_drain_* shapes are the ones the tests assemble).
 * Build: bpftool btf dump file /sys/kernel/btf/vmlinux format c > vmlinux.h;
 *        clang-19 -O2 -g --target=bpf -mcpu=v3 -c helpers5_drain.c -o helpers5_drain.o */
#include "vmlinux.h"
#define SEC(n) __attribute__((section(n), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
char _license[] SEC("license") = "GPL";
struct { __uint(type, BPF_MAP_TYPE_USER_RINGBUF); __uint(max_entries, 4096); } urb SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } rb SEC(".maps");
static long (*bpf_user_ringbuf_drain)(void *map, void *cb, void *ctx, __u64 flags) = (void *)209;
static long (*bpf_dynptr_read)(void *dst, __u32 len, const struct bpf_dynptr *src, __u32 offset, __u64 flags) = (void *)201;
static void *(*bpf_dynptr_data)(const struct bpf_dynptr *ptr, __u32 offset, __u32 len) = (void *)203;
static void (*bpf_ringbuf_submit_dynptr)(struct bpf_dynptr *ptr, __u64 flags) = (void *)199;
static long (*bpf_dynptr_write)(const struct bpf_dynptr *dst, __u32 offset, void *src, __u32 len, __u64 flags) = (void *)202;

struct ctx { long sum; };
static long cb_read(struct bpf_dynptr *d, void *data)
{
	struct ctx *c = data; long v = 0;
	if (bpf_dynptr_read(&v, sizeof(v), d, 0, 0)) return 1;
	c->sum += v;
	return 0;
}
static long cb_data(struct bpf_dynptr *d, void *data)
{
	long *p = bpf_dynptr_data(d, 0, 8);
	if (!p) return 0;
	((struct ctx *)data)->sum += *p;
	return 0;
}
static long cb_ret2(struct bpf_dynptr *d, void *data) { return 2; }
static long cb_submit(struct bpf_dynptr *d, void *data) { bpf_ringbuf_submit_dynptr(d, 0); return 0; }
static long cb_write(struct bpf_dynptr *d, void *data) { long v = 0; bpf_dynptr_write(d, 0, &v, 8, 0); return 0; }
static long cb_nothing(struct bpf_dynptr *d, void *data) { return 0; }

SEC("socket") int drain_read(void *skb) { struct ctx c = {}; bpf_user_ringbuf_drain(&urb, cb_read, &c, 0); return c.sum & 1; }
SEC("kprobe/do_nanosleep") int drain_data(void *regs) { struct ctx c = {}; bpf_user_ringbuf_drain(&urb, cb_data, &c, 0); return c.sum > 4; }
SEC("socket") int drain_null_ctx(void *skb) { return bpf_user_ringbuf_drain(&urb, cb_nothing, 0, 0) & 1; }
SEC("socket") int drain_ret2(void *skb) { bpf_user_ringbuf_drain(&urb, cb_ret2, 0, 0); return 0; }
SEC("socket") int drain_submit(void *skb) { bpf_user_ringbuf_drain(&urb, cb_submit, 0, 0); return 0; }
SEC("socket") int drain_write(void *skb) { bpf_user_ringbuf_drain(&urb, cb_write, 0, 0); return 0; }
SEC("socket") int drain_ringbuf(void *skb) { bpf_user_ringbuf_drain(&rb, cb_nothing, 0, 0); return 0; }
/* The same shapes in assembly, as Helpers5Tests.cs builds them (callback right after the main program). */
#define NAKED __attribute__((naked))
__attribute__((noinline, used)) static long cb_asm_zero(struct bpf_dynptr *d, void *ctx) { return 0; }
__attribute__((noinline, used)) static long cb_asm_read(struct bpf_dynptr *d, void *ctx) { bpf_dynptr_read(ctx, 8, d, 0, 0); return 0; }
__attribute__((noinline, used)) static long cb_asm_ctx_oob(struct bpf_dynptr *d, void *ctx) { return ((long *)ctx)[1] & 0; }
__attribute__((noinline, used)) static long cb_asm_ret2(struct bpf_dynptr *d, void *ctx) { return 2; }
SEC("socket") NAKED int asm_drain_zero(void) { asm volatile(
 "r1 = %[urb] ll; r2 = %[cb] ll; r3 = 0; r4 = 0; call 209; r0 &= 1; exit;" :: [urb]"i"(&urb), [cb]"i"(cb_asm_zero) : "memory"); }
SEC("socket") NAKED int asm_drain_read(void) { asm volatile(
 "r1 = 0; *(u64 *)(r10 - 8) = r1; r1 = %[urb] ll; r2 = %[cb] ll; r3 = r10; r3 += -8; r4 = 0; call 209; r0 = *(u64 *)(r10 - 8); r0 &= 1; exit;" :: [urb]"i"(&urb), [cb]"i"(cb_asm_read) : "memory"); }
SEC("socket") NAKED int asm_drain_ctx_oob(void) { asm volatile(
 "r1 = 0; *(u64 *)(r10 - 8) = r1; r1 = %[urb] ll; r2 = %[cb] ll; r3 = r10; r3 += -8; r4 = 0; call 209; r0 = 0; exit;" :: [urb]"i"(&urb), [cb]"i"(cb_asm_ctx_oob) : "memory"); }
SEC("socket") NAKED int asm_drain_ret2(void) { asm volatile(
 "r1 = %[urb] ll; r2 = %[cb] ll; r3 = 0; r4 = 0; call 209; r0 = 0; exit;" :: [urb]"i"(&urb), [cb]"i"(cb_asm_ret2) : "memory"); }
SEC("socket") NAKED int asm_drain_rb(void) { asm volatile(
 "r1 = %[rb] ll; r2 = %[cb] ll; r3 = 0; r4 = 0; call 209; r0 = 0; exit;" :: [rb]"i"(&rb), [cb]"i"(cb_asm_zero) : "memory"); }
