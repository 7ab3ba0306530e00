/* An XDP program reading packet bytes within the bounds proven against data_end. */
#include "include/bpfv_example.h"

SEC("xdp")
int xdp_pass(struct xdp_md *ctx)
{
    unsigned char *data = (unsigned char *)(long)ctx->data;
    unsigned char *end = (unsigned char *)(long)ctx->data_end;

    if (data + 14 > end)
        return XDP_DROP;
    return data[12] == 0x08 ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
