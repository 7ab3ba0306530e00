// GCC 12 places a global function without SEC() in the section of the program before it, so the call to it is a
// call relocation against a program section: libbpf refuses the whole object (-LIBBPF_ERRNO__RELOC).
// Build as gcc_cases.c (bpf-gcc -O2 -gbtf -mcpu=v3 ...) -c gcc_callrelo.c -o gcc_callrelo.o
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
char _license[] SEC("license") = "GPL";
struct bpf_map_def_legacy { unsigned int type, key_size, value_size, max_entries, map_flags; };
__u64 gv;
static __attribute__((noinline)) int sub(int x) { return x * 3 + 7; }
SEC("xdp")
int x_sub(struct xdp_md *ctx) { return sub(ctx->ingress_ifindex) & 3; }
SEC("xdp")
int x_glob(struct xdp_md *ctx) { gv += ctx->rx_queue_index; return 2; }
SEC("xdp")
__attribute__((noinline)) int gfunc(struct xdp_md *ctx) { return ctx->data_end - ctx->data; }
SEC("xdp")
int x_gfunc(struct xdp_md *ctx) { return gfunc(ctx) & 3; }
