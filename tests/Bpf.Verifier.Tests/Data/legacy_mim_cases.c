/* Two legacy outer maps (bpf_load_map_def with inner_map_idx) sharing one inner template: the kernel gives each
 * outer map its own inner_map_meta, so the inner map pointers of the two paths differ and the join is not pruned.
 * Loaded with a legacy loader (maps created first, the inner template's fd passed as inner_map_fd), as ebpf-samples'
 * linux/test_map_in_map_kern.o is. Build: legacy_mim_build.sh */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct bpf_map_def_legacy {
	unsigned int type, key_size, value_size, max_entries, map_flags, inner_map_idx, numa_node;
};

struct bpf_map_def_legacy SEC("maps") inner_tmpl = { .type = BPF_MAP_TYPE_ARRAY, .key_size = 4, .value_size = 4, .max_entries = 4 };
struct bpf_map_def_legacy SEC("maps") outer_a = { .type = BPF_MAP_TYPE_ARRAY_OF_MAPS, .key_size = 4, .max_entries = 4, .inner_map_idx = 0 };
struct bpf_map_def_legacy SEC("maps") outer_h = { .type = BPF_MAP_TYPE_HASH_OF_MAPS, .key_size = 4, .max_entries = 4, .inner_map_idx = 0 };

SEC("kprobe/two_outer_maps")
int two_outer_maps(void *ctx)
{
	__u32 k = bpf_get_prandom_u32() & 1;
	void *inner;

	if (k)
		inner = bpf_map_lookup_elem(&outer_a, &k);
	else
		inner = bpf_map_lookup_elem(&outer_h, &k);
	if (!inner)
		return 0;
	if (inner == (void *)&inner_tmpl)
		return 1;
	__u32 *v = bpf_map_lookup_elem(inner, &k);
	return v ? *v : 2;
}

char _license[] SEC("license") = "GPL";
__u32 _version SEC("version") = 0x060c00;
