// A kfunc extern whose prototype libbpf finds incompatible with the kernel's: the css parameter points to a
// forward declaration where vmlinux has the struct (bpf_core_types_are_compat compares kinds, not names).
#include "mini_bpf.h"

char _license[] SEC("license") = "GPL";

struct bpf_iter_css_task {
	__u64 __opaque[1];
} __attribute__((aligned(8)));
struct cgroup_subsys_state;

extern int bpf_iter_css_task_new(struct bpf_iter_css_task *it, struct cgroup_subsys_state *css, unsigned int flags) __ksym;
extern void bpf_iter_css_task_destroy(struct bpf_iter_css_task *it) __ksym;

SEC("tc")
int css_in_tc(void *ctx)
{
	struct bpf_iter_css_task it;

	bpf_iter_css_task_new(&it, (struct cgroup_subsys_state *)0, 0);
	bpf_iter_css_task_destroy(&it);
	return 0;
}
