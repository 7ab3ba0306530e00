/* bpf_wq and bpf_task_work kfuncs with their async callbacks (strkf). */
#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
#define NAKED __attribute__((naked))
#define __ksym __attribute__((section(".ksyms")))
#define __imm(name) [name]"i"(name)
#define __imm_addr(name) [name]"i"(&name)
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define NULL ((void *)0)
struct task_struct { int pid; };
struct bpf_map { int id; };
struct bpf_wq { __u64 __opaque[2]; } __attribute__((aligned(8)));
struct bpf_task_work { __u64 __opaque; } __attribute__((aligned(8)));
extern int bpf_wq_init(struct bpf_wq *wq, void *p__map, unsigned int flags) __ksym;
extern int bpf_wq_start(struct bpf_wq *wq, unsigned int flags) __ksym;
extern int bpf_wq_set_callback_impl(struct bpf_wq *wq, int (callback_fn)(void *map, int *key, void *value), unsigned int flags, void *aux__prog) __ksym;
typedef int (*bpf_task_work_callback_t)(struct bpf_map *map, void *key, void *value);
extern int bpf_task_work_schedule_signal_impl(struct task_struct *task, struct bpf_task_work *tw, void *map__map, bpf_task_work_callback_t callback, void *aux__prog) __ksym;
extern int bpf_task_work_schedule_resume_impl(struct task_struct *task, struct bpf_task_work *tw, void *map__map, bpf_task_work_callback_t callback, void *aux__prog) __ksym;
extern struct task_struct *bpf_task_from_pid(int pid) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
extern int bpf_copy_from_user_str(void *dst, __u32 dst__sz, const void *unsafe_ptr__ign, __u64 flags) __ksym;
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *) 1;
static long (*bpf_map_update_elem)(void *map, const void *key, const void *value, __u64 flags) = (void *) 2;
static __u32 (*bpf_get_prandom_u32)(void) = (void *) 7;
static struct task_struct *(*bpf_get_current_task_btf)(void) = (void *) 158;
#define bpf_wq_set_callback(wq, cb, flags) bpf_wq_set_callback_impl(wq, cb, flags, NULL)

struct elem { struct bpf_wq w; };
struct hmap_elem { int counter; struct bpf_timer timer; struct bpf_spin_lock lock; struct bpf_wq work; };
struct plain { long x; };
struct tw_elem { char data[16]; struct bpf_task_work tw; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 2); __type(key, int); __type(value, struct elem); } array SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_LRU_HASH); __uint(max_entries, 4); __type(key, int); __type(value, struct elem); } lru SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 16); __type(key, int); __type(value, struct hmap_elem); } hmap SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, int); __type(value, struct plain); } plainmap SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, int); __type(value, struct tw_elem); } twmap SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 4); __type(key, int); __type(value, struct tw_elem); } twmap2 SEC(".maps");
__u32 ok;

static int wq_cb(void *map, int *key, void *value) { ok |= 1 << (*key & 7); return 0; }
static int wq_cb_ret1(void *map, int *key, void *value) { return 1; }
static int wq_cb_sleep(void *map, int *key, void *value) { char buf[8]; bpf_copy_from_user_str(buf, 8, 0, 0); return buf[0] & 0; }
static int wq_cb_value(void *map, int *key, struct elem *value) { return *(int *)value; }

static __attribute__((noinline)) int elem_cb(void *map, int *key, int (cb)(void *map, int *key, void *value))
{
	struct elem *val = bpf_map_lookup_elem(map, key);
	if (!val) return -2;
	if (bpf_wq_init(&val->w, map, 0)) return -3;
	if (bpf_wq_set_callback(&val->w, cb, 0)) return -4;
	return bpf_wq_start(&val->w, 0) ? -5 : 0;
}
SEC("tc") int wq_array_ok(void *ctx) { int key = 0; struct elem *v = bpf_map_lookup_elem(&array, &key); if (!v) return 0;
	if (bpf_wq_init(&v->w, &array, 0)) return 1; if (bpf_wq_set_callback(&v->w, wq_cb, 0)) return 2; return bpf_wq_start(&v->w, 0); }
SEC("tc") int wq_static_sub(void *ctx) { int key = 1; return elem_cb(&array, &key, wq_cb); }
SEC("tc") int wq_lru(void *ctx) { int key = 1; struct elem init = {}; bpf_map_update_elem(&lru, &key, &init, 0); return elem_cb(&lru, &key, wq_cb); }
SEC("tc") int wq_hash_ok(void *ctx) { int key = 2; struct hmap_elem init = {}, *v;
	if (bpf_map_update_elem(&hmap, &key, &init, 0)) return 1; v = bpf_map_lookup_elem(&hmap, &key); if (!v) return 2;
	if (bpf_wq_init(&v->work, &hmap, 0)) return 3; return bpf_wq_set_callback(&v->work, wq_cb, 0); }
SEC("syscall") int wq_syscall(void *ctx) { int key = 1; return elem_cb(&array, &key, wq_cb_sleep); }
SEC("tc") int wq_cb_sleepable(void *ctx) { int key = 1; return elem_cb(&array, &key, wq_cb_sleep); }
SEC("tc") int wq_cb_returns_1(void *ctx) { int key = 1; return elem_cb(&array, &key, wq_cb_ret1); }
SEC("tc") int wq_cb_reads_value(void *ctx) { int key = 1; return elem_cb(&array, &key, (void *)wq_cb_value); }
SEC("xdp") int wq_xdp(void *ctx) { int key = 1; return elem_cb(&array, &key, wq_cb) ? 1 : 2; }
SEC("socket") int wq_socket(void *ctx) { int key = 1; return elem_cb(&array, &key, wq_cb); }
SEC("tp_btf/sys_enter") int wq_tracing(void *ctx) { int key = 1; return elem_cb(&array, &key, wq_cb); }
SEC("tc") int wq_init_nomap(void *ctx) { int key = 0; struct elem *v = bpf_map_lookup_elem(&array, &key); if (!v) return 0;
	return bpf_wq_init(&v->w, &key, 0); }
SEC("tc") int wq_init_wrong_map(void *ctx) { int key = 0; struct elem *v = bpf_map_lookup_elem(&array, &key); if (!v) return 0;
	return bpf_wq_init(&v->w, &lru, 0); }
/* A __map without special fields (btf_record NULL) makes the 6.18.44 kernel oops in check_kfunc_args: not tested. */
SEC("tc") int wq_wrong_pointer(void *ctx) { int key = 0; struct bpf_wq *wq = bpf_map_lookup_elem(&array, &key); if (!wq) return 0;
	return bpf_wq_set_callback((void *)&wq, wq_cb, 0); }
SEC("tc") int wq_wrong_offset(void *ctx) { int key = 0; struct bpf_wq *wq = bpf_map_lookup_elem(&array, &key); if (!wq) return 0;
	if (bpf_wq_init(wq, &array, 0)) return 2; return bpf_wq_set_callback((void *)wq + 1, wq_cb, 0); }
SEC("tc") int wq_bad_off(void *ctx) { int key = 0; struct elem *v = bpf_map_lookup_elem(&array, &key); if (!v) return 0;
	__u64 unknown = bpf_get_prandom_u32(); return bpf_wq_init(&v->w + unknown, &array, 0); }
SEC("tc") int wq_no_wq_field(void *ctx) { int key = 0; struct plain *v = bpf_map_lookup_elem(&plainmap, &key); if (!v) return 0;
	return bpf_wq_start((void *)v, 0); }
SEC("tc") NAKED int wq_maybe_null(void) { asm volatile("r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[array] ll; call 1;"
	"r1 = r0; r2 = 0; call %[bpf_wq_start]; r0 = 0; exit;" :: __imm_addr(array), __imm(bpf_wq_start) : "memory"); }
/* wq_cb_null: the live 6.18.44 kernel refuses NULL for every kfunc ("Possibly NULL pointer passed to trusted arg1"), plain 6.18 (the corpus kernel) only for KF_TRUSTED_ARGS: not in the tests. */
SEC("tc") NAKED int wq_cb_null(void) { asm volatile("r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[array] ll; call 1;"
	"if r0 == 0 goto 1f; r1 = r0; r2 = 0; r3 = 0; r4 = 0; call %[bpf_wq_set_callback_impl]; 1: r0 = 0; exit;" :: __imm_addr(array), __imm(bpf_wq_set_callback_impl) : "memory"); }
SEC("tc") NAKED int wq_flags_ptr(void) { asm volatile("r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[array] ll; call 1;"
	"if r0 == 0 goto 1f; r1 = r0; r2 = r10; call %[bpf_wq_start]; 1: r0 = 0; exit;" :: __imm_addr(array), __imm(bpf_wq_start) : "memory"); }

/* task_work */
static int tw_cb(struct bpf_map *map, void *key, void *value) { char buf[8]; bpf_copy_from_user_str(buf, 8, 0, 0); return 0; }
static int tw_cb_big(struct bpf_map *map, void *key, void *value) { return *(long *)value ? 1 : (long)1 << 33 ? 2 : 3; }
static int tw_cb_unknown(struct bpf_map *map, void *key, void *value) { return *(long *)value; }
static int tw_cb_neg(struct bpf_map *map, void *key, void *value) { return -1000; }
SEC("tp_btf/sys_enter") int tw_signal_ok(void *ctx) { int key = 0; struct tw_elem *v = bpf_map_lookup_elem(&twmap, &key); if (!v) return 0;
	return bpf_task_work_schedule_signal_impl(bpf_get_current_task_btf(), &v->tw, &twmap, tw_cb, NULL); }
SEC("tp_btf/sys_enter") int tw_resume_ok(void *ctx) { int key = 0; struct tw_elem *v = bpf_map_lookup_elem(&twmap, &key); if (!v) return 0;
	return bpf_task_work_schedule_resume_impl(bpf_get_current_task_btf(), &v->tw, &twmap, tw_cb_neg, NULL); }
SEC("syscall") int tw_syscall(void *ctx) { int key = 0; struct task_struct *t; struct tw_elem *v = bpf_map_lookup_elem(&twmap, &key); if (!v) return 0;
	t = bpf_task_from_pid(1); if (!t) return 0; bpf_task_work_schedule_signal_impl(t, &v->tw, &twmap, tw_cb, NULL); bpf_task_release(t); return 0; }
SEC("tc") int tw_tc(void *ctx) { int key = 0; struct task_struct *t; struct tw_elem *v = bpf_map_lookup_elem(&twmap, &key); if (!v) return 0;
	t = bpf_task_from_pid(1); if (!t) return 0; bpf_task_work_schedule_signal_impl(t, &v->tw, &twmap, tw_cb, NULL); bpf_task_release(t); return 0; }
SEC("tp_btf/sys_enter") int tw_wrong_map(void *ctx) { int key = 0; struct tw_elem *v = bpf_map_lookup_elem(&twmap, &key); if (!v) return 0;
	return bpf_task_work_schedule_signal_impl(bpf_get_current_task_btf(), &v->tw, &twmap2, tw_cb, NULL); }
SEC("tp_btf/sys_enter") int tw_cb_ret_big(void *ctx) { int key = 0; struct tw_elem *v = bpf_map_lookup_elem(&twmap, &key); if (!v) return 0;
	return bpf_task_work_schedule_signal_impl(bpf_get_current_task_btf(), &v->tw, &twmap, tw_cb_big, NULL); }
SEC("tp_btf/sys_enter") int tw_cb_ret_unknown(void *ctx) { int key = 0; struct tw_elem *v = bpf_map_lookup_elem(&twmap, &key); if (!v) return 0;
	return bpf_task_work_schedule_signal_impl(bpf_get_current_task_btf(), &v->tw, &twmap, tw_cb_unknown, NULL); }
SEC("tp_btf/sys_enter") int tw_bad_off(void *ctx) { int key = 0; struct tw_elem *v = bpf_map_lookup_elem(&twmap, &key); if (!v) return 0;
	return bpf_task_work_schedule_signal_impl(bpf_get_current_task_btf(), (void *)v, &twmap, tw_cb, NULL); }
SEC("tp_btf/sys_enter") NAKED int tw_null_task(void) { asm volatile("r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[twmap] ll; call 1;"
	"if r0 == 0 goto 1f; r2 = r0; r2 += 16; r1 = 0; r3 = %[twmap] ll; r4 = %[tw_cb] ll; r5 = 0; call %[bpf_task_work_schedule_signal_impl]; 1: r0 = 0; exit;"
	:: __imm_addr(twmap), __imm(tw_cb), __imm(bpf_task_work_schedule_signal_impl) : "memory"); }
SEC("tp_btf/sys_enter") NAKED int tw_maybe_null_value(void) { asm volatile("call 158; r6 = r0; r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[twmap] ll; call 1;"
	"r2 = r0; r1 = r6; r3 = %[twmap] ll; r4 = %[tw_cb] ll; r5 = 0; call %[bpf_task_work_schedule_signal_impl]; r0 = 0; exit;"
	:: __imm_addr(twmap), __imm(tw_cb), __imm(bpf_task_work_schedule_signal_impl) : "memory"); }
char _license[] SEC("license") = "GPL";
