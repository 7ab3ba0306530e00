// Kernel-checked cases from the prevail session: the PREVAIL test programs that vbpf/ebpf-samples added after the
// corpus snapshot (bpf_loop_helper, cpumap, devmap, global_func, hash_of_maps, invalid_map_access, lpm_trie,
// percpu_array/hash, perf_event_array, queue_stack, sockmap, spectre_v1, tail_call_single_section), made
// libbpf-loadable (SEC names, BTF maps; the same instructions), and programs of our own around them.
// Build: clang-19 -O2 -g --target=bpf -mcpu=v3 -I/usr/include/$(uname -m)-linux-gnu -I/opt/ksrc/linux-source-6.12/tools/lib -c prevail_new_cases.c -o prevail_new_cases.o
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";
struct bpf_map;
typedef unsigned long u64;

struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, __u64); __uint(max_entries, 16); } array_map SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_CPUMAP); __type(key, __u32); __type(value, __u32); __uint(max_entries, 16); } cpumap SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_DEVMAP); __type(key, __u32); __type(value, __u32); __uint(max_entries, 64); } devmap SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_DEVMAP_HASH); __type(key, __u32); __type(value, __u32); __uint(max_entries, 4); } devhash SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_XSKMAP); __type(key, __u32); __type(value, __u32); __uint(max_entries, 4); } xsks SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, __u64); __uint(max_entries, 4); } shared_map SEC(".maps");
struct lpm_key { __u32 prefixlen; __u32 data; };
struct { __uint(type, BPF_MAP_TYPE_LPM_TRIE); __type(key, struct lpm_key); __type(value, __u64); __uint(max_entries, 256); __uint(map_flags, BPF_F_NO_PREALLOC); } lpm_map SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY); __type(key, __u32); __type(value, __u64); __uint(max_entries, 8); } percpu_array SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY); __type(key, __u32); __type(value, __u64[4]); __uint(max_entries, 8); } pcpu_arr4 SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PERCPU_HASH); __type(key, __u32); __type(value, __u64); __uint(max_entries, 128); } percpu_hash SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_LRU_HASH); __type(key, __u32); __type(value, __u64); __uint(max_entries, 4); } lru SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY); __type(key, __u32); __type(value, __u32); } perf_map SEC(".maps");
struct inner { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, __u32); __uint(max_entries, 4); } inner_map SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_HASH_OF_MAPS); __uint(max_entries, 8); __type(key, __u32); __array(values, struct inner); } hash_of_maps SEC(".maps") = { .values = { &inner_map } };
struct rb { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } rb_inner SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS); __uint(max_entries, 2); __type(key, __u32); __array(values, struct rb); } aom_rb SEC(".maps") = { .values = { &rb_inner } };
struct { __uint(type, BPF_MAP_TYPE_QUEUE); __type(value, __u32); __uint(max_entries, 16); } queue_map SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_STACK); __type(value, __u64); __uint(max_entries, 16); } stack_map SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_SOCKMAP); __type(key, __u32); __type(value, __u64); __uint(max_entries, 64); } sockmap SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_SOCKHASH); __type(key, __u32); __type(value, __u64); __uint(max_entries, 64); } sockhash SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PROG_ARRAY); __type(key, __u32); __type(value, __u32); __uint(max_entries, 4); } jmp SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __uint(value_size, 8 * 8 * 32); __uint(max_entries, 1); } spectre_map SEC(".maps");

/* ---- PREVAIL's new samples ---- */
struct loop_ctx { __u64 sum; };
static long loop_callback(__u32 index, void *ctx)
{ struct loop_ctx *l = ctx; __u64 *v = bpf_map_lookup_elem(&array_map, &index); if (v) l->sum += *v; return 0; }
SEC("xdp") int test_bpf_loop(struct xdp_md *ctx) { struct loop_ctx l = { .sum = 0 }; bpf_loop(16, loop_callback, &l, 0); return (int)l.sum; }
SEC("xdp") int test_cpumap(struct xdp_md *ctx) { __u32 cpu = 0; return bpf_redirect_map(&cpumap, cpu, 0); }
SEC("xdp") int test_devmap(struct xdp_md *ctx) { __u32 ifindex = 1; return bpf_redirect_map(&devmap, ifindex, 0); }

__attribute__((noinline)) int add_and_store(__u32 key, __u64 a, __u64 b)
{ __u64 sum = a + b; bpf_map_update_elem(&shared_map, &key, &sum, 0); return (int)sum; }
__attribute__((noinline)) int process_entry(__u32 key)
{ __u64 *val = bpf_map_lookup_elem(&shared_map, &key); if (!val) return -1; return add_and_store(key, *val, 1); }
SEC("xdp") int test_global_func(struct xdp_md *ctx) { return process_entry(0); }

SEC("socket") int hom_func(void *ctx)
{
    __u32 outer_key = 0;
    void *inner = bpf_map_lookup_elem(&hash_of_maps, &outer_key);
    if (inner) { __u32 inner_key = 0; __u32 *val = bpf_map_lookup_elem(inner, &inner_key); if (val) return (int)*val; }
    return 0;
}

typedef struct { __u32 rnti, prb_size, cnt; } t_prb_hist;
typedef struct { __u32 rnti, mcs, cnt; } t_mcs_hist;
typedef struct { __u64 timestamp; __u32 cell_id, msg_id; __u16 prb_count; t_prb_hist prb[70]; __u16 mcs_count; t_mcs_hist mcs[15]; } dl_config_stats;
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, int); __uint(value_size, sizeof(dl_config_stats)); __uint(max_entries, 1); } dl_map SEC(".maps");
SEC("socket") int ima_func(void *ctx)
{
    __u32 key = 1;
    dl_config_stats *tmp = bpf_map_lookup_elem(&dl_map, &key);
    if (!tmp) return 0;
    __u16 ind = tmp->prb_count;
    if (ind < sizeof(tmp->prb) / sizeof(tmp->prb[0])) tmp->prb[ind].cnt = tmp->prb_count;
    else tmp->prb[100000].cnt = 10;
    return ind;
}

SEC("xdp") int test_lpm_trie(struct xdp_md *ctx)
{
    struct lpm_key key = { .prefixlen = 24, .data = 0x0a000000 };
    __u64 *value = bpf_map_lookup_elem(&lpm_map, &key);
    if (value) return (int)*value;
    __u64 new_val = 1; bpf_map_update_elem(&lpm_map, &key, &new_val, 0); return 0;
}
SEC("xdp") int test_percpu_array(struct xdp_md *ctx)
{ __u32 key = 0; __u64 *v = bpf_map_lookup_elem(&percpu_array, &key); if (v) { *v += 1; return (int)*v; } return 0; }
SEC("xdp") int test_percpu_hash(struct xdp_md *ctx)
{
    __u32 key = bpf_get_prandom_u32(); __u64 *v = bpf_map_lookup_elem(&percpu_hash, &key);
    if (v) { *v += 1; return (int)*v; }
    __u64 init_val = 1; bpf_map_update_elem(&percpu_hash, &key, &init_val, 0); return 0;
}
struct event { __u32 pid; __u64 timestamp; };
SEC("xdp") int test_perf_event(struct xdp_md *ctx)
{
    struct event e; e.pid = bpf_get_prandom_u32(); e.timestamp = bpf_ktime_get_ns();
    bpf_perf_event_output(ctx, &perf_map, 0, &e, sizeof(e)); return 0;
}
SEC("socket") int qs_func(void *ctx)
{
    __u32 val = 0;
    if (bpf_map_lookup_elem(&queue_map, &val) == 0) return (int)val;
    if (bpf_map_lookup_elem(&stack_map, &val) == 0) return (int)val;
    val = 42; bpf_map_push_elem(&queue_map, &val, 0); bpf_map_push_elem(&stack_map, &val, 0); return 0;
}
SEC("sk_skb/stream_verdict") int test_sockmap(struct __sk_buff *skb) { __u32 key = 0; return bpf_sk_redirect_map(skb, &sockmap, key, 0); }
SEC("xdp") int caller(struct xdp_md *ctx) { long error = bpf_tail_call(ctx, &jmp, 0); return (int)error; }
SEC("xdp") int callee(struct xdp_md *ctx) { return 42; }

static __always_inline u64 *shared(void) { __u32 k = 0; return bpf_map_lookup_elem(&spectre_map, &k); }
SEC("socket") int spectre_v1_1(void *ctx)
{ u64 *s = shared(); if (!s) return 0; u64 i = s[0]; int r = 1; if (i < 32) { int secret = s[i]; r = (secret & 1) ? s[16] : s[24]; } return r; }
SEC("socket") int spectre_v1_2(void *ctx)
{ u64 *s = shared(); if (!s) return 0; u64 i = s[0]; int r = 1; if (i < 32) r = s[(s[i] & 1) * 8]; return r; }
SEC("socket") int spectre_v1_3(void *ctx)
{ u64 *s = shared(); if (!s) return 0; u64 i = s[0]; int r = 1; if (i < 32) r = s[(s[2 * i] & 1) * 8]; return r; }
SEC("socket") int spectre_v1_4(void *ctx)
{ u64 *s = shared(); if (!s) return 0; u64 i = s[0]; int r = 1; if ((i & 0xFFF) == i) { int secret = s[i]; r = (secret & 1) ? s[16] : s[24]; } return r; }
SEC("socket") int spectre_v1_5(void *ctx)
{ u64 *s = shared(); if (!s) return 0; u64 i = s[0]; return s[(s[i < 32 ? i : 0] & 1) * 8]; }
SEC("socket") int spectre_v1_6(void *ctx)
{ u64 *s = shared(); if (!s) return 0; u64 a = s[0], b = s[1]; int r = 1; if (a + b < 32) { int secret = s[a + b]; r = (secret & 1) ? s[16] : s[24]; } return r; }
SEC("socket") int spectre_type_confusion(void *ctx)
{
    __u32 key = 0; u64 idx;
    { u64 *p1 = bpf_map_lookup_elem(&spectre_map, &key); if (!p1) return 0; idx = p1[0]; }
    u64 *ptr = bpf_map_lookup_elem(&spectre_map, &key);
    __u32 *sp = &key;
    asm volatile("%3 = *(u64 *)(%0 + 0)\n" "if %3 != 0x0 goto +1\n" "%2 = %1\n" "if %3 != 0x1 goto +5\n"
                 "%1 = *(u8 *)(%2 + 0)\n" "%1 &= 1\n" "%1 *= 8\n" "%0 += %1\n" "%0 = *(u64 *)(%0 + 0)\n"
                 : : "r"(ptr), "r"(idx), "r"(sp), "r"(key));
    return (long)ptr;
}

/* ---- our own: the BTF name of clang's specialized clones, bpf_for_each_map_elem's map check ---- */
__noinline int gf_ptr_nocheck(__u64 *p) { return (int)*p; }
SEC("xdp") int call_specialized_clone(struct xdp_md *ctx) { return gf_ptr_nocheck(0); }

static long fe_cb(struct bpf_map *m, void *k, void *v, void *c) { return 0; }
static long fe_read(struct bpf_map *m, __u32 *k, __u64 *v, void *c) { return *v & 1; }
SEC("xdp") int fe_prog_array(struct xdp_md *ctx) { return bpf_for_each_map_elem(&jmp, fe_cb, 0, 0); }
SEC("xdp") int fe_queue(struct xdp_md *ctx) { return bpf_for_each_map_elem(&queue_map, fe_cb, 0, 0); }
SEC("xdp") int fe_devmap_hash(struct xdp_md *ctx) { return bpf_for_each_map_elem(&devhash, fe_cb, 0, 0); }
SEC("xdp") int fe_hash_of_maps(struct xdp_md *ctx) { return bpf_for_each_map_elem(&hash_of_maps, fe_cb, 0, 0); }
SEC("xdp") int fe_lpm(struct xdp_md *ctx) { return bpf_for_each_map_elem(&lpm_map, fe_cb, 0, 0); }
SEC("xdp") int fe_lru_read(struct xdp_md *ctx) { return bpf_for_each_map_elem(&lru, fe_read, 0, 0); }
SEC("xdp") int fe_prog_array_ctx(struct xdp_md *ctx) { return bpf_for_each_map_elem(&jmp, fe_cb, ctx, 0); }

/* ---- our own: the map types of the new samples, pushed further ---- */
SEC("xdp") int cpumap_lookup(struct xdp_md *ctx) { __u32 k = 0; __u32 *v = bpf_map_lookup_elem(&cpumap, &k); return v ? *v : 0; }
SEC("xdp") int devmap_lookup_write(struct xdp_md *ctx) { __u32 k = 0; __u32 *v = bpf_map_lookup_elem(&devmap, &k); if (v) *v = 1; return 0; }
SEC("xdp") int xsk_lookup(struct xdp_md *ctx) { __u32 k = 0; __u32 *s = bpf_map_lookup_elem(&xsks, &k); return s ? *s : 0; }
SEC("xdp") int pcpu_arr_oob(struct xdp_md *ctx) { __u32 k = 0; __u64 *v = bpf_map_lookup_elem(&pcpu_arr4, &k); return v ? v[4] : 0; }
SEC("xdp") int pcpu_lookup_percpu_elem(struct xdp_md *ctx)
{ __u32 k = 0; __u64 *v = bpf_map_lookup_percpu_elem(&pcpu_arr4, &k, bpf_get_smp_processor_id()); return v ? v[3] : 0; }
SEC("xdp") int queue_delete(struct xdp_md *ctx) { __u32 v = 3; return bpf_map_delete_elem(&queue_map, &v); }
SEC("xdp") int stack_pop_small(struct xdp_md *ctx) { __u32 v; if (bpf_map_pop_elem(&stack_map, &v)) return 0; return v; }
SEC("xdp") int perf_var_size_over(struct xdp_md *ctx)
{ char buf[64] = {}; __u64 n = bpf_get_prandom_u32() & 127; return bpf_perf_event_output(ctx, &perf_map, BPF_F_CURRENT_CPU, buf, n); }
SEC("sk_skb/stream_verdict") int sockmap_lookup_leak(struct __sk_buff *skb)
{ __u32 k = 0; struct bpf_sock *sk = bpf_map_lookup_elem(&sockmap, &k); if (!sk) return SK_DROP; return sk->family; }
SEC("sk_msg") int msg_redirect_hash_sockmap(struct sk_msg_md *msg) { __u32 k = 0; return bpf_msg_redirect_hash(msg, &sockmap, &k, 0); }
SEC("sk_reuseport") int reuseport_select_sockmap(struct sk_reuseport_md *md)
{ __u32 k = 0; return bpf_sk_select_reuseport(md, &sockmap, &k, 0) ? SK_DROP : SK_PASS; }
SEC("xdp") int aom_ringbuf_reserve(struct xdp_md *ctx)
{
    __u32 k = 0; void *in = bpf_map_lookup_elem(&aom_rb, &k); if (!in) return 0;
    __u64 *p = bpf_ringbuf_reserve(in, 8, 0); if (!p) return 0; *p = 1; bpf_ringbuf_submit(p, 0); return 1;
}
static long cb_ret2(__u32 i, void *c) { return 2; }
SEC("xdp") int loop_ret2(struct xdp_md *ctx) { struct loop_ctx l = {}; return bpf_loop(16, cb_ret2, &l, 0); }
SEC("tc") int tail_call_ref(struct __sk_buff *skb)
{
    struct bpf_sock_tuple t = {};
    struct bpf_sock *sk = bpf_sk_lookup_tcp(skb, &t, sizeof(t.ipv4), -1, 0);
    bpf_tail_call(skb, &jmp, 0);
    if (sk) bpf_sk_release(sk);
    return 0;
}
SEC("socket") int spectre_u32_off_by_one(void *ctx)
{ u64 *s = shared(); if (!s) return 0; __u32 a = s[0]; if (a <= 256) return s[a]; return 1; }

/* ---- our own: a tail call straight in a bpf_loop callback (precision backtracking's verifier bug) ---- */
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } rb_dyn SEC(".maps");
static __noinline int callback_tail(int index, void **cb_ctx) { int ret = 0; bpf_tail_call(*cb_ctx, &jmp, 0); asm volatile("" : "+r"(ret)); return ret; }
static __noinline int sub_tail(struct __sk_buff *skb) { int ret = 0; bpf_tail_call(skb, &jmp, 0); asm volatile("" : "+r"(ret)); return ret; }
static __noinline int callback_sub_tail(int index, void **cb_ctx) { int ret = sub_tail(*cb_ctx); asm volatile("" : "+r"(ret)); return ret ? 1 : 0; }
SEC("tc") int tailcall_direct_callback(struct __sk_buff *skb) { bpf_loop(1, callback_tail, &skb, 0); return 0; }
SEC("tc") int tailcall_subprog_callback(struct __sk_buff *skb) { bpf_loop(1, callback_sub_tail, &skb, 0); return 0; }

/* ---- our own: helpers reading and writing the stack at a variable offset (root: uninit stack, pointer spills) ---- */
SEC("tc") int vo_load_uninit(struct __sk_buff *skb) { char buf[32]; __u32 o = bpf_get_prandom_u32() & 15; return bpf_skb_load_bytes(skb, 0, buf + o, 8); }
SEC("tc") int vo_load_then_read(struct __sk_buff *skb) { char buf[32] = {}; __u32 o = bpf_get_prandom_u32() & 15; bpf_skb_load_bytes(skb, 0, buf + o, 8); return buf[0]; }

/* r6 = ctx; stack: fp-8 spilled ctx, fp-40..-9 buffer; var offset 0..7 */
SEC("tc") __attribute__((naked)) int vo_read_over_ptr_spill(void)
{
    asm volatile(
    "r6 = r1;"
    "*(u64 *)(r10 - 8) = r1;"
    "r1 = 0; *(u64 *)(r10 - 16) = r1; *(u64 *)(r10 - 24) = r1;"
    "call %[rnd]; r0 &= 7;"
    "r3 = r10; r3 += -16; r3 += r0;"
    "r1 = r6; r2 = 0; r4 = 8; r5 = 0;"
    "call %[store];"
    "r0 = 0; exit;"
    :: [rnd]"i"(BPF_FUNC_get_prandom_u32), [store]"i"(BPF_FUNC_skb_store_bytes) : "memory");
}
SEC("tc") __attribute__((naked)) int vo_write_over_ptr_spill_then_use(void)
{
    asm volatile(
    "r6 = r1;"
    "*(u64 *)(r10 - 8) = r1;"
    "r1 = 0; *(u64 *)(r10 - 16) = r1;"
    "call %[rnd]; r0 &= 7;"
    "r3 = r10; r3 += -16; r3 += r0;"
    "r1 = r6; r2 = 0; r4 = 8;"
    "call %[load];"
    "r1 = *(u64 *)(r10 - 8);"
    "r0 = *(u32 *)(r1 + 0);"
    "exit;"
    :: [rnd]"i"(BPF_FUNC_get_prandom_u32), [load]"i"(BPF_FUNC_skb_load_bytes) : "memory");
}
SEC("tc") __attribute__((naked)) int vo_write_uninit_then_read(void)
{
    asm volatile(
    "r6 = r1;"
    "call %[rnd]; r0 &= 7;"
    "r3 = r10; r3 += -24; r3 += r0;"
    "r1 = r6; r2 = 0; r4 = 8;"
    "call %[load];"
    "r0 = *(u64 *)(r10 - 24);"
    "r1 = *(u64 *)(r10 - 16);"
    "r0 += r1;"
    "exit;"
    :: [rnd]"i"(BPF_FUNC_get_prandom_u32), [load]"i"(BPF_FUNC_skb_load_bytes) : "memory");
}
SEC("tc") __attribute__((naked)) int vo_write_uninit_read_outside(void)
{
    asm volatile(
    "r6 = r1;"
    "call %[rnd]; r0 &= 7;"
    "r3 = r10; r3 += -24; r3 += r0;"
    "r1 = r6; r2 = 0; r4 = 8;"
    "call %[load];"
    "r0 = *(u64 *)(r10 - 32);"
    "exit;"
    :: [rnd]"i"(BPF_FUNC_get_prandom_u32), [load]"i"(BPF_FUNC_skb_load_bytes) : "memory");
}
SEC("tc") __attribute__((naked)) int vo_write_keeps_spill_outside(void)
{
    asm volatile(
    "r6 = r1;"
    "*(u64 *)(r10 - 32) = r1;"
    "call %[rnd]; r0 &= 7;"
    "r3 = r10; r3 += -24; r3 += r0;"
    "r1 = r6; r2 = 0; r4 = 8;"
    "call %[load];"
    "r1 = *(u64 *)(r10 - 32);"
    "r0 = *(u32 *)(r1 + 0);"
    "exit;"
    :: [rnd]"i"(BPF_FUNC_get_prandom_u32), [load]"i"(BPF_FUNC_skb_load_bytes) : "memory");
}
/* dynptr at fp-16..-1 (2 slots); var-off range [-24+0..7, size 16) reaches it */
SEC("tc") __attribute__((naked)) int vo_read_into_dynptr(void)
{
    asm volatile(
    "r6 = r1;"
    "r1 = %[rb] ll; r2 = 8; r3 = 0; r4 = r10; r4 += -16;"
    "call %[reserve];"
    "call %[rnd]; r0 &= 7;"
    "r3 = r10; r3 += -32; r3 += r0;"
    "r1 = r6; r2 = 0; r4 = 16; r5 = 0;"
    "call %[store];"
    "r1 = r10; r1 += -16; r2 = 0;"
    "call %[discard];"
    "r0 = 0; exit;"
    :: [rnd]"i"(BPF_FUNC_get_prandom_u32), [store]"i"(BPF_FUNC_skb_store_bytes), [rb]"i"(&rb_dyn),
       [reserve]"i"(BPF_FUNC_ringbuf_reserve_dynptr), [discard]"i"(BPF_FUNC_ringbuf_discard_dynptr) : "memory");
}
SEC("tc") __attribute__((naked)) int vo_write_into_dynptr(void)
{
    asm volatile(
    "r6 = r1;"
    "r1 = %[rb] ll; r2 = 8; r3 = 0; r4 = r10; r4 += -16;"
    "call %[reserve];"
    "call %[rnd]; r0 &= 7;"
    "r3 = r10; r3 += -32; r3 += r0;"
    "r1 = r6; r2 = 0; r4 = 16;"
    "call %[load];"
    "r1 = r10; r1 += -16; r2 = 0;"
    "call %[discard];"
    "r0 = 0; exit;"
    :: [rnd]"i"(BPF_FUNC_get_prandom_u32), [load]"i"(BPF_FUNC_skb_load_bytes), [rb]"i"(&rb_dyn),
       [reserve]"i"(BPF_FUNC_ringbuf_reserve_dynptr), [discard]"i"(BPF_FUNC_ringbuf_discard_dynptr) : "memory");
}
SEC("tc") __attribute__((naked)) int vo_map_update_from_var_stack(void)
{
    asm volatile(
    "r1 = 0; *(u64 *)(r10 - 8) = r1; *(u32 *)(r10 - 12) = r1;"
    "call %[rnd]; r0 &= 3;"
    "r3 = r10; r3 += -12; r3 += r0;"
    "r2 = r10; r2 += -12;"
    "r1 = %[arr] ll; r4 = 0;"
    "call %[upd];"
    "r0 = 0; exit;"
    :: [rnd]"i"(BPF_FUNC_get_prandom_u32), [upd]"i"(BPF_FUNC_map_update_elem), [arr]"i"(&array_map) : "memory");
}
SEC("tc") __attribute__((naked)) int vo_probe_read_var_stack(void)
{
    asm volatile(
    "call %[rnd]; r0 &= 15;"
    "r1 = r10; r1 += -32; r1 += r0;"
    "r2 = 8; r3 = 0;"
    "call %[probe];"
    "r0 = *(u64 *)(r10 - 32);"
    "exit;"
    :: [rnd]"i"(BPF_FUNC_get_prandom_u32), [probe]"i"(BPF_FUNC_probe_read_kernel) : "memory");
}
SEC("tc") __attribute__((naked)) int vo_write_spilled_scalar_precise(void)
{
    asm volatile(
    "r6 = r1;"
    "r7 = 5; *(u64 *)(r10 - 16) = r7;"
    "call %[rnd]; r0 &= 7;"
    "r3 = r10; r3 += -24; r3 += r0;"
    "r1 = r6; r2 = 0; r4 = 8;"
    "call %[load];"
    "r0 = *(u64 *)(r10 - 16);"
    "if r0 > 10 goto +1;"
    "r0 = 0;"
    "exit;"
    :: [rnd]"i"(BPF_FUNC_get_prandom_u32), [load]"i"(BPF_FUNC_skb_load_bytes) : "memory");
}
