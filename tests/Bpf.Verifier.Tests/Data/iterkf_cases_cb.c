// Build: clang-19 -O2 -g --target=bpf -mcpu=v3 -D__TARGET_ARCH_x86 -I<dir of the 6.18 vmlinux.h> -I<libbpf headers> -c THIS.c
// IRQ flags and resilient locks across callbacks, static and global subprograms; verdicts from the live kernel.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
extern void bpf_local_irq_save(unsigned long *) __weak __ksym;
extern void bpf_local_irq_restore(unsigned long *) __weak __ksym;
struct elem { struct bpf_res_spin_lock l; int v; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 2); __type(key, int); __type(value, struct elem); } arrmap SEC(".maps");
extern int bpf_res_spin_lock(struct bpf_res_spin_lock *lock) __weak __ksym;
extern void bpf_res_spin_unlock(struct bpf_res_spin_lock *lock) __weak __ksym;
static int cb_restore(u32 i, void *c) { bpf_local_irq_restore((unsigned long *)c); return 1; }
SEC("?tc") int irq_cb_restore_outer(struct __sk_buff *ctx) { unsigned long f; bpf_local_irq_save(&f); bpf_loop(1, cb_restore, &f, 0); return 0; }
static int cb_save(u32 i, void *c) { bpf_local_irq_save((unsigned long *)c); return 1; }
SEC("?tc") int irq_cb_save_outer(struct __sk_buff *ctx) { unsigned long f; bpf_loop(1, cb_save, &f, 0); bpf_local_irq_restore(&f); return 0; }
int __noinline gsave(void) { unsigned long f; bpf_local_irq_save(&f); return 0; }
SEC("?tc") int irq_global_leaks(struct __sk_buff *ctx) { return gsave(); }
static int cb_lock(u32 i, void *c) { struct elem *e = bpf_map_lookup_elem(&arrmap, &(int){0}); if (!e) return 1; if (bpf_res_spin_lock(&e->l)) return 1; e->v++; bpf_res_spin_unlock(&e->l); return 0; }
SEC("?tc") int reslock_in_cb(struct __sk_buff *ctx) { struct elem *e = bpf_map_lookup_elem(&arrmap, &(int){0}); if (!e) return 0; bpf_loop(3, cb_lock, 0, 0); return 0; }
static int cb_lock_leak(u32 i, void *c) { struct elem *e = bpf_map_lookup_elem(&arrmap, &(int){0}); if (!e) return 1; bpf_res_spin_lock(&e->l); return 0; }
SEC("?tc") int reslock_cb_leak(struct __sk_buff *ctx) { struct elem *e = bpf_map_lookup_elem(&arrmap, &(int){0}); if (!e) return 0; bpf_loop(3, cb_lock_leak, 0, 0); return 0; }
static __noinline int lock_only(struct elem *e) { return bpf_res_spin_lock(&e->l); }
SEC("?tc") int reslock_lock_in_sub_unlock_in_main(struct __sk_buff *ctx)
{ struct elem *e = bpf_map_lookup_elem(&arrmap, &(int){0}); if (!e) return 0; if (lock_only(e)) return 0; bpf_res_spin_unlock(&e->l); return 0; }

int __noinline global_sleeper(void) { u32 d; bpf_copy_from_user(&d, sizeof(d), NULL); return d; }
SEC("?tp_btf/task_newtask") int nonsleep_calls_global_sleeper(void *ctx) { return global_sleeper(); }
static int cb_nosleep(u32 i, void *c) { return 0; }
int __noinline global_with_cb(void) { bpf_loop(2, cb_nosleep, 0, 0); return 0; }
SEC("?tc") int nonsleep_global_with_cb(struct __sk_buff *ctx) { return global_with_cb(); }
char _license[] SEC("license") = "GPL";
