// Programs for BccToolsTests: the patterns of bcc's libbpf-tools (CO-RE tracing objects) written anew:
// ksyscall, kprobe.multi/session, uprobe(.multi/.s), tp_btf, raw_tp(.w), perf_event, bpf_loop, open-coded
// iterators, ringbuf (dynptr), user ringbuf, task/cgrp storage, stack maps, per-CPU ksyms, tail calls, map-in-map
// and the rejections such tools meet (unbounded sizes, leaks, context writes, spin locks in tracing programs).
// vmlinux.h: bpftool btf dump file /sys/kernel/btf/vmlinux format c > vmlinux.h (Linux 6.18.44)
// clang-19 -O2 -g --target=bpf -mcpu=v3 -D__TARGET_ARCH_x86 -I. -I<libbpf include> -c bcctools_cases.c -o bcctools_cases.o
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
char LICENSE[] SEC("license") = "GPL";
extern const struct rq runqueues __ksym;
/* ---- part 1 ---- */
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } rb1 SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 64); __type(key, u32); __type(value, u64); } h1 SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY); __uint(max_entries, 4); __type(key, u32); __type(value, u64); } pa1 SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_TASK_STORAGE); __uint(map_flags, BPF_F_NO_PREALLOC); __type(key, int); __type(value, u64); } ts1 SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_STACK_TRACE); __uint(max_entries, 64); __uint(key_size, 4); __uint(value_size, 127*8); } st1 SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY); __uint(key_size, 4); __uint(value_size, 4); } pe1 SEC(".maps");

SEC("ksyscall/openat")
int BPF_KSYSCALL(ks_openat, int dfd, const char *path, int flags)
{
	char buf[64];
	bpf_probe_read_user_str(buf, sizeof(buf), path);
	if (flags & 1)
		bpf_printk("open %s %d %d %d", buf, dfd, flags, 3);
	return 0;
}
SEC("kretsyscall/openat")
int BPF_KRETPROBE(kret_openat, long ret)
{
	u32 k = 0; u64 v = ret;
	bpf_map_update_elem(&h1, &k, &v, 0);
	return 0;
}
SEC("kprobe.multi/vfs_*")
int kmulti(struct pt_regs *ctx)
{
	u64 ip = bpf_get_func_ip(ctx);
	u64 c = bpf_get_attach_cookie(ctx);
	u32 k = 0;
	u64 *v = bpf_map_lookup_elem(&pa1, &k);
	if (v) *v += ip + c;
	return 0;
}
SEC("uprobe.multi//usr/bin/bash:readline")
int umulti(struct pt_regs *ctx)
{
	u64 c = bpf_get_attach_cookie(ctx);
	return c > 3;
}
static long loop_cb(u64 i, void *ctx)
{
	u64 *sum = ctx;
	*sum += i;
	return i > 10;
}
SEC("kprobe/do_nanosleep")
int kp_loop(struct pt_regs *ctx)
{
	u64 sum = 0;
	bpf_loop(100, loop_cb, &sum, 0);
	u32 k = 1;
	bpf_map_update_elem(&h1, &k, &sum, 0);
	return 0;
}
SEC("kprobe/do_nanosleep")
int kp_taskbtf(struct pt_regs *ctx)
{
	struct task_struct *t = bpf_get_current_task_btf();
	u64 *v = bpf_task_storage_get(&ts1, t, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (v)
		*v = t->pid + t->tgid + t->real_parent->pid;
	return 0;
}
SEC("tp_btf/sched_switch")
int BPF_PROG(tpbtf_ss, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	u64 *v = bpf_task_storage_get(&ts1, next, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!v) return 0;
	*v = prev->pid;
	struct task_struct *cur = bpf_get_current_task_btf();
	if (cur->mm)
		*v += cur->mm->total_vm;
	return 0;
}
SEC("kprobe/do_nanosleep")
int kp_ringout(struct pt_regs *ctx)
{
	struct { u32 pid; char comm[16]; } e = {};
	e.pid = bpf_get_current_pid_tgid();
	bpf_get_current_comm(e.comm, sizeof(e.comm));
	bpf_ringbuf_output(&rb1, &e, sizeof(e), 0);
	long q = bpf_ringbuf_query(&rb1, BPF_RB_AVAIL_DATA);
	return q > 0;
}
SEC("kprobe/do_nanosleep")
int kp_stack(struct pt_regs *ctx)
{
	u64 buf[32];
	long n = bpf_get_stack(ctx, buf, sizeof(buf), 0);
	if (n <= 0) return 0;
	u32 k = 2; u64 v = buf[0] + n;
	bpf_map_update_elem(&h1, &k, &v, 0);
	return bpf_get_stackid(ctx, &st1, BPF_F_USER_STACK);
}
SEC("perf_event")
int pe_prog(struct bpf_perf_event_data *ctx)
{
	struct bpf_perf_event_value v = {};
	bpf_perf_prog_read_value(ctx, &v, sizeof(v));
	u64 x = bpf_perf_event_read(&pe1, BPF_F_CURRENT_CPU);
	bpf_perf_event_output(ctx, &pe1, BPF_F_CURRENT_CPU, &v, sizeof(v));
	return x > 0;
}
SEC("raw_tp/sys_enter")
int rtp_sysenter(struct bpf_raw_tracepoint_args *ctx)
{
	struct pt_regs *regs = (struct pt_regs *)ctx->args[0];
	long id = ctx->args[1];
	u64 a0 = BPF_CORE_READ(regs, di);
	u32 k = 3; u64 v = a0 + id;
	bpf_map_update_elem(&h1, &k, &v, 0);
	return 0;
}
SEC("tracepoint/sched/sched_process_exec")
int tp_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	char fn[64];
	unsigned off = ctx->__data_loc_filename & 0xFFFF;
	bpf_probe_read_kernel_str(fn, sizeof(fn), (void *)ctx + off);
	return fn[0];
}
SEC("uprobe//usr/bin/bash:readline")
int BPF_UPROBE(up_rl, const char *prompt)
{
	char b[32];
	bpf_probe_read_user_str(b, sizeof(b), prompt);
	return bpf_strncmp(b, 4, "abc") == 0;
}
SEC("uretprobe//usr/bin/bash:readline")
int BPF_URETPROBE(urp_rl, const char *ret)
{
	struct { u32 pid; char line[80]; } *e;
	e = bpf_ringbuf_reserve(&rb1, sizeof(*e), 0);
	if (!e) return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	bpf_probe_read_user_str(e->line, sizeof(e->line), ret);
	bpf_ringbuf_submit(e, 0);
	return 0;
}
SEC("kprobe/do_nanosleep")
int kp_snprintf(struct pt_regs *ctx)
{
	char out[64];
	u64 args[3] = { 1, 2, bpf_get_current_pid_tgid() };
	long n = bpf_snprintf(out, sizeof(out), "%d %d %llu", args, sizeof(args));
	u32 cpu = bpf_get_smp_processor_id();
	u32 k = 0;
	u64 *p = bpf_map_lookup_percpu_elem(&pa1, &k, cpu);
	return p ? n + *p : n;
}
/* ---- part 2 ---- */
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } rb2 SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_USER_RINGBUF); __uint(max_entries, 4096); } urb2 SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 64); __type(key, u32); __type(value, u64); } h2 SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_CGRP_STORAGE); __uint(map_flags, BPF_F_NO_PREALLOC); __type(key, int); __type(value, u64); } cs2 SEC(".maps");
extern struct task_struct *bpf_task_from_pid(s32 pid) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;
extern __u64 *bpf_session_cookie(void) __ksym __weak;
extern bool bpf_session_is_return(void) __ksym __weak;

SEC("uprobe.s//usr/bin/bash:readline")
int BPF_UPROBE(ups_copy, const char *prompt)
{
	char b[32];
	long r = bpf_copy_from_user(b, sizeof(b), prompt);
	return r == 0 && b[0] == 'x';
}
static long vma_cb(struct task_struct *task, struct vm_area_struct *vma, void *data)
{
	u64 *d = data;
	*d = vma->vm_start;
	return 0;
}
SEC("kprobe/do_nanosleep")
int kp_findvma(struct pt_regs *ctx)
{
	struct task_struct *t = bpf_get_current_task_btf();
	u64 d = 0;
	bpf_find_vma(t, PT_REGS_IP(ctx), vma_cb, &d, 0);
	return d != 0;
}
SEC("kprobe/do_nanosleep")
int kp_for(struct pt_regs *ctx)
{
	u64 s = 0;
	int i;
	bpf_for(i, 0, 20) {
		u32 k = i;
		u64 *v = bpf_map_lookup_elem(&h2, &k);
		if (v)
			s += *v;
	}
	return s > 7;
}
SEC("kprobe/do_nanosleep")
int kp_taskpid(struct pt_regs *ctx)
{
	struct task_struct *t = bpf_task_from_pid(1);
	int r = 0;
	if (!t)
		return 0;
	r = t->pid;
	bpf_task_release(t);
	return r;
}
SEC("kprobe/do_nanosleep")
int kp_misc(struct pt_regs *ctx)
{
	u64 c = bpf_get_current_cgroup_id() + bpf_get_current_ancestor_cgroup_id(1);
	if (c == 77)
		bpf_send_signal(9);
	if (c == 78)
		bpf_send_signal_thread(9);
	u64 v = 0;
	bpf_probe_write_user((void *)PT_REGS_PARM1(ctx), &v, sizeof(v));
	return bpf_get_numa_node_id() + bpf_jiffies64() + bpf_ktime_get_boot_ns() + bpf_ktime_get_coarse_ns();
}
SEC("kprobe/do_nanosleep")
int kp_override(struct pt_regs *ctx)
{
	bpf_override_return(ctx, -1);
	return 0;
}
static long drain_cb(struct bpf_dynptr *dptr, void *ctx)
{
	u64 x = 0;
	bpf_dynptr_read(&x, sizeof(x), dptr, 0, 0);
	*(u64 *)ctx += x;
	return 0;
}
SEC("kprobe/do_nanosleep")
int kp_urb(struct pt_regs *ctx)
{
	u64 s = 0;
	bpf_user_ringbuf_drain(&urb2, drain_cb, &s, 0);
	return s > 3;
}
SEC("kprobe/do_nanosleep")
int kp_rbdyn(struct pt_regs *ctx)
{
	struct bpf_dynptr d;
	u32 pid = bpf_get_current_pid_tgid();
	if (bpf_ringbuf_reserve_dynptr(&rb2, 64, 0, &d)) {
		bpf_ringbuf_discard_dynptr(&d, 0);
		return 0;
	}
	bpf_dynptr_write(&d, 0, &pid, sizeof(pid), 0);
	bpf_ringbuf_submit_dynptr(&d, 0);
	return 0;
}
SEC("kprobe.session/do_nanosleep")
int kp_session(struct pt_regs *ctx)
{
	if (!bpf_session_is_return()) {
		u64 *c = bpf_session_cookie();
		*c = bpf_ktime_get_ns();
		return 0;
	}
	return 0;
}
SEC("tp_btf/sched_process_fork")
int BPF_PROG(tp_fork, struct task_struct *parent, struct task_struct *child)
{
	struct cgroup *cg;
	bpf_rcu_read_lock();
	cg = child->cgroups->dfl_cgrp;
	if (cg) {
		u64 *v = bpf_cgrp_storage_get(&cs2, cg, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
		if (v) *v += 1;
	}
	bpf_rcu_read_unlock();
	return 0;
}
SEC("tp_btf/sched_process_fork")
int BPF_PROG(tp_fork_stack, struct task_struct *parent, struct task_struct *child)
{
	u64 buf[16];
	long n = bpf_get_task_stack(child, buf, sizeof(buf), 0);
	return n > 0;
}
SEC("perf_event")
int pe_branch(struct bpf_perf_event_data *ctx)
{
	struct perf_branch_entry e[4];
	long n = bpf_read_branch_records(ctx, e, sizeof(e), 0);
	return n > 0;
}
SEC("raw_tp/sched_switch")
int rtp_ss(struct bpf_raw_tracepoint_args *ctx)
{
	struct task_struct *prev = (void *)ctx->args[1];
	int pid = BPF_CORE_READ(prev, pid);
	long st = bpf_get_current_task();
	return pid + (st & 1);
}
/* ---- part 4 ---- */
struct { __uint(type, BPF_MAP_TYPE_PROG_ARRAY); __uint(max_entries, 4); __type(key, u32); __type(value, u32); } progs4 SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_LRU_HASH); __uint(max_entries, 64); __type(key, u32); __type(value, u64); } lru4 SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PERCPU_HASH); __uint(max_entries, 64); __type(key, u32); __type(value, u64); } pch4 SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_BLOOM_FILTER); __uint(max_entries, 64); __type(value, u32); } bloom4 SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_QUEUE); __uint(max_entries, 64); __type(value, u64); } q4 SEC(".maps");
struct inner { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 4); __type(key, u32); __type(value, u64); } in14 SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_HASH_OF_MAPS); __uint(max_entries, 4); __type(key, u32); __array(values, struct inner); } outer4 SEC(".maps") = { .values = { [0] = &in14 } };
struct val { struct bpf_spin_lock l; u64 c; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, u32); __type(value, struct val); } locked4 SEC(".maps");

__noinline int helper_add(struct pt_regs *ctx, u32 k, u64 v)
{
	if (!ctx)
		return 0;
	return bpf_map_update_elem(&lru4, &k, &v, 0);
}
static __noinline u64 static_sub(u64 a, u64 b, u64 c, u64 d, u64 e)
{
	return a * b + c - d / (e | 1);
}
SEC("kprobe/do_nanosleep")
int kp_tail0(struct pt_regs *ctx)
{
	u32 k = bpf_get_smp_processor_id();
	u64 v = static_sub(k, 2, 3, 4, 5);
	helper_add(ctx, k, v);
	bpf_tail_call(ctx, &progs4, 1);
	return 0;
}
SEC("kprobe/do_nanosleep")
int kp_maps(struct pt_regs *ctx)
{
	u32 k = 1; u64 v = 2;
	bpf_map_push_elem(&q4, &v, 0);
	bpf_map_pop_elem(&q4, &v);
	bpf_map_peek_elem(&bloom4, &k);
	bpf_map_push_elem(&bloom4, &k, 0);
	void *inner = bpf_map_lookup_elem(&outer4, &k);
	if (inner) {
		u32 z = 0;
		u64 *p = bpf_map_lookup_elem(inner, &z);
		if (p) v += *p;
	}
	u64 *pc = bpf_map_lookup_elem(&pch4, &k);
	if (pc) *pc += v;
	return 0;
}
SEC("tracepoint/syscalls/sys_enter_nanosleep")
int tp_lock(void *ctx)
{
	u32 k = 0;
	struct val *p = bpf_map_lookup_elem(&locked4, &k);
	if (!p) return 0;
	bpf_spin_lock(&p->l);
	p->c++;
	bpf_spin_unlock(&p->l);
	return 0;
}
SEC("kprobe/do_nanosleep")
int kp_lock(struct pt_regs *ctx)
{
	u32 k = 0;
	struct val *p = bpf_map_lookup_elem(&locked4, &k);
	if (!p) return 0;
	bpf_spin_lock(&p->l);
	p->c++;
	bpf_spin_unlock(&p->l);
	return 0;
}
static __noinline int rec_like(int n)
{
	int s = 0;
	for (int i = 0; i < n && i < 50; i++)
		s += i * bpf_get_prandom_u32();
	return s;
}
SEC("raw_tracepoint/sched_switch")
int rtp_loop(void *ctx)
{
	return rec_like(bpf_get_prandom_u32() & 63);
}
SEC("raw_tracepoint.w/sched_switch")
int rtp_w(struct bpf_raw_tracepoint_args *ctx)
{
	return ctx->args[0] != 0;
}
SEC("kprobe/do_nanosleep")
int kp_unbounded(struct pt_regs *ctx)
{
	u64 s = 0;
	u32 n = bpf_get_prandom_u32();
	for (u32 i = 0; i < n; i++)
		s += i;
	return s;
}
SEC("kprobe/do_nanosleep")
int kp_oob(struct pt_regs *ctx)
{
	u32 k = 0;
	struct val *p = bpf_map_lookup_elem(&locked4, &k);
	if (!p) return 0;
	u32 i = bpf_get_prandom_u32() & 0xff;
	return *((u8 *)p + i);
}
SEC("kprobe/do_nanosleep")
int kp_nullchk(struct pt_regs *ctx)
{
	u32 k = 0;
	u64 *p = bpf_map_lookup_elem(&lru4, &k);
	return *p;
}
SEC("kprobe/do_nanosleep")
int kp_ctxwrite(struct pt_regs *ctx)
{
	ctx->ax = 0;
	return 0;
}
SEC("kprobe/do_nanosleep")
int kp_stackread(struct pt_regs *ctx)
{
	u64 buf[4];
	u32 i = bpf_get_prandom_u32() & 3;
	buf[0] = 1;
	return buf[i];
}
/* ---- part 5 ---- */
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } rb5 SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 64); __type(key, u32); __type(value, u64); } h5 SEC(".maps");
struct big { char buf[256]; u32 len; };
struct { __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY); __uint(max_entries, 1); __type(key, u32); __type(value, struct big); } heap5 SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY); __uint(key_size, 4); __uint(value_size, 4); } pe5 SEC(".maps");

SEC("kprobe/do_nanosleep")
int f_varsize_read(struct pt_regs *ctx)
{
	u32 k = 0;
	struct big *b = bpf_map_lookup_elem(&heap5, &k);
	if (!b) return 0;
	int n = PT_REGS_PARM2(ctx);
	bpf_probe_read_kernel(b->buf, n, (void *)PT_REGS_PARM1(ctx));
	return 0;
}
SEC("kprobe/do_nanosleep")
int f_varsize_read2(struct pt_regs *ctx)
{
	u32 k = 0;
	struct big *b = bpf_map_lookup_elem(&heap5, &k);
	if (!b) return 0;
	u32 n = PT_REGS_PARM2(ctx);
	if (n > 256) return 0;
	bpf_probe_read_kernel(b->buf, n, (void *)PT_REGS_PARM1(ctx));
	return 0;
}
SEC("kprobe/do_nanosleep")
int f_varoff_write(struct pt_regs *ctx)
{
	u32 k = 0;
	struct big *b = bpf_map_lookup_elem(&heap5, &k);
	if (!b) return 0;
	u32 off = b->len;
	b->buf[off] = 1;
	return 0;
}
SEC("kprobe/do_nanosleep")
int f_varoff_ok(struct pt_regs *ctx)
{
	u32 k = 0;
	struct big *b = bpf_map_lookup_elem(&heap5, &k);
	if (!b) return 0;
	u32 off = b->len & 255;
	b->buf[off] = 1;
	return 0;
}
SEC("kprobe/do_nanosleep")
int f_uninit_stack(struct pt_regs *ctx)
{
	struct { u32 a; u32 b; u64 c; } s;
	s.a = 1;
	bpf_perf_event_output(ctx, &pe5, BPF_F_CURRENT_CPU, &s, sizeof(s));
	return 0;
}
SEC("kprobe/do_nanosleep")
int f_rb_leak(struct pt_regs *ctx)
{
	u64 *e = bpf_ringbuf_reserve(&rb5, 8, 0);
	if (!e) return 0;
	*e = 1;
	if (PT_REGS_PARM1(ctx) == 3)
		return 0;
	bpf_ringbuf_submit(e, 0);
	return 0;
}
SEC("kprobe/do_nanosleep")
int f_rb_varsize(struct pt_regs *ctx)
{
	u64 sz = PT_REGS_PARM1(ctx);
	void *e = bpf_ringbuf_reserve(&rb5, sz, 0);
	if (!e) return 0;
	bpf_ringbuf_discard(e, 0);
	return 0;
}
SEC("kprobe/do_nanosleep")
int f_perf_out_of_range(struct pt_regs *ctx)
{
	u32 k = 0;
	struct big *b = bpf_map_lookup_elem(&heap5, &k);
	if (!b) return 0;
	u32 n = b->len;
	bpf_perf_event_output(ctx, &pe5, BPF_F_CURRENT_CPU, b, n);
	return 0;
}
SEC("kprobe/do_nanosleep")
int f_perf_bounded(struct pt_regs *ctx)
{
	u32 k = 0;
	struct big *b = bpf_map_lookup_elem(&heap5, &k);
	if (!b) return 0;
	u32 n = b->len;
	if (n > sizeof(*b)) return 0;
	bpf_perf_event_output(ctx, &pe5, BPF_F_CURRENT_CPU, b, n);
	return 0;
}
SEC("kprobe/do_nanosleep")
int f_str_varoff(struct pt_regs *ctx)
{
	u32 k = 0;
	struct big *b = bpf_map_lookup_elem(&heap5, &k);
	if (!b) return 0;
	u32 off = b->len;
	if (off >= 200) return 0;
	long r = bpf_probe_read_user_str(&b->buf[off], 64, (void *)PT_REGS_PARM1(ctx));
	if (r > 0) b->len += r;
	return 0;
}
SEC("kprobe/do_nanosleep")
int f_str_varoff_bad(struct pt_regs *ctx)
{
	u32 k = 0;
	struct big *b = bpf_map_lookup_elem(&heap5, &k);
	if (!b) return 0;
	u32 off = b->len;
	if (off > 200) return 0;
	long r = bpf_probe_read_user_str(&b->buf[off], 64, (void *)PT_REGS_PARM1(ctx));
	if (r > 0) b->len += r;
	return 0;
}
SEC("kprobe/do_nanosleep")
int f_ptr_leak(struct pt_regs *ctx)
{
	u32 k = 0;
	u64 *v = bpf_map_lookup_elem(&h5, &k);
	if (!v) return 0;
	*v = (u64)v;
	return 0;
}
SEC("kprobe/do_nanosleep")
int f_deref_scalar(struct pt_regs *ctx)
{
	struct task_struct *t = (void *)bpf_get_current_task();
	return t->pid;
}
SEC("tp_btf/sched_switch")
int BPF_PROG(f_btf_write, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	prev->pid = 0;
	return 0;
}
SEC("tp_btf/sched_switch")
int BPF_PROG(f_btf_arg_oob, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	return ctx[5];
}
static long cb_bad(u64 i, void *c) { return 5; }
SEC("kprobe/do_nanosleep")
int f_loop_badret(struct pt_regs *ctx)
{
	bpf_loop(10, cb_bad, 0, 0);
	return 0;
}
SEC("kprobe/do_nanosleep")
int f_div(struct pt_regs *ctx)
{
	u64 a = PT_REGS_PARM1(ctx), b = PT_REGS_PARM2(ctx);
	return a / b + a % b;
}
SEC("kprobe/do_nanosleep")
int f_big_stack(struct pt_regs *ctx)
{
	char buf[400];
	bpf_probe_read_kernel(buf, sizeof(buf), (void *)PT_REGS_PARM1(ctx));
	return buf[3];
}
/* ---- per-CPU kernel symbols: this kernel has no data symbols in kallsyms ---- */
SEC("kprobe/do_nanosleep")
int kp_percpu(struct pt_regs *ctx)
{
	struct rq *rq = bpf_per_cpu_ptr(&runqueues, 0);
	if (!rq)
		return 0;
	return rq->nr_running;
}
