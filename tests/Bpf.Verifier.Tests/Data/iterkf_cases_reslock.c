// Build: clang-19 -O2 -g --target=bpf -mcpu=v3 -D__TARGET_ARCH_x86 -I<dir of the 6.18 vmlinux.h> -I<libbpf headers> -c THIS.c
// Ported from tools/testing/selftests/bpf/progs/res_spin_lock{,_fail}.c (Linux 6.18); verdicts from the live kernel.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct arr_elem { struct bpf_res_spin_lock lock; int v; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 2); __type(key, int); __type(value, struct arr_elem); } arrmap SEC(".maps");
struct arr_elem2 { int pad; struct bpf_res_spin_lock lock; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, int); __type(value, struct arr_elem2); } arrmap2 SEC(".maps");
struct plain { long a; long b; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, int); __type(value, struct plain); } plainmap SEC(".maps");
struct sl_elem { struct bpf_spin_lock lock; int v; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, int); __type(value, struct sl_elem); } slmap SEC(".maps");

extern void bpf_local_irq_save(unsigned long *) __weak __ksym;
extern void bpf_local_irq_restore(unsigned long *) __weak __ksym;
extern int bpf_res_spin_lock(struct bpf_res_spin_lock *lock) __weak __ksym;
extern void bpf_res_spin_unlock(struct bpf_res_spin_lock *lock) __weak __ksym;
extern int bpf_res_spin_lock_irqsave(struct bpf_res_spin_lock *lock, unsigned long *flags__irq_flag) __weak __ksym;
extern void bpf_res_spin_unlock_irqrestore(struct bpf_res_spin_lock *lock, unsigned long *flags__irq_flag) __weak __ksym;

static struct arr_elem *el(int k) { return bpf_map_lookup_elem(&arrmap, &k); }

SEC("?tc") int res_spin_lock_AA(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); if (!e) return 0; bpf_res_spin_lock(&e->lock); bpf_res_spin_lock(&e->lock); return 0; }
SEC("?tc") int res_spin_lock_cond_AA(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); if (!e) return 0; if (bpf_res_spin_lock(&e->lock)) return 0; bpf_res_spin_lock(&e->lock); return 0; }
SEC("?tc") int res_spin_lock_basic(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); if (!e) return 0; if (bpf_res_spin_lock(&e->lock)) return 0; e->v++; bpf_res_spin_unlock(&e->lock); return 0; }
SEC("?tc") int res_spin_lock_unchecked(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); if (!e) return 0; bpf_res_spin_lock(&e->lock); e->v++; bpf_res_spin_unlock(&e->lock); return 0; }
SEC("?tc") int res_spin_lock_ret_value(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); if (!e) return 0; int r = bpf_res_spin_lock(&e->lock); if (r) return r + 4095 < 0 ? 7 : 0; bpf_res_spin_unlock(&e->lock); return 0; }
SEC("?tc") int res_spin_lock_mismatch(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0), *f = el(1); if (!e || !f) return 0; if (bpf_res_spin_lock(&e->lock)) return 0; bpf_res_spin_unlock(&f->lock); return 0; }
SEC("?tc") int res_spin_lock_irq_mismatch_1(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); unsigned long f1; if (!e) return 0; bpf_local_irq_save(&f1); if (bpf_res_spin_lock(&e->lock)) return 0;
  bpf_res_spin_unlock_irqrestore(&e->lock, &f1); return 0; }
SEC("?tc") int res_spin_lock_irq_mismatch_2(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); unsigned long f1; if (!e) return 0; if (bpf_res_spin_lock_irqsave(&e->lock, &f1)) return 0;
  bpf_res_spin_unlock(&e->lock); return 0; }
SEC("?tc") int res_spin_lock_ooo(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); struct arr_elem2 *g = bpf_map_lookup_elem(&arrmap2, &(int){0}); if (!e || !g) return 0;
  if (bpf_res_spin_lock(&g->lock)) return 0;
  if (bpf_res_spin_lock(&e->lock)) { bpf_res_spin_unlock(&g->lock); return 0; }
  bpf_res_spin_unlock(&e->lock); bpf_res_spin_unlock(&g->lock); return 0; }
SEC("?tc") int res_spin_lock_ooo_irq(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); struct arr_elem2 *g = bpf_map_lookup_elem(&arrmap2, &(int){0}); unsigned long f1, f2; if (!e || !g) return 0;
  if (bpf_res_spin_lock_irqsave(&g->lock, &f1)) return 0;
  if (bpf_res_spin_lock_irqsave(&e->lock, &f2)) { bpf_res_spin_unlock_irqrestore(&g->lock, &f1); return 0; }
  bpf_res_spin_unlock_irqrestore(&e->lock, &f2); bpf_res_spin_unlock_irqrestore(&g->lock, &f1); return 0; }
SEC("?tc") int res_spin_lock_ooo_unlock(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); struct arr_elem2 *g = bpf_map_lookup_elem(&arrmap2, &(int){0}); if (!e || !g) return 0;
  if (bpf_res_spin_lock(&g->lock)) return 0;
  if (bpf_res_spin_lock(&e->lock)) { bpf_res_spin_unlock(&g->lock); return 0; }
  bpf_res_spin_unlock(&g->lock); bpf_res_spin_unlock(&e->lock); return 0; }
SEC("?tc") int res_spin_lock_same_map_two(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0), *f = el(1); if (!e || !f) return 0;
  if (bpf_res_spin_lock(&e->lock)) return 0;
  if (bpf_res_spin_lock(&f->lock)) { bpf_res_spin_unlock(&e->lock); return 0; }
  bpf_res_spin_unlock(&f->lock); bpf_res_spin_unlock(&e->lock); return 0; }
SEC("?tc") int res_spin_lock_bad_off(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); if (!e) return 0; bpf_res_spin_lock((void *)&e->lock + 1); return 0; }
SEC("?tc") int res_spin_lock_bad_off2(struct __sk_buff *ctx)
{ struct arr_elem2 *g = bpf_map_lookup_elem(&arrmap2, &(int){0}); if (!g) return 0; bpf_res_spin_lock((void *)g); return 0; }
SEC("?tc") int res_spin_lock_var_off(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); if (!e) return 0; unsigned long o = ctx->len & 4; bpf_res_spin_lock((void *)e + o); return 0; }
SEC("?tc") int res_spin_lock_no_lock_map(struct __sk_buff *ctx)
{ struct plain *p = bpf_map_lookup_elem(&plainmap, &(int){0}); if (!p) return 0; bpf_res_spin_lock((void *)p); return 0; }
SEC("?tc") int res_spin_lock_spin_lock_map(struct __sk_buff *ctx)
{ struct sl_elem *p = bpf_map_lookup_elem(&slmap, &(int){0}); if (!p) return 0; bpf_res_spin_lock((void *)p); return 0; }
SEC("?tc") int res_spin_lock_stack_arg(struct __sk_buff *ctx)
{ struct bpf_res_spin_lock l = {}; bpf_res_spin_lock(&l); return 0; }
SEC("?tc") int res_spin_lock_null_arg(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); bpf_res_spin_lock(&e->lock); return 0; }
SEC("?tc") int res_spin_lock_leak(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); if (!e) return 0; if (bpf_res_spin_lock(&e->lock)) return 0; return 0; }
SEC("?tc") int res_spin_lock_helper_inside(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); if (!e) return 0; if (bpf_res_spin_lock(&e->lock)) return 0; e->v = bpf_ktime_get_ns(); bpf_res_spin_unlock(&e->lock); return 0; }
SEC("?tc") int res_spin_unlock_without(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); if (!e) return 0; bpf_res_spin_unlock(&e->lock); return 0; }
SEC("?tc") int res_spin_lock_unlock_irq_wrong_flag(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); unsigned long f1, f2; if (!e) return 0; if (bpf_res_spin_lock_irqsave(&e->lock, &f1)) return 0;
  bpf_res_spin_unlock_irqrestore(&e->lock, &f2); return 0; }
SEC("?tc") int res_spin_lock_irq_ok(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); unsigned long f1; if (!e) return 0; if (bpf_res_spin_lock_irqsave(&e->lock, &f1)) return 0;
  e->v++; bpf_res_spin_unlock_irqrestore(&e->lock, &f1); return 0; }
SEC("?tc") int res_spin_lock_then_spin_lock(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); struct sl_elem *p = bpf_map_lookup_elem(&slmap, &(int){0}); if (!e || !p) return 0;
  bpf_spin_lock(&p->lock); if (bpf_res_spin_lock(&e->lock)) { bpf_spin_unlock(&p->lock); return 0; }
  bpf_res_spin_unlock(&e->lock); bpf_spin_unlock(&p->lock); return 0; }
static __noinline int sub_lock(struct arr_elem *e) { if (bpf_res_spin_lock(&e->lock)) return 0; bpf_res_spin_unlock(&e->lock); return 1; }
SEC("?tc") int res_spin_lock_in_subprog(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); if (!e) return 0; return sub_lock(e); }
SEC("?tc") int res_spin_lock_loop(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); if (!e) return 0;
  for (int i = 0; i < 4; i++) { if (bpf_res_spin_lock(&e->lock)) continue; e->v += i; bpf_res_spin_unlock(&e->lock); } return 0; }

#define __contains(name, node) __attribute__((btf_decl_tag("contains:" #name ":" #node)))
extern void *bpf_obj_new_impl(__u64 local_type_id__k, void *meta__ign) __ksym;
extern void bpf_obj_drop_impl(void *kptr, void *meta__ign) __ksym;
struct lobj { struct bpf_res_spin_lock l; int v; };
SEC("?tc") int res_spin_lock_local_obj(struct __sk_buff *ctx)
{
	struct lobj *p = bpf_obj_new_impl(bpf_core_type_id_local(struct lobj), 0);
	if (!p) return 0;
	if (!bpf_res_spin_lock(&p->l)) { p->v = 1; bpf_res_spin_unlock(&p->l); }
	bpf_obj_drop_impl(p, 0);
	return 0;
}
SEC("?tc") int res_spin_lock_local_obj_drop_locked(struct __sk_buff *ctx)
{
	struct lobj *p = bpf_obj_new_impl(bpf_core_type_id_local(struct lobj), 0);
	if (!p) return 0;
	if (bpf_res_spin_lock(&p->l)) { bpf_obj_drop_impl(p, 0); return 0; }
	bpf_obj_drop_impl(p, 0);
	return 0;
}
struct arr_elem3 { long pad[2]; struct bpf_res_spin_lock lock; };
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 4); __type(key, int); __type(value, struct arr_elem3); } hmap SEC(".maps");
SEC("?tc") int res_spin_lock_nest3(struct __sk_buff *ctx)
{
	struct arr_elem *e = el(0), *f = el(1); struct arr_elem3 *h = bpf_map_lookup_elem(&hmap, &(int){0});
	if (!e || !f || !h) return 0;
	if (bpf_res_spin_lock(&e->lock)) return 0;
	if (bpf_res_spin_lock(&f->lock)) goto u1;
	if (bpf_res_spin_lock(&h->lock)) goto u2;
	bpf_res_spin_unlock(&h->lock);
u2:	bpf_res_spin_unlock(&f->lock);
u1:	bpf_res_spin_unlock(&e->lock);
	return 0;
}
SEC("?tc") int res_spin_lock_nested_irq_mix(struct __sk_buff *ctx)
{
	struct arr_elem *e = el(0), *f = el(1); unsigned long fl;
	if (!e || !f) return 0;
	if (bpf_res_spin_lock(&e->lock)) return 0;
	if (bpf_res_spin_lock_irqsave(&f->lock, &fl)) { bpf_res_spin_unlock(&e->lock); return 0; }
	bpf_res_spin_unlock_irqrestore(&f->lock, &fl);
	bpf_res_spin_unlock(&e->lock);
	return 0;
}
SEC("?tc") int res_spin_lock_unlock_twice(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); if (!e) return 0; if (bpf_res_spin_lock(&e->lock)) return 0; bpf_res_spin_unlock(&e->lock); bpf_res_spin_unlock(&e->lock); return 0; }
SEC("?tc") int res_spin_lock_unlock_wrong_kind(struct __sk_buff *ctx)
{ struct sl_elem *p = bpf_map_lookup_elem(&slmap, &(int){0}); if (!p) return 0; bpf_spin_lock(&p->lock); bpf_res_spin_unlock((void *)p); return 0; }
SEC("?tc") int res_spin_lock_spin_unlock(struct __sk_buff *ctx)
{ struct sl_elem *p = bpf_map_lookup_elem(&slmap, &(int){0}); struct arr_elem *e = el(0); if (!p || !e) return 0;
  if (bpf_res_spin_lock(&e->lock)) return 0; bpf_spin_unlock(&p->lock); return 0; }
int __noinline gfn(int x) { return x + 1; }
SEC("?tc") int res_spin_lock_global(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); if (!e) return 0; if (bpf_res_spin_lock(&e->lock)) return 0; e->v = gfn(e->v); bpf_res_spin_unlock(&e->lock); return 0; }
SEC("?tc") int res_spin_lock_ret_unchecked_use(struct __sk_buff *ctx)
{ struct arr_elem *e = el(0); if (!e) return 0; int r = bpf_res_spin_lock(&e->lock); if (r < -4095) return 1; if (r == 0) bpf_res_spin_unlock(&e->lock); return 0; }
char _license[] SEC("license") = "GPL";
