// A kfunc taking struct __sk_buff given a trusted struct sk_buff (HeldOutSelftestsTests; heldout_build.sh): the
// kernel's btf_struct_ids_match walk logs why sk_buff does not start with __sk_buff, then the projection rule
// accepts the pointer.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

extern int bpf_dynptr_from_skb(struct __sk_buff *skb, __u64 flags, struct bpf_dynptr *ptr__uninit) __ksym;

SEC("tp_btf/kfree_skb")
int BPF_PROG(skb_projection, struct sk_buff *skb)
{
	struct bpf_dynptr ptr;

	if (bpf_dynptr_from_skb((struct __sk_buff *)skb, 0, &ptr))
		return 0;
	return 0;
}
