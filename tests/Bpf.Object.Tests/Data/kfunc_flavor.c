#include "mini_bpf.h"

char _license[] SEC("license") = "GPL";

// kfunc flavors (task_kfunc_success.c's pattern): libbpf looks a kfunc up by its name without the "___flavor"
// suffix; a weak flavor whose prototype differs from the kernel's stays unresolved instead of failing the object.
#define bpf_ksym_exists(sym) (!!(sym))
struct task_struct {
	int pid;
};
extern struct task_struct *bpf_task_acquire___one(struct task_struct *task) __ksym __weak;
extern struct task_struct *bpf_task_acquire___two(struct task_struct *p, void *ctx) __ksym __weak;
extern void bpf_task_release(struct task_struct *p) __ksym;

SEC("tp_btf/task_newtask")
int flavors(__u64 *ctx)
{
	struct task_struct *task = (struct task_struct *)ctx[0], *acquired = 0;

	if (bpf_ksym_exists(bpf_task_acquire___one))
		acquired = bpf_task_acquire___one(task);
	else if (bpf_ksym_exists(bpf_task_acquire___two))
		acquired = bpf_task_acquire___two(task, 0);
	if (acquired)
		bpf_task_release(acquired);
	return 0;
}
