// css_rstat_updated / css_rstat_flush (kernel/cgroup/rstat.c, Linux 6.18): tracing programs only, the flush
// sleepable (HeldOutSelftestsTests; heldout_build.sh).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

extern void css_rstat_updated(struct cgroup_subsys_state *css, int cpu) __ksym;
extern void css_rstat_flush(struct cgroup_subsys_state *css) __ksym;

SEC("iter/cgroup")
int rstat_updated_iter(struct bpf_iter__cgroup *ctx)
{
	struct cgroup *cgrp = ctx->cgroup;

	if (!cgrp)
		return 1;
	css_rstat_updated(&cgrp->self, 0);
	return 0;
}

SEC("iter.s/cgroup")
int rstat_flush_sleepable(struct bpf_iter__cgroup *ctx)
{
	struct cgroup *cgrp = ctx->cgroup;

	if (!cgrp)
		return 1;
	css_rstat_flush(&cgrp->self);
	return 0;
}

SEC("iter/cgroup")
int rstat_flush_not_sleepable(struct bpf_iter__cgroup *ctx)
{
	struct cgroup *cgrp = ctx->cgroup;

	if (!cgrp)
		return 1;
	css_rstat_flush(&cgrp->self);
	return 0;
}

SEC("iter/cgroup")
int rstat_updated_null(struct bpf_iter__cgroup *ctx)
{
	css_rstat_updated((void *)0, 0);
	return 0;
}

SEC("iter/cgroup")
int rstat_updated_unchecked(struct bpf_iter__cgroup *ctx)
{
	css_rstat_updated(&ctx->cgroup->self, 0);
	return 0;
}

SEC("tp_btf/cgroup_mkdir")
int BPF_PROG(rstat_updated_tp_btf, struct cgroup *cgrp, const char *path)
{
	css_rstat_updated(&cgrp->self, 0);
	return 0;
}

SEC("kprobe/do_nanosleep")
int rstat_updated_kprobe(void *ctx)
{
	css_rstat_updated((void *)0, 0);
	return 0;
}
