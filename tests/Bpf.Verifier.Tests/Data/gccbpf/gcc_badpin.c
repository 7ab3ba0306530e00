// A BTF map definition libbpf cannot parse (pinning value 16) fails the open of the whole object (-EINVAL).
// Build as gcc_cases.c (bpf-gcc -O2 -gbtf -mcpu=v3 ...) -c gcc_badpin.c -o gcc_badpin.o
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
char _license[] SEC("license") = "GPL";
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 4); __type(key, __u32); __type(value, __u64); __uint(pinning, 16); } pinned SEC(".maps");
SEC("xdp")
int x_pin(struct xdp_md *ctx)
{
	__u32 k = 3;
	__u64 *v = bpf_map_lookup_elem(&pinned, &k);
	return v ? 2 : 3;
}
