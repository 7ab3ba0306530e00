/* Program discovery and subprogram linking order. */
#include "mini_bpf.h"

char LICENSE[] SEC("license") = "GPL";

static __noinline int sub_leaf(int x) { return x * 3 + 1; }
static __noinline int sub_b(int x) { return sub_leaf(x) + 2; }
static __noinline int sub_a(int x) { return sub_b(x) ^ 5; }
static __noinline int sub_c(int x) { return x - 7; }
__noinline int global_sub(int x) { return x + 11; }
__hidden __noinline int hidden_sub(int x) { return x + 13; }

static int loop_cb(__u32 index, void *ctx) { return index > 3; }

/* Two programs in one section; the first calls sub_a (which calls sub_b, then sub_leaf) and then sub_c. */
SEC("xdp")
int xdp_first(void *ctx)
{
    int v = (int)(long)ctx;
    v = sub_a(v);
    return sub_c(v) & 1;
}

SEC("xdp")
int xdp_second(void *ctx)
{
    return sub_c((int)(long)ctx) + global_sub(1) + hidden_sub(2);
}

SEC("?tc")
int tc_optional(void *ctx) { return sub_leaf(2); }

SEC("kprobe/do_unlinkat")
int kprobe_unlink(void *ctx) { return 0; }

SEC("xdp.frags")
int xdp_frags(void *ctx) { return 2; }

SEC("lsm.s/file_open")
int lsm_sleepable(void *ctx) { return 0; }

SEC("cgroup/connect4")
int connect4(void *ctx) { return 1; }

SEC("tc")
int uses_callback(void *ctx)
{
    bpf_loop(10, loop_cb, 0, 0);
    return 0;
}

SEC("dummy_unknown")
int unknown_section(void *ctx) { return 0; }
