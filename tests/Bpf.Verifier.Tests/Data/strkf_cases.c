/* String kfuncs, __bpf_trap, bpf_modify_return_test_tp, bpf_get_kmem_cache (strkf). */
#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
#define NAKED __attribute__((naked))
#define __ksym __attribute__((section(".ksyms")))
#define __imm(name) [name]"i"(name)
#define __imm_addr(name) [name]"i"(&name)
struct kmem_cache { int x; };
extern int bpf_strcmp(const char *s1__ign, const char *s2__ign) __ksym;
extern int bpf_strcasecmp(const char *s1__ign, const char *s2__ign) __ksym;
extern int bpf_strchr(const char *s__ign, char c) __ksym;
extern int bpf_strchrnul(const char *s__ign, char c) __ksym;
extern int bpf_strnchr(const char *s__ign, unsigned long count, char c) __ksym;
extern int bpf_strrchr(const char *s__ign, int c) __ksym;
extern int bpf_strlen(const char *s__ign) __ksym;
extern int bpf_strnlen(const char *s__ign, unsigned long count) __ksym;
extern int bpf_strspn(const char *s__ign, const char *accept__ign) __ksym;
extern int bpf_strcspn(const char *s__ign, const char *reject__ign) __ksym;
extern int bpf_strstr(const char *s1__ign, const char *s2__ign) __ksym;
extern int bpf_strnstr(const char *s1__ign, const char *s2__ign, unsigned long len) __ksym;
extern void __bpf_trap(void) __ksym;
extern int bpf_modify_return_test_tp(int nonce) __ksym;
extern struct kmem_cache *bpf_get_kmem_cache(__u64 addr) __ksym;

char str[] = "hello world";
char *user_ptr = (char *)1;

/* Ported from 6.18 string_kfuncs_success.c / failure1.c */
SEC("syscall") int strcmp_eq(void *ctx) { return bpf_strcmp(str, "hello world"); }
SEC("syscall") int strcasecmp_eq(void *ctx) { return bpf_strcasecmp(str, "HELLO world"); }
SEC("syscall") int strchr_found(void *ctx) { return bpf_strchr(str, 'e'); }
SEC("syscall") int strchrnul_found(void *ctx) { return bpf_strchrnul(str, 'e'); }
SEC("syscall") int strnchr_found(void *ctx) { return bpf_strnchr(str, 5, 'e'); }
SEC("syscall") int strrchr_found(void *ctx) { return bpf_strrchr(str, 'l'); }
SEC("syscall") int strlen_ok(void *ctx) { return bpf_strlen(str); }
SEC("syscall") int strnlen_ok(void *ctx) { return bpf_strnlen(str, 12); }
SEC("syscall") int strspn_ok(void *ctx) { return bpf_strspn(str, "ehlo"); }
SEC("syscall") int strcspn_ok(void *ctx) { return bpf_strcspn(str, "lo"); }
SEC("syscall") int strstr_ok(void *ctx) { return bpf_strstr(str, "world"); }
SEC("syscall") int strnstr_ok(void *ctx) { return bpf_strnstr(str, "hello", 5); }
SEC("syscall") int strcmp_null(void *ctx) { return bpf_strcmp((void *)0, "hello"); }
SEC("syscall") int strlen_user_ptr(void *ctx) { return bpf_strlen(user_ptr); }
SEC("tp/syscalls/sys_enter_nanosleep") int strlen_tp(void *ctx) { return bpf_strlen(str) > 3; }
SEC("xdp") int strlen_xdp(void *ctx) { return bpf_strlen(str) == 11 ? 2 : 1; }
/* The return value is an int: its range is not known. */
SEC("socket") int strlen_range(void *ctx) { int n = bpf_strlen(str); char buf[8] = {}; if (n < 0) return 0; return buf[n]; }

/* __ign pointers: any register content, even an uninitialized one. */
SEC("socket") NAKED int ign_uninit(void) { asm volatile("call %[bpf_strlen]; r0 = 0; exit;" :: __imm(bpf_strlen) : "memory"); }
SEC("socket") NAKED int ign_ctx(void) { asm volatile("call %[bpf_strlen]; r0 = 0; exit;" :: __imm(bpf_strlen) : "memory"); }
SEC("socket") NAKED int ign_stack_uninit(void) { asm volatile("r1 = r10; r1 += -8; call %[bpf_strlen]; r0 = 0; exit;" :: __imm(bpf_strlen) : "memory"); }
SEC("socket") NAKED int ign_scalar(void) { asm volatile("r1 = 42; r2 = r10; call %[bpf_strcmp]; r0 = 0; exit;" :: __imm(bpf_strcmp) : "memory"); }
/* Scalar arguments must be scalars. */
SEC("socket") NAKED int char_is_ptr(void) { asm volatile("r1 = 0; r2 = r10; call %[bpf_strchr]; r0 = 0; exit;" :: __imm(bpf_strchr) : "memory"); }
SEC("socket") NAKED int count_uninit(void) { asm volatile("r1 = 0; call %[bpf_strnlen]; r0 = 0; exit;" :: __imm(bpf_strnlen) : "memory"); }
SEC("socket") NAKED int count_ctx(void) { asm volatile("r2 = r1; r1 = 0; call %[bpf_strnlen]; r0 = 0; exit;" :: __imm(bpf_strnlen) : "memory"); }
SEC("socket") NAKED int nstr_len_ptr(void) { asm volatile("r1 = 0; r2 = 0; r3 = r10; call %[bpf_strnstr]; r0 = 0; exit;" :: __imm(bpf_strnstr) : "memory"); }
/* R1-R5 are clobbered by the call. */
SEC("socket") NAKED int clobber_r3(void) { asm volatile("r3 = 1; r1 = 0; call %[bpf_strlen]; r0 = r3; exit;" :: __imm(bpf_strlen) : "memory"); }
/* The return value is a 32-bit int (subreg). */
SEC("socket") NAKED int ret_upper(void) { asm volatile("r1 = 0; call %[bpf_strlen]; r0 >>= 32; if r0 != 0 goto l0_%=; r0 = 0; exit; l0_%=: r0 = *(u64 *)(r10 - 8); exit;" :: __imm(bpf_strlen) : "memory"); }

/* __bpf_trap */
SEC("socket") NAKED int trap_call(void) { asm volatile("call %[__bpf_trap]; r0 = 0; exit;" :: __imm(__bpf_trap) : "memory"); }
SEC("socket") NAKED int trap_dead(void) { asm volatile("r0 = 0; if r0 == 0 goto l0_%=; call %[__bpf_trap]; l0_%=: exit;" :: __imm(__bpf_trap) : "memory"); }

/* bpf_modify_return_test_tp */
SEC("socket") int mrt_sock(void *ctx) { return bpf_modify_return_test_tp(3) & 1; }
SEC("socket") NAKED int mrt_ptr(void) { asm volatile("r1 = r10; call %[bpf_modify_return_test_tp]; r0 = 0; exit;" :: __imm(bpf_modify_return_test_tp) : "memory"); }

/* bpf_get_kmem_cache */
SEC("socket") NAKED int kmc_sock(void) { asm volatile("r1 = 0; call %[bpf_get_kmem_cache]; r0 = 0; exit;" :: __imm(bpf_get_kmem_cache) : "memory"); }
SEC("tp_btf/sys_enter") NAKED int kmc_null_deref(void) { asm volatile("r1 = 0; call %[bpf_get_kmem_cache]; r0 = *(u32 *)(r0 + 0); r0 = 0; exit;" :: __imm(bpf_get_kmem_cache) : "memory"); }
SEC("tp_btf/sys_enter") NAKED int kmc_read(void) { asm volatile("r1 = 0; call %[bpf_get_kmem_cache]; if r0 == 0 goto l0_%=; r0 = *(u32 *)(r0 + 0); l0_%=: r0 = 0; exit;" :: __imm(bpf_get_kmem_cache) : "memory"); }
SEC("tp_btf/sys_enter") NAKED int kmc_write(void) { asm volatile("r1 = 0; call %[bpf_get_kmem_cache]; if r0 == 0 goto l0_%=; r1 = 0; *(u32 *)(r0 + 0) = r1; l0_%=: r0 = 0; exit;" :: __imm(bpf_get_kmem_cache) : "memory"); }
SEC("tp_btf/sys_enter") NAKED int kmc_helper(void) { asm volatile("r1 = 0; call %[bpf_get_kmem_cache]; if r0 == 0 goto l0_%=; r1 = r0; call 9; l0_%=: r0 = 0; exit;" :: __imm(bpf_get_kmem_cache) : "memory"); }
SEC("tp_btf/sys_enter") NAKED int kmc_no_check(void) { asm volatile("r1 = 0; call %[bpf_get_kmem_cache]; r0 = 0; exit;" :: __imm(bpf_get_kmem_cache) : "memory"); }

/* Direct calls give clang the BTF of the externs. */
SEC("syscall") int btf_refs(void *ctx) {
 __bpf_trap();
 return bpf_modify_return_test_tp(1) + (long)bpf_get_kmem_cache(0);
}
char _license[] SEC("license") = "GPL";
SEC("tp_btf/sys_enter") NAKED int kmc_kfunc_arg(void) { asm volatile("r1 = 0; call %[bpf_get_kmem_cache]; r1 = r0; call %[bpf_get_kmem_cache]; r0 = 0; exit;" :: __imm(bpf_get_kmem_cache) : "memory"); }
SEC("tp_btf/sys_enter") NAKED int kmc_ptr_arg(void) { asm volatile("r1 = r10; call %[bpf_get_kmem_cache]; r0 = 0; exit;" :: __imm(bpf_get_kmem_cache) : "memory"); }
SEC("tp_btf/sys_enter") NAKED int kmc_field(void) { asm volatile("r1 = 0; call %[bpf_get_kmem_cache]; r0 = *(u64 *)(r0 + 8); r0 = 0; exit;" :: __imm(bpf_get_kmem_cache) : "memory"); }
SEC("tp_btf/sys_enter") NAKED int kmc_ptr_arith(void) { asm volatile("r1 = 0; call %[bpf_get_kmem_cache]; r0 += 8; r0 = *(u64 *)(r0 + 0); r0 = 0; exit;" :: __imm(bpf_get_kmem_cache) : "memory"); }
