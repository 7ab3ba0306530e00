/* CO-RE field access against the kernel's task_struct, and a kfunc call. */
#include "mini_bpf.h"

char LICENSE[] SEC("license") = "GPL";

struct task_struct {
    int pid;
    int tgid;
} __attribute__((preserve_access_index));

extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
extern void bpf_kfunc_does_not_exist(void) __ksym __weak;

SEC("tp_btf/task_newtask")
int read_pid(__u64 *ctx)
{
    struct task_struct *t = (struct task_struct *)ctx[0];
    struct task_struct *acquired;
    int pid = t->tgid;

    acquired = bpf_task_acquire(t);
    if (acquired)
        bpf_task_release(acquired);
    if (bpf_kfunc_does_not_exist)
        bpf_kfunc_does_not_exist();
    return pid;
}
