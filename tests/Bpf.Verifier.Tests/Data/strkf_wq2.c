/* More bpf_wq / bpf_task_work callback cases (strkf). */
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
extern struct task_struct *bpf_task_from_pid(int pid) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *) 1;
static struct task_struct *(*bpf_get_current_task_btf)(void) = (void *) 158;
static long (*bpf_copy_from_user)(void *dst, __u32 size, const void *user_ptr) = (void *) 148;
#define bpf_wq_set_callback(wq, cb, flags) bpf_wq_set_callback_impl(wq, cb, flags, NULL)
struct elem { long counter; struct bpf_wq w; };
struct tw_elem { long data; struct bpf_task_work tw; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 2); __type(key, int); __type(value, struct elem); } array SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 2); __type(key, int); __type(value, struct elem); } hash SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, int); __type(value, struct tw_elem); } twmap SEC(".maps");

__attribute__((noinline)) int global_cb(void *map, int *key, void *value) { return 0; }
static int cb_rearm(void *map, int *key, struct elem *v) { v->counter++; bpf_wq_start(&v->w, 0); return 0; }
static int cb_helper_sleep(void *map, int *key, struct elem *v) { char b[8]; bpf_copy_from_user(b, 8, NULL); return 0; }
static int cb_key(void *map, int *key, struct elem *v) { return *key > 5 ? 0 : 0; }
static int cb_key_oob(void *map, int *key, struct elem *v) { return key[1] & 0; }
static int cb_value_oob(void *map, int *key, struct elem *v) { return *(long *)((char *)v + 24) & 0; }
static int tw_cb_sched(struct bpf_map *map, void *key, void *value) { struct tw_elem *v = value; struct task_struct *t = bpf_task_from_pid(1);
	if (t) { bpf_task_work_schedule_signal_impl(t, &v->tw, map, tw_cb_sched, NULL); bpf_task_release(t); } return 0; }

static NAKED __attribute__((used)) int cb_nor0(void) { asm volatile("exit;"); }
#define SETUP(m) int key = 0; struct elem *v = bpf_map_lookup_elem(&m, &key); if (!v) return 0; if (bpf_wq_init(&v->w, &m, 0)) return 0;
SEC("tc") int wq_global_cb(void *ctx) { SETUP(array) return bpf_wq_set_callback(&v->w, global_cb, 0); }
SEC("tc") int wq_rearm(void *ctx) { SETUP(array) return bpf_wq_set_callback(&v->w, (void *)cb_rearm, 0); }
SEC("tc") int wq_helper_sleep(void *ctx) { SETUP(array) return bpf_wq_set_callback(&v->w, (void *)cb_helper_sleep, 0); }
SEC("tc") int wq_key(void *ctx) { SETUP(hash) return bpf_wq_set_callback(&v->w, (void *)cb_key, 0); }
SEC("tc") int wq_key_oob(void *ctx) { SETUP(array) return bpf_wq_set_callback(&v->w, (void *)cb_key_oob, 0); }
SEC("tc") int wq_value_oob(void *ctx) { SETUP(array) return bpf_wq_set_callback(&v->w, (void *)cb_value_oob, 0); }
SEC("tc") int wq_twice(void *ctx) { SETUP(array) bpf_wq_set_callback(&v->w, (void *)cb_key, 0); return bpf_wq_set_callback(&v->w, (void *)cb_rearm, 0); }
SEC("tp_btf/sys_enter") int tw_resched(void *ctx) { int key = 0; struct tw_elem *v = bpf_map_lookup_elem(&twmap, &key); if (!v) return 0;
	return bpf_task_work_schedule_signal_impl(bpf_get_current_task_btf(), &v->tw, &twmap, tw_cb_sched, NULL); }
SEC("tc") NAKED int wq_cb_no_r0(void) { asm volatile("r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[array] ll; call 1;"
	"if r0 == 0 goto 1f; r1 = r0; r1 += 8; r2 = %[cb_nor0] ll; r3 = 0; r4 = 0; call %[bpf_wq_set_callback_impl]; 1: r0 = 0; exit;"
	:: __imm_addr(array), __imm(cb_nor0), __imm(bpf_wq_set_callback_impl) : "memory"); }
char _license[] SEC("license") = "GPL";
