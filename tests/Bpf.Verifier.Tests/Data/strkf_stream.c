/* bpf_stream_vprintk_impl (strkf): KF_TRUSTED_ARGS, a constant format string (__str), a buffer and its size. */
#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
#define NAKED __attribute__((naked))
#define __ksym __attribute__((section(".ksyms")))
#define __imm(name) [name]"i"(name)
#define __imm_addr(name) [name]"i"(&name)
#define NULL ((void *)0)
extern int bpf_stream_vprintk_impl(int stream_id, const char *fmt__str, const void *args, __u32 len__sz, void *aux__prog) __ksym;
#define bpf_stream_vprintk(id, fmt, args, len) bpf_stream_vprintk_impl(id, fmt, args, len, NULL)
static const char fmt1[] = "foo %d\n";
char wfmt[] = "writable %d";
static const char nozero[4] = { 'a', 'b', 'c', 'd' };
SEC("syscall") int stream_ok(void *ctx) { unsigned long long a[1] = { 5 }; return bpf_stream_vprintk(1, fmt1, a, sizeof(a)); }
SEC("socket") int stream_socket(void *ctx) { unsigned long long a[1] = { 5 }; return bpf_stream_vprintk(2, fmt1, a, sizeof(a)) & 0; }
SEC("tc") int stream_tc(void *ctx) { unsigned long long a[2] = { 5, 6 }; bpf_stream_vprintk(2, "x %d %d", a, sizeof(a)); return 0; }
SEC("syscall") int stream_null_arg(void *ctx) { bpf_stream_vprintk(1, "", NULL, 0); return 0; }
SEC("syscall") int stream_scalar_arg(void *ctx) { bpf_stream_vprintk(1, "", (void *)46, 0); return 0; }
SEC("syscall") int stream_ctx_fmt(void *ctx) { bpf_stream_vprintk(1, ctx, NULL, 0); return 0; }
SEC("syscall") int stream_writable_fmt(void *ctx) { unsigned long long a[1] = { 5 }; return bpf_stream_vprintk(1, wfmt, a, sizeof(a)); }
SEC("syscall") int stream_no_zero(void *ctx) { unsigned long long a[1] = { 5 }; return bpf_stream_vprintk(1, nozero, a, sizeof(a)); }
SEC("syscall") int stream_big_len(void *ctx) { unsigned long long a[1] = { 5 }; return bpf_stream_vprintk(1, fmt1, a, 16); }
SEC("syscall") int stream_bad_fmt(void *ctx) { unsigned long long a[1] = { 5 }; return bpf_stream_vprintk(1, "%d %d %d %q", a, sizeof(a)); }
SEC("syscall") NAKED int stream_stack_fmt(void) { asm volatile("r1 = 0x41; *(u64 *)(r10 - 8) = r1; r1 = 1; r2 = r10; r2 += -8; r3 = r10; r3 += -8; r4 = 8; r5 = 0; call %[bpf_stream_vprintk_impl]; r0 = 0; exit;" :: __imm(bpf_stream_vprintk_impl) : "memory"); }
SEC("syscall") NAKED int stream_id_ptr(void) { asm volatile("r1 = r10; r2 = %[fmt1] ll; r3 = r10; r3 += -8; r4 = 0; r5 = 0; call %[bpf_stream_vprintk_impl]; r0 = 0; exit;" :: __imm(bpf_stream_vprintk_impl), __imm_addr(fmt1) : "memory"); }
SEC("syscall") NAKED int stream_fmt_off(void) { asm volatile("r1 = 1; r2 = %[fmt1] ll; r2 += 2; r3 = r10; r3 += -8; r4 = 0; r5 = 0; call %[bpf_stream_vprintk_impl]; r0 = 0; exit;" :: __imm(bpf_stream_vprintk_impl), __imm_addr(fmt1) : "memory"); }
SEC("syscall") NAKED int stream_fmt_var_off(void) { asm volatile("call 7; r0 &= 3; r1 = 1; r2 = %[fmt1] ll; r2 += r0; r3 = r10; r3 += -8; r4 = 0; r5 = 0; call %[bpf_stream_vprintk_impl]; r0 = 0; exit;" :: __imm(bpf_stream_vprintk_impl), __imm_addr(fmt1) : "memory"); }
char _license[] SEC("license") = "GPL";
