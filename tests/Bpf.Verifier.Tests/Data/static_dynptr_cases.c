/* Static functions with a struct bpf_dynptr * parameter: the kernel matches their arguments at each call
 * (btf_check_subprog_call) and logs a mismatch without failing (clang-19 -O2 -g --target=bpf -mcpu=v3). */
#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
#define __noinline __attribute__((noinline))
extern int bpf_dynptr_from_skb(struct __sk_buff *skb, __u64 flags, struct bpf_dynptr *ptr) __attribute__((section(".ksyms")));
static long (*bpf_dynptr_read)(void *dst, __u32 len, const struct bpf_dynptr *src, __u32 offset, __u64 flags) = (void *)201;

static __noinline int make(struct __sk_buff *skb, struct bpf_dynptr *p)
{
	return bpf_dynptr_from_skb(skb, 0, p);
}

static __noinline int peek(struct bpf_dynptr *p)
{
	char b[2];
	return bpf_dynptr_read(b, sizeof(b), p, 0, 0) ? 1 : b[0];
}

SEC("tc")
int uninit_then_init(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	if (make(skb, &d))
		return 0;
	return peek(&d);
}
char _license[] SEC("license") = "GPL";
