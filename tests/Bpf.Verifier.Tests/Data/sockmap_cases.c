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
