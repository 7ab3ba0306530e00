#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#define NAKED __attribute__((naked))
#define __kptr_untrusted __attribute__((btf_type_tag("kptr_untrusted")))
#define __kptr __attribute__((btf_type_tag("kptr")))
struct task_struct { int pid; } __attribute__((preserve_access_index));
struct task_struct *keep_ts __attribute__((used));
struct val { int cnt; struct bpf_spin_lock l; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, int); __type(value, struct val); } m_lock SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, int); __type(value, long); } m_plain SEC(".maps");
struct kval { long x; struct task_struct __kptr_untrusted *u; struct task_struct __kptr *r; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, int); __type(value, struct kval); } m_kptr SEC(".maps");

#define LOOKUP(m) "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[" #m "] ll; call 1;"
#define IMM(m) [m] "i"(&m)

SEC("tc") NAKED int lock_ok(void) { asm volatile(LOOKUP(m_lock)
 "if r0 == 0 goto l0_%=; r6 = r0; r1 = r6; r1 += 4; call 93; r1 = *(u32 *)(r6 + 0); r1 += 1; *(u32 *)(r6 + 0) = r1; r1 = r6; r1 += 4; call 94; l0_%=: r0 = 0; exit;" :: IMM(m_lock) : "memory"); }
SEC("tc") NAKED int lock_wrong_off(void) { asm volatile(LOOKUP(m_lock)
 "if r0 == 0 goto l0_%=; r1 = r0; call 93; l0_%=: r0 = 0; exit;" :: IMM(m_lock) : "memory"); }
SEC("tc") NAKED int lock_direct_read(void) { asm volatile(LOOKUP(m_lock)
 "if r0 == 0 goto l0_%=; r0 = *(u32 *)(r0 + 4); l0_%=: r0 = 0; exit;" :: IMM(m_lock) : "memory"); }
SEC("tc") NAKED int lock_missing_unlock(void) { asm volatile(LOOKUP(m_lock)
 "if r0 == 0 goto l0_%=; r1 = r0; r1 += 4; call 93; l0_%=: r0 = 0; exit;" :: IMM(m_lock) : "memory"); }
SEC("tc") NAKED int lock_call_inside(void) { asm volatile(LOOKUP(m_lock)
 "if r0 == 0 goto l0_%=; r6 = r0; r1 = r0; r1 += 4; call 93; call 7; r1 = r6; r1 += 4; call 94; l0_%=: r0 = 0; exit;" :: IMM(m_lock) : "memory"); }
SEC("tc") NAKED int unlock_without_lock(void) { asm volatile(LOOKUP(m_lock)
 "if r0 == 0 goto l0_%=; r1 = r0; r1 += 4; call 94; l0_%=: r0 = 0; exit;" :: IMM(m_lock) : "memory"); }
SEC("tc") NAKED int lock_stack_arg(void) { asm volatile(
 "r1 = 0; *(u64 *)(r10 - 8) = r1; r1 = r10; r1 += -8; call 93; r0 = 0; exit;" ::: "memory"); }
SEC("tc") NAKED int lock_var_off(void) { asm volatile(LOOKUP(m_lock)
 "if r0 == 0 goto l0_%=; r6 = r0; call 7; r0 &= 4; r1 = r6; r1 += r0; call 93; l0_%=: r0 = 0; exit;" :: IMM(m_lock) : "memory"); }
SEC("tc") NAKED int lock_different(void) { asm volatile(LOOKUP(m_lock)
 "if r0 == 0 goto l0_%=; r6 = r0;" LOOKUP(m_lock) "if r0 == 0 goto l0_%=; r7 = r0; r1 = r6; r1 += 4; call 93; r1 = r7; r1 += 4; call 94; l0_%=: r0 = 0; exit;" :: IMM(m_lock) : "memory"); }
SEC("tc") NAKED int lock_no_lock_map(void) { asm volatile(LOOKUP(m_plain)
 "if r0 == 0 goto l0_%=; r1 = r0; call 93; l0_%=: r0 = 0; exit;" :: IMM(m_plain) : "memory"); }
SEC("tc") NAKED int lock_maybe_null(void) { asm volatile(LOOKUP(m_lock)
 "r1 = r0; r1 += 4; call 93; r0 = 0; exit;" :: IMM(m_lock) : "memory"); }
SEC("tc") NAKED int lock_branches(void) { asm volatile(LOOKUP(m_lock)
 "if r0 == 0 goto l0_%=; r6 = r0; call 7; r7 = r0; r1 = r6; r1 += 4; call 93; if r7 > 5 goto l1_%=; r1 = 1; *(u32 *)(r6 + 0) = r1; l1_%=: r1 = r6; r1 += 4; call 94; l0_%=: r0 = 0; exit;" :: IMM(m_lock) : "memory"); }
SEC("tc") NAKED int kptr_load(void) { asm volatile(LOOKUP(m_kptr)
 "if r0 == 0 goto l0_%=; r1 = *(u64 *)(r0 + 8); if r1 == 0 goto l0_%=; r0 = *(u32 *)(r1 + 0); l0_%=: r0 = 0; exit;" :: IMM(m_kptr) : "memory"); }
SEC("tc") NAKED int kptr_load_ref(void) { asm volatile(LOOKUP(m_kptr)
 "if r0 == 0 goto l0_%=; r1 = *(u64 *)(r0 + 16); if r1 == 0 goto l0_%=; r0 = *(u32 *)(r1 + 0); l0_%=: r0 = 0; exit;" :: IMM(m_kptr) : "memory"); }
SEC("tc") NAKED int kptr_store_ref(void) { asm volatile(LOOKUP(m_kptr)
 "if r0 == 0 goto l0_%=; r1 = 0; *(u64 *)(r0 + 16) = r1; l0_%=: r0 = 0; exit;" :: IMM(m_kptr) : "memory"); }
SEC("tc") NAKED int kptr_store_null(void) { asm volatile(LOOKUP(m_kptr)
 "if r0 == 0 goto l0_%=; r1 = 0; *(u64 *)(r0 + 8) = r1; l0_%=: r0 = 0; exit;" :: IMM(m_kptr) : "memory"); }
SEC("tc") NAKED int kptr_narrow(void) { asm volatile(LOOKUP(m_kptr)
 "if r0 == 0 goto l0_%=; r1 = *(u32 *)(r0 + 8); l0_%=: r0 = 0; exit;" :: IMM(m_kptr) : "memory"); }
SEC("tc") NAKED int kptr_misaligned(void) { asm volatile(LOOKUP(m_kptr)
 "if r0 == 0 goto l0_%=; r1 = *(u64 *)(r0 + 4); l0_%=: r0 = 0; exit;" :: IMM(m_kptr) : "memory"); }
SEC("tc") NAKED int kptr_st_imm(void) { asm volatile(LOOKUP(m_kptr)
 "if r0 == 0 goto l0_%=; *(u64 *)(r0 + 8) = 1; l0_%=: r0 = 0; exit;" :: IMM(m_kptr) : "memory"); }
SEC("tc") NAKED int kptr_helper(void) { asm volatile(LOOKUP(m_kptr)
 "if r0 == 0 goto l0_%=; r1 = r0; r2 = 16; r3 = 0; call 113; l0_%=: r0 = 0; exit;" :: IMM(m_kptr) : "memory"); }
char _license[] SEC("license") = "GPL";
extern struct task_struct *bpf_task_from_pid(int pid) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
SEC("tc") int xchg_ok(void *ctx) {
	int key = 0; struct kval *v = bpf_map_lookup_elem(&m_kptr, &key); struct task_struct *t;
	if (!v) return 0;
	t = bpf_task_from_pid(1); if (!t) return 0;
	t = bpf_kptr_xchg(&v->r, t); if (t) bpf_task_release(t);
	return 0; }
SEC("tc") int xchg_leak(void *ctx) {
	int key = 0; struct kval *v = bpf_map_lookup_elem(&m_kptr, &key); struct task_struct *t;
	if (!v) return 0;
	t = bpf_task_from_pid(1); if (!t) return 0;
	t = bpf_kptr_xchg(&v->r, t);
	return t != 0; }
SEC("tc") int xchg_untrusted_field(void *ctx) {
	int key = 0; struct kval *v = bpf_map_lookup_elem(&m_kptr, &key); struct task_struct *t;
	if (!v) return 0;
	t = bpf_task_from_pid(1); if (!t) return 0;
	t = bpf_kptr_xchg(&v->u, t); if (t) bpf_task_release(t);
	return 0; }
SEC("tc") int xchg_null(void *ctx) {
	int key = 0; struct kval *v = bpf_map_lookup_elem(&m_kptr, &key); struct task_struct *t;
	if (!v) return 0;
	t = bpf_kptr_xchg(&v->r, NULL); if (t) bpf_task_release(t);
	return 0; }
SEC("tc") int xchg_unreferenced(void *ctx) {
	int key = 0; struct kval *v = bpf_map_lookup_elem(&m_kptr, &key); struct task_struct *t;
	if (!v) return 0;
	t = v->r; if (!t) return 0;
	t = bpf_kptr_xchg(&v->r, t); if (t) bpf_task_release(t);
	return 0; }
extern void *bpf_obj_new_impl(__u64 local_type_id, void *meta) __ksym;
extern void bpf_obj_drop_impl(void *kptr, void *meta) __ksym;
#define bpf_obj_new(type) ((type *)bpf_obj_new_impl(bpf_core_type_id_local(type), NULL))
#define bpf_obj_drop(kptr) bpf_obj_drop_impl(kptr, NULL)
struct lobj { struct bpf_spin_lock l; int data; };
struct plain_obj { long a; long b; };
SEC("tc") int obj_new_drop(void *ctx) {
	struct plain_obj *p = bpf_obj_new(struct plain_obj); if (!p) return 0;
	bpf_obj_drop(p); return 0; }
SEC("tc") int obj_new_leak(void *ctx) {
	struct plain_obj *p = bpf_obj_new(struct plain_obj); if (!p) return 0;
	return 1; }
SEC("tc") int obj_lock(void *ctx) {
	struct lobj *p = bpf_obj_new(struct lobj); if (!p) return 0;
	bpf_spin_lock(&p->l); bpf_spin_unlock(&p->l); bpf_obj_drop(p); return 0; }
SEC("tc") int obj_lock_mismatch(void *ctx) {
	int key = 0; struct val *v = bpf_map_lookup_elem(&m_lock, &key); struct lobj *p;
	if (!v) return 0;
	p = bpf_obj_new(struct lobj); if (!p) return 0;
	bpf_spin_lock(&p->l); bpf_spin_unlock(&v->l); bpf_obj_drop(p); return 0; }
SEC("tc") int obj_drop_under_lock(void *ctx) {
	struct lobj *p = bpf_obj_new(struct lobj); if (!p) return 0;
	bpf_spin_lock(&p->l); bpf_obj_drop(p); bpf_spin_unlock(&p->l); return 0; }
SEC("tc") int obj_no_lock(void *ctx) {
	struct plain_obj *p = bpf_obj_new(struct plain_obj); if (!p) return 0;
	bpf_spin_lock((void *)p); bpf_spin_unlock((void *)p); bpf_obj_drop(p); return 0; }
SEC("tc") int obj_drop_null(void *ctx) {
	struct plain_obj *p = bpf_obj_new(struct plain_obj);
	bpf_obj_drop(p); return 0; }
/* zero-sized helper access starting inside the lock (built on its own as z.c: same map, same prologue) */
SEC("tc") NAKED int zero_size_in_lock(void) { asm volatile(LOOKUP(m_lock)
 "if r0 == 0 goto l0_%=; r1 = r0; r1 += 5; r2 = 0; r3 = 0; call 113; l0_%=: r0 = 0; exit;" :: IMM(m_lock) : "memory"); }
