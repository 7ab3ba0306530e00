/* struct_ops, exception callbacks and BTF attach targets. */
#include "mini_bpf.h"

char LICENSE[] SEC("license") = "GPL";

struct sock;

struct tcp_congestion_ops {
    __u32 (*ssthresh)(struct sock *sk);
    void (*cong_avoid)(struct sock *sk, __u32 ack, __u32 acked);
    char name[16];
};

SEC("struct_ops/ssthresh")
__u32 my_ssthresh(struct sock *sk) { return 2; }

SEC("struct_ops/cong_avoid")
void my_cong_avoid(struct sock *sk, __u32 ack, __u32 acked) { }

SEC("struct_ops/unused")
__u32 not_referenced(struct sock *sk) { return 0; }

SEC(".struct_ops")
struct tcp_congestion_ops my_cc = {
    .ssthresh = (void *)my_ssthresh,
    .cong_avoid = (void *)my_cong_avoid,
    .name = "bpfv_test",
};

__noinline int my_exception_cb(__u64 cookie) { return 7; }

__attribute__((btf_decl_tag("exception_callback:my_exception_cb")))
SEC("tc")
int with_exception_cb(void *ctx) { return 0; }

SEC("fentry/do_unlinkat")
int fentry_ok(void *ctx) { return 0; }

SEC("fentry/no_such_kernel_function")
int fentry_missing(void *ctx) { return 0; }
