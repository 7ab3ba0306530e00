#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
#define NAKED __attribute__((naked))
#define __ksym __attribute__((section(".ksyms")))
#define __imm(name) [name]"i"(name)
extern int bpf_dynptr_from_skb(struct __sk_buff *s, __u64 flags, struct bpf_dynptr *ptr__uninit) __ksym;
extern void *bpf_dynptr_slice(const struct bpf_dynptr *p, __u32 offset, void *buffer__opt, __u32 buffer__szk) __ksym;
extern void *bpf_dynptr_slice_rdwr(const struct bpf_dynptr *p, __u32 offset, void *buffer__opt, __u32 buffer__szk) __ksym;
extern int bpf_dynptr_clone(const struct bpf_dynptr *p, struct bpf_dynptr *clone__uninit) __ksym;
extern __u32 bpf_dynptr_size(const struct bpf_dynptr *p) __ksym;
#define FROM_SKB "r2 = 0; r3 = r10; r3 += -16; call %[bpf_dynptr_from_skb];"
#define K __imm(bpf_dynptr_from_skb), __imm(bpf_dynptr_slice), __imm(bpf_dynptr_slice_rdwr), __imm(bpf_dynptr_clone), __imm(bpf_dynptr_size)
SEC("tc") NAKED int skb_slice_ok(void) { asm volatile(FROM_SKB
 "r1 = r10; r1 += -16; r2 = 0; r3 = 0; r4 = 8; call %[bpf_dynptr_slice]; if r0 == 0 goto l0_%=; r0 = *(u64 *)(r0 + 0);"
 "l0_%=: r0 = 0; exit;" :: K : "memory"); }
SEC("tc") NAKED int skb_slice_rdonly_write(void) { asm volatile(FROM_SKB
 "r1 = r10; r1 += -16; r2 = 0; r3 = 0; r4 = 8; call %[bpf_dynptr_slice]; if r0 == 0 goto l0_%=; r1 = 0; *(u64 *)(r0 + 0) = r1;"
 "l0_%=: r0 = 0; exit;" :: K : "memory"); }
SEC("tc") NAKED int skb_slice_after_pull(void) { asm volatile("r6 = r1;" FROM_SKB
 "r1 = r10; r1 += -16; r2 = 0; r3 = 0; r4 = 8; call %[bpf_dynptr_slice_rdwr]; if r0 == 0 goto l0_%=; r7 = r0;"
 "r1 = r6; r2 = 0; call 39; r0 = *(u64 *)(r7 + 0); l0_%=: r0 = 0; exit;" :: K : "memory"); }
SEC("tc") NAKED int skb_slice_var_len(void) { asm volatile("r6 = r1;" FROM_SKB
 "call 7; r4 = r0; r4 &= 7; r1 = r10; r1 += -16; r2 = 0; r3 = 0; call %[bpf_dynptr_slice]; r0 = 0; exit;" :: K : "memory"); }
SEC("tc") NAKED int skb_clone_size(void) { asm volatile(FROM_SKB
 "r1 = r10; r1 += -16; r2 = r10; r2 += -32; call %[bpf_dynptr_clone]; r1 = r10; r1 += -32; call %[bpf_dynptr_size]; r0 = 0; exit;" :: K : "memory"); }
SEC("tc") NAKED int skb_size_uninit(void) { asm volatile(
 "r1 = r10; r1 += -16; call %[bpf_dynptr_size]; r0 = 0; exit;" :: K : "memory"); }
SEC("xdp") NAKED int xdp_from_skb(void) { asm volatile(FROM_SKB "r0 = 0; exit;" :: K : "memory"); }
SEC("cgroup_skb/ingress") NAKED int cg_slice_rdwr(void) { asm volatile(FROM_SKB
 "r1 = r10; r1 += -16; r2 = 0; r3 = 0; r4 = 8; call %[bpf_dynptr_slice_rdwr]; r0 = 1; exit;" :: K : "memory"); }
char _license[] SEC("license") = "GPL";
SEC("tc") NAKED int slice_off_helper(void) { asm volatile(FROM_SKB
 "r1 = r10; r1 += -16; r2 = 0; r3 = 0; r4 = 16; call %[bpf_dynptr_slice_rdwr]; if r0 == 0 goto l0_%=;"
 "r1 = r0; r1 += 4; r2 = 8; r3 = 0; call 6; l0_%=: r0 = 0; exit;" :: K : "memory"); }
/* Direct calls make clang emit the BTF of the kfunc externs (the naked programs only name them in asm). */
SEC("tc") int btf_refs(struct __sk_buff *skb) {
 struct bpf_dynptr p, c; bpf_dynptr_from_skb(skb, 0, &p); bpf_dynptr_clone(&p, &c);
 return (long)bpf_dynptr_slice(&p, 0, 0, 8) + (long)bpf_dynptr_slice_rdwr(&c, 0, 0, 8) + bpf_dynptr_size(&c); }
