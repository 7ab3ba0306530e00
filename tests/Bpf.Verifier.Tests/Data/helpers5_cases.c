/* Helpers modelled in session 5 (HelperTable.More.cs, Checker.HelperPercpu.cs, user ring buffer drain): each
 * program was checked with veristat against the live Linux 6.18 kernel; Helpers5Tests.cs repeats them as assembly.
 * Build: bpftool btf dump file /sys/kernel/btf/vmlinux format c > vmlinux.h;
 *        clang-19 -O2 -g --target=bpf -mcpu=v3 -c helpers5_cases.c -o helpers5_cases.o */
#include "vmlinux.h"
#define SEC(n) __attribute__((section(n), used))
#define NAKED __attribute__((naked))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __ksym __attribute__((section(".ksyms")))
char _license[] SEC("license") = "GPL";

struct { __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY); __uint(key_size, 4); __uint(value_size, 4); } perf_map SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_CGROUP_ARRAY); __uint(key_size, 4); __uint(value_size, 4); __uint(max_entries, 1); } cg_map SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, int); __type(value, long); __uint(max_entries, 1); } arr_map SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_USER_RINGBUF); __uint(max_entries, 4096); } urb SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } rb SEC(".maps");

extern const int cpu_number __ksym;

#define FMT8 "r1 = 0x0a; *(u64 *)(r10 - 8) = r1; r1 = r10; r1 += -8; r2 = 8;"
#define DATA16 "r3 = 0; *(u64 *)(r10 - 24) = r3; *(u64 *)(r10 - 16) = r3; r3 = r10; r3 += -24;"

/* trace_vprintk(fmt, fmt_size, data, data_len) */
SEC("socket") NAKED int vprintk_ok(void) { asm volatile(FMT8 DATA16 "r4 = 16; call 177; r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int vprintk_null(void) { asm volatile(FMT8 "r3 = 0; r4 = 0; call 177; r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int vprintk_null_size(void) { asm volatile(FMT8 "r3 = 0; r4 = 8; call 177; r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int vprintk_fmt_uninit(void) { asm volatile("r1 = r10; r1 += -8; r2 = 8; r3 = 0; r4 = 0; call 177; r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int vprintk_fmt_zero(void) { asm volatile(FMT8 "r2 = 0; r3 = 0; r4 = 0; call 177; r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int vprintk_data_uninit(void) { asm volatile(FMT8 "r3 = r10; r3 += -24; r4 = 16; call 177; r0 = 0; exit;" ::: "memory"); }
/* send_signal(sig), send_signal_thread(sig) */
SEC("kprobe/do_nanosleep") NAKED int send_signal_kprobe(void) { asm volatile("r1 = 9; call 109; r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int send_signal_socket(void) { asm volatile("r1 = 9; call 109; r1 = 10; call 117; r0 = 0; exit;" ::: "memory"); }
SEC("kprobe/do_nanosleep") NAKED int send_signal_uninit(void) { asm volatile("call 117; r0 = 0; exit;" ::: "memory"); }
/* get_cgroup_classid: no argument in the base set, the skb for tc and lwt */
SEC("socket") NAKED int classid_curr(void) { asm volatile("call 17; exit;" ::: "memory"); }
SEC("tc") NAKED int classid_tc(void) { asm volatile("call 17; r0 = 0; exit;" ::: "memory"); }
SEC("tc") NAKED int classid_tc_noctx(void) { asm volatile("r1 = 0; call 17; r0 = 0; exit;" ::: "memory"); }
SEC("lwt_in") NAKED int classid_lwt(void) { asm volatile("call 17; r0 = 0; exit;" ::: "memory"); }
/* skb_under_cgroup(skb, cgroup_array, index) */
SEC("tc") NAKED int under_cgroup_ok(void) { asm volatile("r2 = %[cg_map] ll; r3 = 0; call 33; r0 = 0; exit;" :: [cg_map]"i"(&cg_map) : "memory"); }
SEC("tc") NAKED int under_cgroup_array(void) { asm volatile("r2 = %[arr_map] ll; r3 = 0; call 33; r0 = 0; exit;" :: [arr_map]"i"(&arr_map) : "memory"); }
SEC("socket") NAKED int under_cgroup_socket(void) { asm volatile("r2 = %[cg_map] ll; r3 = 0; call 33; r0 = 0; exit;" :: [cg_map]"i"(&cg_map) : "memory"); }
SEC("lwt_xmit") NAKED int under_cgroup_lwt(void) { asm volatile("r2 = %[cg_map] ll; r3 = 0; call 33; r0 = 0; exit;" :: [cg_map]"i"(&cg_map) : "memory"); }
SEC("socket") NAKED int task_under_cgroup_map(void) { asm volatile("r1 = %[cg_map] ll; r2 = 0; call 37; r0 = 0; exit;" :: [cg_map]"i"(&cg_map) : "memory"); }
/* xdp_get_buff_len(ctx), xdp_load_bytes(ctx, off, buf, len), xdp_store_bytes(ctx, off, buf, len) */
SEC("xdp") NAKED int xdp_len(void) { asm volatile("call 188; r0 = 2; exit;" ::: "memory"); }
SEC("xdp") NAKED int xdp_load(void) { asm volatile("r2 = 0; r3 = r10; r3 += -8; r4 = 8; call 189; r0 = *(u64 *)(r10 - 8); r0 = 2; exit;" ::: "memory"); }
SEC("xdp") NAKED int xdp_store(void) { asm volatile("r2 = 0; *(u64 *)(r10 - 8) = r2; r3 = r10; r3 += -8; r4 = 8; call 190; r0 = 2; exit;" ::: "memory"); }
SEC("xdp") NAKED int xdp_store_uninit(void) { asm volatile("r2 = 0; r3 = r10; r3 += -8; r4 = 8; call 190; r0 = 2; exit;" ::: "memory"); }
SEC("xdp") NAKED int xdp_load_zero(void) { asm volatile("r2 = 0; r3 = r10; r3 += -8; r4 = 0; call 189; r0 = 2; exit;" ::: "memory"); }
SEC("xdp") NAKED int xdp_load_pkt(void) { asm volatile(
 "r2 = *(u32 *)(r1 + 0); r3 = *(u32 *)(r1 + 4); r4 = r2; r4 += 8; if r4 > r3 goto l0_%=; r3 = r2; r2 = 0; r4 = 8; call 189; l0_%=: r0 = 2; exit;" ::: "memory"); }
SEC("tc") NAKED int xdp_load_tc(void) { asm volatile("r2 = 0; r3 = r10; r3 += -8; r4 = 8; call 189; r0 = 0; exit;" ::: "memory"); }
/* skb_output / xdp_output(btf ptr, perf_event_array, flags, data, size) from tp_btf */
SEC("tp_btf/kfree_skb") NAKED int skb_output_ok(void) { asm volatile(
 "r1 = *(u64 *)(r1 + 0); r2 = %[perf_map] ll; r3 = 0; r4 = 0; *(u64 *)(r10 - 8) = r4; r4 = r10; r4 += -8; r5 = 8; call 111; r0 = 0; exit;"
 :: [perf_map]"i"(&perf_map) : "memory"); }
SEC("tp_btf/kfree_skb") NAKED int skb_output_array(void) { asm volatile(
 "r1 = *(u64 *)(r1 + 0); r2 = %[arr_map] ll; r3 = 0; r4 = 0; r5 = 0; call 111; r0 = 0; exit;" :: [arr_map]"i"(&arr_map) : "memory"); }
SEC("tp_btf/kfree_skb") NAKED int skb_output_array2(void) { asm volatile(
 "r1 = *(u64 *)(r1 + 0); r2 = %[arr_map] ll; r3 = 0; r4 = r10; r4 += -8; r5 = 0; call 111; r0 = 0; exit;" :: [arr_map]"i"(&arr_map) : "memory"); }
SEC("tp_btf/kfree_skb") NAKED int skb_output_null_skb(void) { asm volatile(
 "r1 = 0; r2 = %[perf_map] ll; r3 = 0; r4 = r10; r4 += -8; r5 = 0; call 111; r0 = 0; exit;" :: [perf_map]"i"(&perf_map) : "memory"); }
SEC("tp_btf/kfree_skb") NAKED int xdp_output_skb(void) { asm volatile(
 "r1 = *(u64 *)(r1 + 0); r2 = %[perf_map] ll; r3 = 0; r4 = 0; r5 = 0; call 121; r0 = 0; exit;" :: [perf_map]"i"(&perf_map) : "memory"); }
SEC("tp_btf/kfree_skb") NAKED int skb_output_ctx(void) { asm volatile(
 "r2 = %[perf_map] ll; r3 = 0; r4 = 0; r5 = 0; call 111; r0 = 0; exit;" :: [perf_map]"i"(&perf_map) : "memory"); }
SEC("tp_btf/kfree_skb") NAKED int xdp_len_trace_skb(void) { asm volatile(
 "r1 = *(u64 *)(r1 + 0); call 188; r0 = 0; exit;" ::: "memory"); }
SEC("kprobe/do_nanosleep") NAKED int skb_output_kprobe(void) { asm volatile(
 "r2 = %[perf_map] ll; r3 = 0; r4 = 0; r5 = 0; call 111; r0 = 0; exit;" :: [perf_map]"i"(&perf_map) : "memory"); }
/* get_func_arg / get_func_ret / get_func_arg_cnt need a trampoline */
SEC("tp_btf/kfree_skb") NAKED int func_arg_cnt_tp(void) { asm volatile("call 185; r0 = 0; exit;" ::: "memory"); }
SEC("kprobe/do_nanosleep") NAKED int func_arg_kprobe(void) { asm volatile("r2 = 0; r3 = r10; r3 += -8; call 183; r0 = 0; exit;" ::: "memory"); }
/* per_cpu_ptr(percpu ksym, cpu), this_cpu_ptr(percpu ksym): this kernel's kallsyms lists no percpu variable, so libbpf
 * fails to load the object's ksyms first */
SEC("socket") NAKED int percpu_int(void) { asm volatile(
 "r1 = %[cpu_number] ll; r2 = 0; call 153; if r0 == 0 goto l0_%=; r0 = *(u32 *)(r0 + 0); l0_%=: r0 = 0; exit;" :: [cpu_number]"i"(&cpu_number) : "memory"); }
SEC("socket") NAKED int percpu_int_nocheck(void) { asm volatile(
 "r1 = %[cpu_number] ll; r2 = 0; call 153; r0 = *(u32 *)(r0 + 0); r0 = 0; exit;" :: [cpu_number]"i"(&cpu_number) : "memory"); }
SEC("socket") NAKED int this_cpu_int(void) { asm volatile(
 "r1 = %[cpu_number] ll; call 154; r0 = *(u32 *)(r0 + 0); r0 = 0; exit;" :: [cpu_number]"i"(&cpu_number) : "memory"); }
SEC("socket") NAKED int this_cpu_int_write(void) { asm volatile(
 "r1 = %[cpu_number] ll; call 154; r1 = 0; *(u32 *)(r0 + 0) = r1; r0 = 0; exit;" :: [cpu_number]"i"(&cpu_number) : "memory"); }
SEC("socket") NAKED int this_cpu_int_oob(void) { asm volatile(
 "r1 = %[cpu_number] ll; call 154; r0 = *(u32 *)(r0 + 4); r0 = 0; exit;" :: [cpu_number]"i"(&cpu_number) : "memory"); }
SEC("socket") NAKED int percpu_stack(void) { asm volatile(
 "r1 = r10; r1 += -8; r2 = 0; call 153; r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int percpu_off(void) { asm volatile(
 "r1 = %[cpu_number] ll; r1 += 8; r2 = 0; call 153; r0 = 0; exit;" :: [cpu_number]"i"(&cpu_number) : "memory"); }
/* syscall programs: sys_close(fd), sys_bpf(cmd, attr, size), btf_find_by_name_kind(name, len, kind, flags),
 * kallsyms_lookup_name(name, len, flags, res) */
SEC("syscall") NAKED int sys_close_ok(void) { asm volatile("r1 = 100; call 168; r0 = 0; exit;" ::: "memory"); }
SEC("syscall") NAKED int sys_bpf_ok(void) { asm volatile(
 "r1 = 0; *(u64 *)(r10 - 8) = r1; r2 = r10; r2 += -8; r3 = 8; r1 = 0; call 166; r0 = 0; exit;" ::: "memory"); }
SEC("syscall") NAKED int btf_find_ok(void) { asm volatile(
 "r1 = 0x41; *(u64 *)(r10 - 8) = r1; r1 = r10; r1 += -8; r2 = 8; r3 = 4; r4 = 0; call 167; r0 = 0; exit;" ::: "memory"); }
SEC("syscall") NAKED int kallsyms_ok(void) { asm volatile(
 "r1 = 0x41; *(u64 *)(r10 - 8) = r1; r1 = r10; r1 += -8; r2 = 8; r3 = 0; r4 = r10; r4 += -16; call 179; r0 = *(u64 *)(r10 - 16); r0 = 0; exit;" ::: "memory"); }
SEC("syscall") NAKED int kallsyms_misaligned(void) { asm volatile(
 "r1 = 0x41; *(u64 *)(r10 - 8) = r1; r1 = r10; r1 += -8; r2 = 8; r3 = 0; r4 = r10; r4 += -20; call 179; r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int kallsyms_socket(void) { asm volatile(
 "r1 = 0x41; *(u64 *)(r10 - 8) = r1; r1 = r10; r1 += -8; r2 = 8; r3 = 0; r4 = r10; r4 += -16; call 179; r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int sys_close_socket(void) { asm volatile("r1 = 100; call 168; r0 = 0; exit;" ::: "memory"); }
/* get_branch_snapshot(buf, size, flags) */
SEC("socket") NAKED int branch_snapshot(void) { asm volatile("r1 = r10; r1 += -16; r2 = 16; r3 = 0; call 176; r0 = 0; exit;" ::: "memory"); }
/* skb_get_xfrm_state(skb, index, xfrm_state, size, flags), lwt_push_encap(skb, type, hdr, len) */
SEC("tc") NAKED int xfrm_state(void) { asm volatile("r2 = 0; r3 = r10; r3 += -32; r4 = 32; r5 = 0; call 66; r0 = 0; exit;" ::: "memory"); }
SEC("lwt_in") NAKED int push_encap_in(void) { asm volatile("r2 = 0; *(u64 *)(r10 - 8) = r2; r3 = r10; r3 += -8; r4 = 8; call 73; r0 = 0; exit;" ::: "memory"); }
SEC("lwt_out") NAKED int push_encap_out(void) { asm volatile("r2 = 0; *(u64 *)(r10 - 8) = r2; r3 = r10; r3 += -8; r4 = 8; call 73; r0 = 0; exit;" ::: "memory"); }
SEC("lwt_xmit") NAKED int push_encap_pkt(void) { asm volatile(
 "r6 = r1; r2 = 0; *(u64 *)(r10 - 8) = r2; r3 = r10; r3 += -8; r4 = 8; call 73; r2 = *(u32 *)(r6 + 76); r3 = *(u32 *)(r6 + 80); r0 = 0; exit;" ::: "memory"); }
/* tcp_raw_gen_syncookie_ipv4(iph, th, th_len), tcp_raw_check_syncookie_ipv4(iph, th), ipv6 variants */
#define ZERO64 "r0 = 0; *(u64 *)(r10 - 8) = r0; *(u64 *)(r10 - 16) = r0; *(u64 *)(r10 - 24) = r0; *(u64 *)(r10 - 32) = r0; *(u64 *)(r10 - 40) = r0; *(u64 *)(r10 - 48) = r0; *(u64 *)(r10 - 56) = r0; *(u64 *)(r10 - 64) = r0;"
SEC("xdp") NAKED int syncookie_gen4(void) { asm volatile(ZERO64 "r1 = r10; r1 += -64; r2 = r10; r2 += -40; r3 = 20; call 204; r0 = 2; exit;" ::: "memory"); }
SEC("xdp") NAKED int syncookie_check4(void) { asm volatile(ZERO64 "r1 = r10; r1 += -64; r2 = r10; r2 += -40; call 206; r0 = 2; exit;" ::: "memory"); }
SEC("tc") NAKED int syncookie_gen6(void) { asm volatile(ZERO64 "r1 = r10; r1 += -64; r2 = r10; r2 += -24; r3 = 20; call 205; r0 = 0; exit;" ::: "memory"); }
SEC("tc") NAKED int syncookie_check6(void) { asm volatile(ZERO64 "r1 = r10; r1 += -64; r2 = r10; r2 += -24; call 207; r0 = 0; exit;" ::: "memory"); }
SEC("xdp") NAKED int syncookie_check6_short(void) { asm volatile(ZERO64 "r1 = r10; r1 += -32; r2 = r10; r2 += -64; call 207; r0 = 2; exit;" ::: "memory"); }
SEC("xdp") NAKED int syncookie_check4_uninit(void) { asm volatile("r1 = r10; r1 += -64; r2 = r10; r2 += -40; call 206; r0 = 2; exit;" ::: "memory"); }
SEC("socket") NAKED int syncookie_socket(void) { asm volatile(ZERO64 "r1 = r10; r1 += -64; r2 = r10; r2 += -40; call 206; r0 = 0; exit;" ::: "memory"); }
/* lwt_push_encap changes packet data: packet pointers die */
SEC("lwt_xmit") NAKED int push_encap_stale_pkt(void) { asm volatile(
 "r2 = *(u32 *)(r1 + 76); r3 = *(u32 *)(r1 + 80); r4 = r2; r4 += 8; if r4 > r3 goto l0_%=; r6 = r2; r2 = 0; *(u64 *)(r10 - 8) = r2; r3 = r10; r3 += -8; r4 = 8; call 73; r0 = *(u8 *)(r6 + 0); l0_%=: r0 = 0; exit;" ::: "memory"); }
/* syncookie helpers read packet memory (pkt_access) */
SEC("xdp") NAKED int syncookie_pkt(void) { asm volatile(
 "r2 = *(u32 *)(r1 + 0); r3 = *(u32 *)(r1 + 4); r4 = r2; r4 += 40; if r4 > r3 goto l0_%=; r1 = r2; r2 += 20; call 206; l0_%=: r0 = 2; exit;" ::: "memory"); }
SEC("xdp") NAKED int syncookie_pkt_short(void) { asm volatile(
 "r2 = *(u32 *)(r1 + 0); r3 = *(u32 *)(r1 + 4); r4 = r2; r4 += 30; if r4 > r3 goto l0_%=; r1 = r2; r2 += 20; call 206; l0_%=: r0 = 2; exit;" ::: "memory"); }
/* kallsyms_lookup_name writes its u64 result: the slot is then initialized */
SEC("syscall") NAKED int kallsyms_zero_len(void) { asm volatile(
 "r1 = 0; r2 = 0; r3 = 0; r4 = r10; r4 += -16; call 179; r0 = 0; exit;" ::: "memory"); }
/* skc_to_mptcp_sock takes ARG_PTR_TO_SOCK_COMMON: a BTF socket (tp_btf) is refused, a tc skb's socket is fine */
SEC("tp_btf/kfree_skb") NAKED int mptcp_btf(void) { asm volatile(
 "r1 = *(u64 *)(r1 + 0); r1 = *(u64 *)(r1 + %[sk]); if r1 == 0 goto l0_%=; call 196; l0_%=: r0 = 0; exit;" :: [sk]"i"(__builtin_offsetof(struct sk_buff, sk)) : "memory"); }
SEC("tc") NAKED int mptcp_tc(void) { asm volatile(
 "r1 = *(u64 *)(r1 + 168); if r1 == 0 goto l0_%=; call 196; if r0 == 0 goto l0_%=; r0 = *(u32 *)(r0 + 0); l0_%=: r0 = 0; exit;" ::: "memory"); }
/* get_socket_cookie of tracing, iterator, syscall and sk_reuseport programs: ARG_PTR_TO_BTF_ID_SOCK_COMMON | PTR_MAYBE_NULL;
 * get_netns_cookie of skb programs: ARG_PTR_TO_CTX_OR_NULL (6.18) */
SEC("tp_btf/kfree_skb") NAKED int cookie_null(void) { asm volatile("r1 = 0; call 46; r0 = 0; exit;" ::: "memory"); }
SEC("tp_btf/kfree_skb") NAKED int cookie_rcu_sk(void) { asm volatile(
 "r1 = *(u64 *)(r1 + 0); r1 = *(u64 *)(r1 + %[sk]); call 46; r0 = 0; exit;" :: [sk]"i"(__builtin_offsetof(struct sk_buff, sk)) : "memory"); }
SEC("tp_btf/kfree_skb") NAKED int cookie_ctx(void) { asm volatile("call 46; r0 = 0; exit;" ::: "memory"); }
SEC("iter/tcp") NAKED int cookie_iter_nocheck(void) { asm volatile("r1 = *(u64 *)(r1 + 8); call 46; r0 = 0; exit;" ::: "memory"); }
SEC("iter/tcp") NAKED int cookie_iter_checked(void) { asm volatile("r1 = *(u64 *)(r1 + 8); if r1 == 0 goto l0_%=; call 46; l0_%=: r0 = 0; exit;" ::: "memory"); }
SEC("iter/tcp") NAKED int cookie_iter_off(void) { asm volatile("r1 = *(u64 *)(r1 + 8); r1 += 8; call 46; r0 = 0; exit;" ::: "memory"); }
SEC("iter/tcp") NAKED int cookie_iter_off_checked(void) { asm volatile("r1 = *(u64 *)(r1 + 8); if r1 == 0 goto l0_%=; r1 += 8; call 46; l0_%=: r0 = 0; exit;" ::: "memory"); }
SEC("sk_reuseport") NAKED int cookie_reuse(void) { asm volatile("r1 = *(u64 *)(r1 + %[sk]); call 46; r0 = 0; exit;" :: [sk]"i"(__builtin_offsetof(struct sk_reuseport_md, sk)) : "memory"); }
SEC("sk_reuseport") NAKED int cookie_reuse_ctx(void) { asm volatile("call 46; r0 = 0; exit;" ::: "memory"); }
SEC("syscall") NAKED int cookie_syscall(void) { asm volatile("r1 = 0; call 46; r0 = 0; exit;" ::: "memory"); }
SEC("tc") NAKED int netns_tc(void) { asm volatile("call 122; r0 = 0; exit;" ::: "memory"); }
SEC("tc") NAKED int netns_tc_null(void) { asm volatile("r1 = 0; call 122; r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int netns_socket(void) { asm volatile("call 122; r0 = 0; exit;" ::: "memory"); }
SEC("cgroup_skb/ingress") NAKED int netns_cgskb_bad(void) { asm volatile("r1 = 1; call 122; r0 = 1; exit;" ::: "memory"); }
/* d_path is not allowed in syscall programs (bpf_d_path_allowed) */
SEC("syscall") NAKED int d_path_syscall(void) { asm volatile("r1 = 0; r2 = 0; r3 = 0; call 147; r0 = 0; exit;" ::: "memory"); }
