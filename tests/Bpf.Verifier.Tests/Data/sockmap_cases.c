/* Sockmap/sockhash/xskmap lookups: tests/Bpf.Verifier.Tests/HelperTests.cs (veristat on Linux 6.18). */
#include <linux/bpf.h>
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define SEC(n) __attribute__((section(n), used))
#define __naked __attribute__((naked))
char _license[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_SOCKMAP);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, int);
} m_sockmap SEC(".maps");

SEC("tc")
__naked int sockmap_lookup_release(void)
{
	asm volatile (
	"r1 = 0;"
	"*(u32 *)(r10 - 4) = r1;"
	"r2 = r10;"
	"r2 += -4;"
	"r1 = %[m_sockmap] ll;"
	"call %[bpf_map_lookup_elem];"
	"if r0 == 0 goto l0_%=;"
	"r1 = r0;"
	"call %[bpf_sk_release];"
	"l0_%=:"
	"r0 = 0;"
	"exit;"
	:: [m_sockmap]"i"(&m_sockmap), [bpf_map_lookup_elem]"i"(BPF_FUNC_map_lookup_elem), [bpf_sk_release]"i"(BPF_FUNC_sk_release)
	: "memory");
}

SEC("tc")
__naked int sockmap_lookup_leak(void)
{
	asm volatile (
	"r1 = 0;"
	"*(u32 *)(r10 - 4) = r1;"
	"r2 = r10;"
	"r2 += -4;"
	"r1 = %[m_sockmap] ll;"
	"call %[bpf_map_lookup_elem];"
	"r0 = 0;"
	"exit;"
	:: [m_sockmap]"i"(&m_sockmap), [bpf_map_lookup_elem]"i"(BPF_FUNC_map_lookup_elem)
	: "memory");
}

/* A socket from a sockmap keeps its map (reg->map_ptr): at the join it is not exact-equal to the socket from
 * bpf_sk_lookup_udp, so the second path is not pruned (test_sk_assign's pattern). */
SEC("tc")
__naked int sockmap_socket_vs_lookup_socket(void)
{
	asm volatile (
	"r6 = r1;"
	"r1 = 0;"
	"*(u64 *)(r10 - 16) = r1;"
	"*(u64 *)(r10 - 8) = r1;"
	"r2 = *(u32 *)(r6 + 8);"
	"if r2 == 0 goto l_map_%=;"
	"r1 = r6;"
	"r2 = r10;"
	"r2 += -16;"
	"r3 = 12;"
	"r4 = -1;"
	"r5 = 0;"
	"call %[bpf_sk_lookup_udp];"
	"if r0 == 0 goto l_out_%=;"
	"r7 = 0;"
	"r7 = 0;"
	"r7 = 0;"
	"r7 = 0;"
	"r7 = 0;"
	"r7 = 0;"
	"r7 = 0;"
	"r7 = 0;"
	"goto l_join_%=;"
	"l_map_%=:"
	"r2 = r10;"
	"r2 += -4;"
	"r1 = %[m_sockmap] ll;"
	"call %[bpf_map_lookup_elem];"
	"if r0 == 0 goto l_out_%=;"
	"l_join_%=:"
	"r1 = r0;"
	"call %[bpf_sk_release];"
	"l_out_%=:"
	"r0 = 0;"
	"exit;"
	:: [m_sockmap]"i"(&m_sockmap), [bpf_map_lookup_elem]"i"(BPF_FUNC_map_lookup_elem),
	   [bpf_sk_release]"i"(BPF_FUNC_sk_release), [bpf_sk_lookup_udp]"i"(BPF_FUNC_sk_lookup_udp)
	: "memory");
}
