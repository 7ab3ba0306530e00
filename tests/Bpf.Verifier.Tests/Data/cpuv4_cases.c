/* cpuv4 (-mcpu=v4) code: sdiv/smod, movsx (and its scalar-id link), ldsx from every memory kind incl. BTF contexts, bswap, gotol (clang-19 -O2 -g --target=bpf -mcpu=v4). */
#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
#define NAKED __attribute__((naked))
#define P(sec, name, body) SEC(sec) NAKED int name(void) { asm volatile(body ::: "memory"); }
#define RND "call 7; "
/* sdiv / smod ranges */
P("socket", sdiv_const, "r1 = -7; r2 = 2; r1 s/= r2; r0 = r1; exit;")
P("socket", smod_const, "r1 = -7; r2 = 2; r1 s%%= r2; r0 = r1; exit;")
P("socket", sdiv32_const, "w1 = -7; w1 s/= 2; w0 = w1; exit;")
P("socket", smod32_const, "w1 = -7; w1 s%%= -2; w0 = w1; exit;")
P("socket", sdiv_range, RND "r0 &= 0xff; r0 s/= 3; exit;")
P("socket", smod_range, RND "r0 &= 0xff; r0 s%%= 3; exit;")
P("socket", sdiv_neg1, RND "r0 s/= -1; exit;")
P("socket", smod_neg1, RND "r0 s%%= -1; exit;")
P("socket", sdiv_zero_reg, RND "r1 = 0; r0 s/= r1; exit;")
P("socket", smod32_zero_reg, RND "w1 = 0; w0 s%%= w1; exit;")
P("socket", sdiv_min, "r0 = 0x8000000000000000 ll; r1 = -1; r0 s/= r1; exit;")
P("socket", smod_min32, "w0 = 0x80000000; w1 = -1; w0 s%%= w1; exit;")
P("socket", sdiv_var, RND "r6 = r0; " RND "r0 &= 7; r6 &= 0xfff; r6 s/= r0; r0 = r6; exit;")
P("socket", sdiv_ptr, "r0 = r10; r0 s/= 2; r0 = 0; exit;")
P("socket", smod_ptr_src, "r0 = 5; r1 = r10; r0 s%%= r1; r0 = 0; exit;")
/* movsx */
P("socket", movsx_ptr, "r0 = (s8)r10; r0 = 0; exit;")
P("socket", movsx32_ptr, "w0 = (s16)w10; w0 = 0; exit;")
P("socket", movsx_s32_ptr, "r1 = (s32)r10; r0 = 0; exit;")
P("socket", movsx_range, RND "r1 = (s8)r0; if r1 s> 127 goto l0_%=; if r1 s< -128 goto l0_%=; r0 = 0; exit; l0_%=: r0 = *(u64 *)(r1 + 0); exit;")
P("socket", movsx_id, RND "r0 &= 0x7f; r1 = (s8)r0; if r1 > 10 goto l0_%=; if r0 > 10 goto l1_%=; l0_%=: r0 = 0; exit; l1_%=: r0 = *(u64 *)(r0 + 0); exit;")
P("socket", movsx32_id, RND "r0 &= 0x7f; w1 = (s8)w0; if w1 > 10 goto l0_%=; if w0 > 10 goto l1_%=; l0_%=: r0 = 0; exit; l1_%=: r0 = *(u64 *)(r0 + 0); exit;")
P("socket", movsx_s32_id, RND "r0 &= 0xffff; r1 = (s32)r0; if r1 > 10 goto l0_%=; if r0 > 10 goto l1_%=; l0_%=: r0 = 0; exit; l1_%=: r0 = *(u64 *)(r0 + 0); exit;")
P("socket", movsx_s32_neg, RND "r1 = (s32)r0; if r1 > 10 goto l0_%=; if r0 > 10 goto l1_%=; l0_%=: r0 = 0; exit; l1_%=: r0 = 0; exit;")
/* ldsx from memory kinds */
P("socket", ldsx_stack_const, "r1 = 0x80; *(u64 *)(r10 - 8) = r1; r0 = *(s8 *)(r10 - 8); exit;")
P("socket", ldsx_stack_spill32, "w1 = 0x8000; *(u32 *)(r10 - 8) = r1; r0 = *(s16 *)(r10 - 8); exit;")
P("socket", ldsx_stack_ptr, "*(u64 *)(r10 - 8) = r10; r0 = *(s32 *)(r10 - 8); r0 = 0; exit;")
P("socket", ldsx_stack_misc, "r1 = 0; *(u32 *)(r10 - 8) = r1; *(u32 *)(r10 - 4) = r1; r0 = *(s8 *)(r10 - 5); exit;")
P("socket", ldsx_stack_uninit, "r0 = *(s8 *)(r10 - 5); exit;")
P("socket", ldsx_stack_var, RND "r0 &= 4; r1 = r10; r1 += -8; r1 += r0; r2 = 0; *(u64 *)(r10 - 8) = r2; r0 = *(s16 *)(r1 + 0); exit;")
P("socket", ldsx_skb_len, "r0 = *(s32 *)(r1 + 0); exit;")
P("socket", ldsx_skb_narrow, "r0 = *(s8 *)(r1 + 0); exit;")
P("tc", ldsx_skb_data, "r0 = *(s32 *)(r1 + 76); r0 = 0; exit;")
P("xdp", ldsx_xdp_data, "r0 = *(s32 *)(r1 + 0); r0 = 0; exit;")
P("xdp", ldsx_xdp_ifindex, "r0 = *(s32 *)(r1 + 12); exit;")
P("tc", ldsx_pkt, "r2 = *(u32 *)(r1 + 76); r3 = *(u32 *)(r1 + 80); r1 = r2; r1 += 4; if r1 > r3 goto l0_%=; r0 = *(s16 *)(r2 + 2); exit; l0_%=: r0 = 0; exit;")
P("tc", ldsx_pkt_oob, "r2 = *(u32 *)(r1 + 76); r3 = *(u32 *)(r1 + 80); r1 = r2; r1 += 4; if r1 > r3 goto l0_%=; r0 = *(s32 *)(r2 + 2); exit; l0_%=: r0 = 0; exit;")
P("kprobe/x", ldsx_kprobe, "r0 = *(s32 *)(r1 + 8); r0 = 0; exit;")
P("raw_tracepoint/x", ldsx_rawtp, "r0 = *(s8 *)(r1 + 8); r0 = 0; exit;")
P("cgroup/sock_create", ldsx_sock_create, "r0 = *(s16 *)(r1 + 4); r0 = 1; exit;")
P("tc", ldsx_sk, "r1 = *(u64 *)(r1 + 168); if r1 == 0 goto l0_%=; r0 = *(s32 *)(r1 + 4); l0_%=: r0 = 0; exit;")
P("flow_dissector", ldsx_flow_keys, "r1 = *(u64 *)(r1 + 144); r0 = *(s16 *)(r1 + 0); r0 = 0; exit;")
/* bswap / gotol / ja32 */
P("socket", bswap_ptr, "r0 = r10; r0 = bswap16 r0; r0 = 0; exit;")
P("socket", bswap64_range, RND "r0 &= 0xff; r0 = bswap64 r0; exit;")
P("socket", gotol_fwd, "r0 = 1; gotol l0_%=; r0 = 2; l0_%=: exit;")
P("socket", gotol_loop, "r0 = 0; l0_%=: r0 += 1; if r0 > 3 goto l1_%=; gotol l0_%=; l1_%=: r0 = 0; exit;")
P("socket", ja32_back_inf, "r0 = 0; l0_%=: r0 += 1; gotol l0_%=; exit;")
/* bpf_iter__udp: meta @0, udp_sk @8, uid @16 (uid_t), bucket @24 (int) */
P("iter/udp", it_sx_bucket, "r0 = *(s32 *)(r1 + 24); r0 = 0; exit;")
P("iter/udp", it_sx_uid8, "r0 = *(s8 *)(r1 + 16); r0 = 0; exit;")
P("iter/udp", it_sx_ptr, "r0 = *(s32 *)(r1 + 8); r0 = 0; exit;")
P("iter/udp", it_sx_meta16, "r0 = *(s16 *)(r1 + 0); r0 = 0; exit;")
P("iter/udp", it_sx_unaligned, "r0 = *(s16 *)(r1 + 26); r0 = 0; exit;")
P("iter/udp", it_sx_beyond, "r0 = *(s32 *)(r1 + 32); r0 = 0; exit;")
P("iter/udp", it_sx8_range, "r2 = *(s8 *)(r1 + 24); if r2 s> 127 goto l0_%=; if r2 s< -128 goto l0_%=; r0 = 0; exit; l0_%=: r0 = *(u64 *)(r2 + 0); r0 = 0; exit;")
P("iter/udp", it_sx8_neg, "r2 = *(s8 *)(r1 + 24); if r2 s> -1 goto l0_%=; r0 = *(u64 *)(r2 + 0); l0_%=: r0 = 0; exit;")
P("iter/udp", it_sx16_range, "r2 = *(s16 *)(r1 + 16); if r2 s> 32767 goto l0_%=; if r2 s< -32768 goto l0_%=; r0 = 0; exit; l0_%=: r0 = *(u64 *)(r2 + 0); r0 = 0; exit;")
P("iter/udp", it_sx32_range, "r2 = *(s32 *)(r1 + 24); if r2 s> 0x7fffffff goto l0_%=; r0 = 0; exit; l0_%=: r0 = *(u64 *)(r2 + 0); r0 = 0; exit;")
P("iter/udp", it_zx32_range, "r2 = *(u32 *)(r1 + 24); if r2 s< 0 goto l0_%=; r0 = 0; exit; l0_%=: r0 = *(u64 *)(r2 + 0); r0 = 0; exit;")
P("tp_btf/sched_switch", tb_sx_arg, "r0 = *(s8 *)(r1 + 0); r0 = 0; exit;")
P("tp_btf/sched_switch", tb_sx_ptr, "r0 = *(s32 *)(r1 + 8); r0 = 0; exit;")
P("iter/udp", it_sx_write, "r2 = 0; *(u32 *)(r1 + 24) = r2; r0 = 0; exit;")
/* C shapes where clang-19 -mcpu=v4 emits movsx / ldsx */
static long (*bpf_get_prandom_u32)(void) = (void *)7;
SEC("socket") int c_s8_index(struct __sk_buff *skb)
{
	char buf[64] = {};
	signed char i = (signed char)bpf_get_prandom_u32();
	if (i < 0 || i >= 64)
		return 0;
	buf[i] = 1;
	return buf[(unsigned char)i & 63];
}
char _license[] SEC("license") = "GPL";
