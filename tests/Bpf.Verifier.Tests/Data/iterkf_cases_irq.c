// Build: clang-19 -O2 -g --target=bpf -mcpu=v3 -D__TARGET_ARCH_x86 -I<dir of the 6.18 vmlinux.h> -I<libbpf headers> -c THIS.c
// Ported from tools/testing/selftests/bpf/progs/irq.c (Linux 6.18); verdicts taken from the live kernel.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

#define __noinline __attribute__((noinline))
unsigned long global_flags;
struct elem { struct bpf_res_spin_lock l; int v; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 2); __type(key, int); __type(value, struct elem); } arrmap SEC(".maps");
static struct bpf_res_spin_lock *lk(int k) { struct elem *e = bpf_map_lookup_elem(&arrmap, &k); return e ? &e->l : 0; }

extern void bpf_local_irq_save(unsigned long *) __weak __ksym;
extern void bpf_local_irq_restore(unsigned long *) __weak __ksym;
extern int bpf_copy_from_user_str(void *dst, u32 dst__sz, const void *unsafe_ptr__ign, u64 flags) __weak __ksym;
extern int bpf_iter_num_new(struct bpf_iter_num *it, int start, int end) __weak __ksym;
extern void bpf_iter_num_destroy(struct bpf_iter_num *it) __weak __ksym;
extern int bpf_res_spin_lock_irqsave(struct bpf_res_spin_lock *lock, unsigned long *flags__irq_flag) __weak __ksym;
extern void bpf_res_spin_unlock_irqrestore(struct bpf_res_spin_lock *lock, unsigned long *flags__irq_flag) __weak __ksym;
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;
extern void bpf_preempt_disable(void) __ksym;
extern void bpf_preempt_enable(void) __ksym;

SEC("?tc") int irq_save_bad_arg(struct __sk_buff *ctx) { bpf_local_irq_save(&global_flags); return 0; }
SEC("?tc") int irq_restore_bad_arg(struct __sk_buff *ctx) { bpf_local_irq_restore(&global_flags); return 0; }
SEC("?tc") int irq_restore_missing_2(struct __sk_buff *ctx)
{ unsigned long f1, f2; bpf_local_irq_save(&f1); bpf_local_irq_save(&f2); return 0; }
SEC("?tc") int irq_restore_missing_3_minus_2(struct __sk_buff *ctx)
{ unsigned long f1, f2, f3; bpf_local_irq_save(&f1); bpf_local_irq_save(&f2); bpf_local_irq_save(&f3);
  bpf_local_irq_restore(&f3); bpf_local_irq_restore(&f2); return 0; }

static __noinline void local_irq_save(unsigned long *flags) { bpf_local_irq_save(flags); }
static __noinline void local_irq_restore(unsigned long *flags) { bpf_local_irq_restore(flags); }

SEC("?tc") int irq_restore_missing_1_subprog(struct __sk_buff *ctx) { unsigned long f; local_irq_save(&f); return 0; }
SEC("?tc") int irq_restore_missing_3_minus_2_subprog(struct __sk_buff *ctx)
{ unsigned long f1, f2, f3; local_irq_save(&f1); local_irq_save(&f2); local_irq_save(&f3);
  local_irq_restore(&f3); local_irq_restore(&f2); return 0; }
SEC("?tc") int irq_balance(struct __sk_buff *ctx) { unsigned long f; local_irq_save(&f); local_irq_restore(&f); return 0; }
SEC("?tc") int irq_balance_n(struct __sk_buff *ctx)
{ unsigned long f1, f2, f3; local_irq_save(&f1); local_irq_save(&f2); local_irq_save(&f3);
  local_irq_restore(&f3); local_irq_restore(&f2); local_irq_restore(&f1); return 0; }
static __noinline void local_irq_balance(void) { unsigned long f; local_irq_save(&f); local_irq_restore(&f); }
static __noinline void local_irq_balance_n(void)
{ unsigned long f1, f2, f3; local_irq_save(&f1); local_irq_save(&f2); local_irq_save(&f3);
  local_irq_restore(&f3); local_irq_restore(&f2); local_irq_restore(&f1); }
SEC("?tc") int irq_balance_subprog(struct __sk_buff *ctx) { local_irq_balance(); return 0; }
SEC("?syscall") int irq_sleepable_helper(void *ctx)
{ unsigned long f; u32 data; local_irq_save(&f); bpf_copy_from_user(&data, sizeof(data), NULL); local_irq_restore(&f); return 0; }
SEC("?syscall") int irq_sleepable_kfunc(void *ctx)
{ unsigned long f; u32 data; local_irq_save(&f); bpf_copy_from_user_str(&data, sizeof(data), NULL, 0); local_irq_restore(&f); return 0; }
int __noinline global_local_irq_balance(void) { local_irq_balance_n(); return 0; }
SEC("?tc") int irq_global_subprog(struct __sk_buff *ctx)
{ unsigned long f; bpf_local_irq_save(&f); global_local_irq_balance(); bpf_local_irq_restore(&f); return 0; }
SEC("?tc") int irq_restore_ooo(struct __sk_buff *ctx)
{ unsigned long f1, f2; bpf_local_irq_save(&f1); bpf_local_irq_save(&f2); bpf_local_irq_restore(&f1); bpf_local_irq_restore(&f2); return 0; }
SEC("?tc") int irq_restore_ooo_3(struct __sk_buff *ctx)
{ unsigned long f1, f2, f3; bpf_local_irq_save(&f1); bpf_local_irq_save(&f2); bpf_local_irq_restore(&f2);
  bpf_local_irq_save(&f3); bpf_local_irq_restore(&f1); bpf_local_irq_restore(&f3); return 0; }
static __noinline void local_irq_save_3(unsigned long *f1, unsigned long *f2, unsigned long *f3)
{ local_irq_save(f1); local_irq_save(f2); local_irq_save(f3); }
SEC("?tc") int irq_restore_3_subprog(struct __sk_buff *ctx)
{ unsigned long f1, f2, f3; local_irq_save_3(&f1, &f2, &f3); bpf_local_irq_restore(&f3); bpf_local_irq_restore(&f2); bpf_local_irq_restore(&f1); return 0; }
SEC("?tc") int irq_restore_4_subprog(struct __sk_buff *ctx)
{ unsigned long f1, f2, f3, f4; local_irq_save_3(&f1, &f2, &f3); bpf_local_irq_restore(&f3); bpf_local_irq_save(&f4);
  bpf_local_irq_restore(&f4); bpf_local_irq_restore(&f1); return 0; }
SEC("?tc") int irq_restore_ooo_3_subprog(struct __sk_buff *ctx)
{ unsigned long f1, f2, f3; local_irq_save_3(&f1, &f2, &f3); bpf_local_irq_restore(&f3); bpf_local_irq_restore(&f2);
  bpf_local_irq_save(&f3); bpf_local_irq_restore(&f1); return 0; }
SEC("?tc") int irq_restore_invalid(struct __sk_buff *ctx)
{ unsigned long f1; volatile unsigned long f = 0xfaceb00c; bpf_local_irq_save(&f1); bpf_local_irq_restore((unsigned long *)&f); return 0; }
SEC("?tc") int irq_save_invalid(struct __sk_buff *ctx)
{ unsigned long f1; bpf_local_irq_save(&f1); bpf_local_irq_save(&f1); return 0; }
SEC("?tc") int irq_restore_iter(struct __sk_buff *ctx)
{ struct bpf_iter_num it; bpf_iter_num_new(&it, 0, 42); bpf_local_irq_restore((unsigned long *)&it); return 0; }
SEC("?tc") int irq_save_iter(struct __sk_buff *ctx)
{ struct bpf_iter_num it; bpf_iter_num_new(&it, 0, 42); bpf_local_irq_save((unsigned long *)&it); bpf_local_irq_restore((unsigned long *)&it); return 0; }
SEC("?tc") int irq_flag_overwrite(struct __sk_buff *ctx)
{ unsigned long f; bpf_local_irq_save(&f); *(volatile unsigned long *)&f = 0xdeadbeef; bpf_local_irq_restore(&f); return 0; }
SEC("?tc") int irq_flag_overwrite_partial(struct __sk_buff *ctx)
{ unsigned long f; bpf_local_irq_save(&f); *(((volatile char *)&f) + 1) = 0xff; bpf_local_irq_restore(&f); return 0; }
SEC("?tc") int irq_ooo_refs_array(struct __sk_buff *ctx)
{
	unsigned long flags[4];
	bpf_local_irq_save(&flags[0]);
	struct bpf_sock_tuple t = {};
	struct bpf_sock *sk = bpf_sk_lookup_tcp(ctx, &t, sizeof(t.ipv4), -1, 0);
	if (!sk) { bpf_local_irq_restore(&flags[0]); return 0; }
	bpf_local_irq_save(&flags[1]);
	bpf_local_irq_save(&flags[2]);
	bpf_sk_release(sk);
	bpf_local_irq_save(&flags[3]);
	bpf_local_irq_restore(&flags[3]);
	bpf_local_irq_restore(&flags[1]);
	bpf_local_irq_restore(&flags[2]);
	bpf_local_irq_restore(&flags[0]);
	return 0;
}
SEC("?tc") int irq_ooo_lock_cond_inv(struct __sk_buff *ctx)
{
	unsigned long flags1, flags2;
	struct bpf_res_spin_lock *lockA = lk(0), *lockB = lk(1);
	if (!lockA || !lockB) return 0;
	if (bpf_res_spin_lock_irqsave(lockA, &flags1)) return 0;
	if (bpf_res_spin_lock_irqsave(lockB, &flags2)) { bpf_res_spin_unlock_irqrestore(lockA, &flags1); return 0; }
	bpf_res_spin_unlock_irqrestore(lockB, &flags1);
	bpf_res_spin_unlock_irqrestore(lockA, &flags2);
	return 0;
}
SEC("?tc") int irq_wrong_kfunc_class_1(struct __sk_buff *ctx)
{
	unsigned long flags1;
	struct bpf_res_spin_lock *lockA = lk(0);
	if (!lockA) return 0;
	if (bpf_res_spin_lock_irqsave(lockA, &flags1)) return 0;
	bpf_local_irq_restore(&flags1);
	bpf_res_spin_unlock_irqrestore(lockA, &flags1);
	return 0;
}
SEC("?tc") int irq_wrong_kfunc_class_2(struct __sk_buff *ctx)
{
	unsigned long flags1, flags2;
	struct bpf_res_spin_lock *lockA = lk(0);
	if (!lockA) return 0;
	bpf_local_irq_save(&flags1);
	if (bpf_res_spin_lock_irqsave(lockA, &flags2)) return 0;
	bpf_local_irq_restore(&flags2);
	bpf_res_spin_unlock_irqrestore(lockA, &flags1);
	return 0;
}
SEC("?tc") int irq_wrong_kfunc_class_3(struct __sk_buff *ctx)
{
	unsigned long flags1;
	struct bpf_res_spin_lock *lockA = lk(0);
	if (!lockA) return 0;
	bpf_local_irq_save(&flags1);
	if (bpf_res_spin_lock_irqsave(lockA, &flags1)) { bpf_local_irq_restore(&flags1); return 0; }
	bpf_res_spin_unlock_irqrestore(lockA, &flags1);
	bpf_local_irq_restore(&flags1);
	return 0;
}
/* Extra cases: interaction with rcu/preempt, helpers in irq regions, loops, callbacks. */
SEC("?tc") int irq_rcu_inside(struct __sk_buff *ctx)
{ unsigned long f; bpf_local_irq_save(&f); bpf_rcu_read_lock(); bpf_rcu_read_unlock(); bpf_local_irq_restore(&f); return 0; }
SEC("?tc") int irq_preempt_inside(struct __sk_buff *ctx)
{ unsigned long f; bpf_preempt_disable(); bpf_local_irq_save(&f); bpf_local_irq_restore(&f); bpf_preempt_enable(); return 0; }
SEC("?tc") int irq_helper_inside(struct __sk_buff *ctx)
{ unsigned long f; bpf_local_irq_save(&f); u64 t = bpf_ktime_get_ns(); bpf_local_irq_restore(&f); return t & 1; }
SEC("?tc") int irq_branches(struct __sk_buff *ctx)
{ unsigned long f; int r = 0; bpf_local_irq_save(&f); if (ctx->len > 10) r = 1; else r = 2; bpf_local_irq_restore(&f); return r; }
SEC("?tc") int irq_restore_only(struct __sk_buff *ctx)
{ unsigned long f; bpf_local_irq_restore(&f); return 0; }
SEC("?tc") int irq_read_flag(struct __sk_buff *ctx)
{ unsigned long f; bpf_local_irq_save(&f); long v = *(volatile unsigned long *)&f; bpf_local_irq_restore(&f); return v & 1; }
static int cb(u32 i, void *c) { unsigned long f; bpf_local_irq_save(&f); return 0; }
SEC("?tc") int irq_loop_cb_leak(struct __sk_buff *ctx) { bpf_loop(2, cb, 0, 0); return 0; }
static int cb2(u32 i, void *c) { unsigned long f; bpf_local_irq_save(&f); bpf_local_irq_restore(&f); return 0; }
SEC("?tc") int irq_loop_cb_ok(struct __sk_buff *ctx) { bpf_loop(2, cb2, 0, 0); return 0; }
static int cb3(u32 i, void *c) { bpf_local_irq_restore((unsigned long *)c); return 0; }
SEC("?tc") int irq_loop_outer(struct __sk_buff *ctx) { unsigned long f; bpf_local_irq_save(&f); bpf_loop(2, cb2, 0, 0); bpf_local_irq_restore(&f); return 0; }
static __noinline int leak_sub(void) { unsigned long f; bpf_local_irq_save(&f); return 0; }
SEC("?tc") int irq_subprog_leak_frame(struct __sk_buff *ctx) { leak_sub(); return 0; }
SEC("?tc") int irq_tail_call(struct __sk_buff *ctx) { unsigned long f; bpf_local_irq_save(&f); bpf_tail_call(ctx, 0, 0); bpf_local_irq_restore(&f); return 0; }


int __noinline global_sleeper(void) { u32 d; bpf_copy_from_user(&d, sizeof(d), NULL); return d; }
SEC("?syscall") int irq_global_sleepable(void *ctx)
{ unsigned long f; bpf_local_irq_save(&f); global_sleeper(); bpf_local_irq_restore(&f); return 0; }
SEC("?syscall") int irq_global_nonsleep_in_sleepable(void *ctx)
{ unsigned long f; bpf_local_irq_save(&f); global_local_irq_balance(); bpf_local_irq_restore(&f); return 0; }
SEC("?syscall") int irq_rcu_sleepable(void *ctx)
{ unsigned long f; u32 d; bpf_rcu_read_lock(); bpf_local_irq_save(&f); bpf_local_irq_restore(&f); bpf_rcu_read_unlock(); bpf_copy_from_user(&d, sizeof(d), NULL); return d; }

SEC("?syscall") int rcu_sleepable_helper(void *ctx)
{ u32 d; bpf_rcu_read_lock(); bpf_copy_from_user(&d, sizeof(d), NULL); bpf_rcu_read_unlock(); return d; }
SEC("?syscall") int preempt_sleepable_helper(void *ctx)
{ u32 d; bpf_preempt_disable(); bpf_copy_from_user(&d, sizeof(d), NULL); bpf_preempt_enable(); return d; }
SEC("?syscall") int rcu_global_sleepable(void *ctx)
{ bpf_rcu_read_lock(); global_sleeper(); bpf_rcu_read_unlock(); return 0; }
SEC("?syscall") int global_sleepable_ok(void *ctx) { return global_sleeper(); }
SEC("?syscall") int irq_sleepable_ok(void *ctx)
{ unsigned long f; u32 d; bpf_local_irq_save(&f); bpf_local_irq_restore(&f); bpf_copy_from_user(&d, sizeof(d), NULL); return d; }

static __noinline int static_sleeper(void) { u32 d; bpf_copy_from_user(&d, sizeof(d), NULL); return d; }
int __noinline global_indirect_sleeper(void) { return static_sleeper(); }
SEC("?syscall") int irq_global_indirect_sleepable(void *ctx)
{ unsigned long f; bpf_local_irq_save(&f); global_indirect_sleeper(); bpf_local_irq_restore(&f); return 0; }
int __noinline global_calls_global_sleeper(void) { return global_sleeper(); }
SEC("?syscall") int irq_global_global_sleepable(void *ctx)
{ unsigned long f; bpf_local_irq_save(&f); global_calls_global_sleeper(); bpf_local_irq_restore(&f); return 0; }

extern int *bpf_iter_num_next(struct bpf_iter_num *it) __weak __ksym;
SEC("?tc") int irq_in_loop(struct __sk_buff *ctx)
{
	struct bpf_iter_num it; int *v; int s = 0;
	bpf_iter_num_new(&it, 0, 10);
	while ((v = bpf_iter_num_next(&it))) { unsigned long f; bpf_local_irq_save(&f); s += *v; bpf_local_irq_restore(&f); }
	bpf_iter_num_destroy(&it);
	return s;
}
SEC("?tc") int irq_around_loop(struct __sk_buff *ctx)
{
	struct bpf_iter_num it; int *v; int s = 0; unsigned long f;
	bpf_local_irq_save(&f);
	bpf_iter_num_new(&it, 0, 10);
	while ((v = bpf_iter_num_next(&it))) s += *v;
	bpf_iter_num_destroy(&it);
	bpf_local_irq_restore(&f);
	return s;
}
SEC("?tc") int irq_loop_leak(struct __sk_buff *ctx)
{
	struct bpf_iter_num it; int *v; int s = 0; unsigned long f;
	bpf_iter_num_new(&it, 0, 10);
	while ((v = bpf_iter_num_next(&it))) { bpf_local_irq_save(&f); s += *v; }
	bpf_iter_num_destroy(&it);
	return s;
}
SEC("?tc") int irq_cond_save(struct __sk_buff *ctx)
{
	unsigned long f; int c = ctx->len > 5;
	if (c) bpf_local_irq_save(&f);
	if (c) bpf_local_irq_restore(&f);
	return 0;
}
static __noinline void restore_ptr(unsigned long *f) { bpf_local_irq_restore(f); }
SEC("?tc") int irq_restore_in_callee(struct __sk_buff *ctx)
{ unsigned long f; bpf_local_irq_save(&f); restore_ptr(&f); return 0; }
SEC("?tc") int irq_var_off(struct __sk_buff *ctx)
{ unsigned long f[2]; unsigned long i = ctx->len & 1; bpf_local_irq_save(&f[i]); bpf_local_irq_restore(&f[i]); return 0; }
SEC("?tc") int irq_misaligned(struct __sk_buff *ctx)
{ unsigned long f[2]; bpf_local_irq_save((unsigned long *)((char *)f + 4)); return 0; }
SEC("?tc") int irq_flag_to_helper(struct __sk_buff *ctx)
{ unsigned long f; bpf_local_irq_save(&f); bpf_get_current_comm(&f, 8); bpf_local_irq_restore(&f); return 0; }
SEC("?tc") int irq_flag_read_helper(struct __sk_buff *ctx)
{ unsigned long f; bpf_local_irq_save(&f); long r = bpf_skb_store_bytes(ctx, 0, &f, 8, 0); bpf_local_irq_restore(&f); return r; }

struct { __uint(type, BPF_MAP_TYPE_PROG_ARRAY); __uint(max_entries, 1); __type(key, int); __type(value, int); } jmp SEC(".maps");
SEC("?tc") int irq_tail_call2(struct __sk_buff *ctx) { unsigned long f; bpf_local_irq_save(&f); bpf_tail_call(ctx, &jmp, 0); bpf_local_irq_restore(&f); return 0; }
extern void bpf_throw(u64 cookie) __ksym;
extern int bpf_res_spin_lock(struct bpf_res_spin_lock *lock) __weak __ksym;
extern void bpf_res_spin_unlock(struct bpf_res_spin_lock *lock) __weak __ksym;
SEC("?tc") int irq_throw(struct __sk_buff *ctx) { unsigned long f; bpf_local_irq_save(&f); if (ctx->len > 3) bpf_throw(1); bpf_local_irq_restore(&f); return 0; }
SEC("?tc") int reslock_throw(struct __sk_buff *ctx)
{ struct bpf_res_spin_lock *l = lk(0); if (!l) return 0; if (bpf_res_spin_lock(l)) return 0; if (ctx->len > 3) bpf_throw(1); bpf_res_spin_unlock(l); return 0; }
static __noinline int sub_throw(int x) { if (x > 3) bpf_throw(1); return x; }
SEC("?tc") int irq_throw_sub(struct __sk_buff *ctx) { unsigned long f; bpf_local_irq_save(&f); sub_throw(ctx->len); bpf_local_irq_restore(&f); return 0; }
char _license[] SEC("license") = "GPL";
