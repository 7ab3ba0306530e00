/* Programs bpfv verifies once per process before it times anything (ProcessWarmup): a little of what real objects
 * do (CO-RE reads in tracing programs, BTF-typed contexts, packet parsing in XDP and tc, maps of several kinds,
 * global data, bpf_loop callbacks, bounded loops, open-coded iterators, static and global functions) and two
 * rejections, so that the first program a user verifies does not pay for code and memory no program used yet.
 * Rebuild with build.sh (clang-19); the object is committed and embedded. Verdicts (Linux 6.18): every program is
 * accepted except the two named reject_*. */
typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef __u16 __be16;
typedef __u32 __be32;

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __array(name, val) typeof(val) *name[]
#define __ksym __attribute__((section(".ksyms")))
#define __noinline __attribute__((noinline))
#define CORE __attribute__((preserve_access_index))

enum { MAP_HASH = 1, MAP_ARRAY = 2, MAP_PERCPU_ARRAY = 6, MAP_LRU_HASH = 9, MAP_ARRAY_OF_MAPS = 12,
       MAP_DEVMAP = 14, MAP_RINGBUF = 27 };
enum { XDP_DROP = 1, XDP_PASS = 2 };

struct xdp_md { __u32 data; __u32 data_end; __u32 data_meta; __u32 ingress_ifindex; __u32 rx_queue_index; };
struct __sk_buff { __u32 len; __u32 pkt_type; __u32 mark; __u32 queue_mapping; __u32 protocol; __u32 vlan_present;
                   __u32 vlan_tci; __u32 vlan_proto; __u32 priority; __u32 ingress_ifindex; __u32 ifindex;
                   __u32 tc_index; __u32 cb[5]; __u32 hash; __u32 tc_classid; __u32 data; __u32 data_end; };
struct ethhdr { __u8 h_dest[6]; __u8 h_source[6]; __be16 h_proto; };
struct iphdr { __u8 ihl_version; __u8 tos; __be16 tot_len; __be16 id; __be16 frag_off; __u8 ttl; __u8 protocol;
               __u16 check; __be32 saddr; __be32 daddr; };

/* Kernel types, relocated by CO-RE against the kernel's BTF. */
struct task_struct { int pid; int tgid; struct task_struct *real_parent; char comm[16]; } CORE;
struct pt_regs { unsigned long di; unsigned long si; } CORE;
struct bpf_iter_num { __u64 __opaque[1]; } __attribute__((aligned(8)));

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_map_update_elem)(void *map, const void *key, const void *value, __u64 flags) = (void *)2;
static __u64 (*bpf_ktime_get_ns)(void) = (void *)5;
static long (*bpf_trace_printk)(const char *fmt, __u32 fmt_size, ...) = (void *)6;
static __u32 (*bpf_get_prandom_u32)(void) = (void *)7;
static __u64 (*bpf_get_current_pid_tgid)(void) = (void *)14;
static long (*bpf_get_current_comm)(void *buf, __u32 size) = (void *)16;
static long (*bpf_redirect)(__u32 ifindex, __u64 flags) = (void *)23;
static long (*bpf_skb_load_bytes)(const void *skb, __u32 offset, void *to, __u32 len) = (void *)26;
static __u64 (*bpf_get_current_task)(void) = (void *)35;
static long (*bpf_xdp_adjust_head)(struct xdp_md *xdp_md, int delta) = (void *)44;
static long (*bpf_redirect_map)(void *map, __u64 key, __u64 flags) = (void *)51;
static long (*bpf_probe_read_kernel)(void *dst, __u32 size, const void *unsafe_ptr) = (void *)113;
static void *(*bpf_ringbuf_reserve)(void *ringbuf, __u64 size, __u64 flags) = (void *)131;
static void (*bpf_ringbuf_submit)(void *data, __u64 flags) = (void *)132;
static long (*bpf_loop)(__u32 nr_loops, void *callback_fn, void *callback_ctx, __u64 flags) = (void *)181;

extern int bpf_iter_num_new(struct bpf_iter_num *it, int start, int end) __ksym;
extern int *bpf_iter_num_next(struct bpf_iter_num *it) __ksym;
extern void bpf_iter_num_destroy(struct bpf_iter_num *it) __ksym;

struct event { __u32 pid; __u32 ppid; __u64 ts; char comm[16]; };
struct flow { __be32 saddr; __be32 daddr; };
struct inner { __uint(type, MAP_ARRAY); __uint(max_entries, 4); __type(key, __u32); __type(value, __u64); };

struct { __uint(type, MAP_RINGBUF); __uint(max_entries, 4096); } events SEC(".maps");
struct { __uint(type, MAP_HASH); __uint(max_entries, 64); __type(key, __u32); __type(value, __u64); } counts SEC(".maps");
struct { __uint(type, MAP_LRU_HASH); __uint(max_entries, 64); __type(key, struct flow); __type(value, __u64); } flows SEC(".maps");
struct { __uint(type, MAP_PERCPU_ARRAY); __uint(max_entries, 8); __type(key, __u32); __type(value, __u64); } stats SEC(".maps");
struct { __uint(type, MAP_DEVMAP); __uint(max_entries, 4); __type(key, __u32); __type(value, __u32); } ports SEC(".maps");
struct { __uint(type, MAP_ARRAY_OF_MAPS); __uint(max_entries, 2); __type(key, __u32); __array(values, struct inner); } outer SEC(".maps");

__u64 seen = 0;
const volatile __u32 filter_pid = 0;
char _license[] SEC("license") = "GPL";

SEC("raw_tp/sys_enter")
int trace_enter(void *ctx)
{
    struct task_struct *task = (void *)bpf_get_current_task();
    struct task_struct *parent = 0;
    __u32 pid = bpf_get_current_pid_tgid() >> 32;
    if (filter_pid && pid != filter_pid)
        return 0;
    struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
    if (!e)
        return 0;
    e->pid = pid;
    bpf_probe_read_kernel(&parent, sizeof(parent), &task->real_parent);
    bpf_probe_read_kernel(&e->ppid, sizeof(e->ppid), &parent->tgid);
    e->ts = bpf_ktime_get_ns();
    bpf_get_current_comm(e->comm, sizeof(e->comm));
    bpf_ringbuf_submit(e, 0);
    __sync_fetch_and_add(&seen, 1);
    __u64 one = 1, *n = bpf_map_lookup_elem(&counts, &pid);
    if (n)
        *n += 1;
    else
        bpf_map_update_elem(&counts, &pid, &one, 0);
    return 0;
}

SEC("tp_btf/sched_switch")
int on_switch(__u64 *ctx)
{
    struct task_struct *prev = (void *)ctx[1], *next = (void *)ctx[2];
    if (prev->pid == next->pid)
        return 0;
    static const char fmt[] = "switch %d -> %d\n";
    bpf_trace_printk(fmt, sizeof(fmt), prev->pid, next->pid);
    return 0;
}

SEC("kprobe/do_nanosleep")
int on_sleep(struct pt_regs *regs)
{
    __u32 key = regs->di & 7;
    __u64 *v = bpf_map_lookup_elem(&stats, &key);
    if (v)
        *v += regs->si;
    return 0;
}

SEC("xdp")
int xdp_parse(struct xdp_md *xdp)
{
    void *data = (void *)(long)xdp->data, *end = (void *)(long)xdp->data_end;
    struct ethhdr *eth = data;
    if ((void *)(eth + 1) > end)
        return XDP_DROP;
    if (eth->h_proto != __builtin_bswap16(0x0800))
        return XDP_PASS;
    struct iphdr *ip = (void *)(eth + 1);
    if ((void *)(ip + 1) > end)
        return XDP_DROP;
    struct flow f = { ip->saddr, ip->daddr };
    __u64 zero = 0, *bytes = bpf_map_lookup_elem(&flows, &f);
    if (!bytes) {
        bpf_map_update_elem(&flows, &f, &zero, 0);
        return XDP_PASS;
    }
    *bytes += end - data;
    __u32 idx = ip->tos & 1;
    void *in = bpf_map_lookup_elem(&outer, &idx);
    if (in) {
        __u64 *c = bpf_map_lookup_elem(in, &idx);
        if (c)
            __sync_fetch_and_add(c, 1);
    }
    if (ip->ttl <= 1)
        return XDP_DROP;
    __u32 port = ip->protocol & 3; /* read before adjust_head invalidates packet pointers */
    if (bpf_xdp_adjust_head(xdp, 0))
        return XDP_DROP;
    return bpf_redirect_map(&ports, port, XDP_PASS);
}

static __noinline int sum_bytes(const __u8 *buf, int n)
{
    int s = 0;
    for (int i = 0; i < 16 && i < n; i++)
        s += buf[i];
    return s;
}

__noinline int classify(struct __sk_buff *skb)
{
    if (!skb)
        return 0;
    return skb->len > 1000 ? 2 : skb->mark & 1;
}

struct loop_ctx { __u32 acc; __u32 limit; };

static int loop_step(__u32 i, struct loop_ctx *c)
{
    c->acc += i * 3;
    return c->acc > c->limit;
}

SEC("tc")
int tc_ingress(struct __sk_buff *skb)
{
    __u8 buf[16] = {};
    if (bpf_skb_load_bytes(skb, 14, buf, sizeof(buf)) < 0)
        return 0;
    struct loop_ctx c = { 0, skb->len };
    bpf_loop(8, loop_step, &c, 0);
    void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
    if (data + 20 <= end && ((__u8 *)data)[12] == 8)
        c.acc += ((__u8 *)data)[19];
    skb->mark = c.acc + sum_bytes(buf, skb->len & 15) + classify(skb);
    if (skb->mark == 42)
        return bpf_redirect(skb->ifindex, 0);
    return 0;
}

SEC("raw_tp/sys_exit")
int iter_sum(void *ctx)
{
    struct bpf_iter_num it;
    int *v, total = 0;
    bpf_iter_num_new(&it, 0, 32);
    while ((v = bpf_iter_num_next(&it))) {
        __u32 k = *v & 7;
        __u64 *s = bpf_map_lookup_elem(&stats, &k);
        if (s)
            total += *s & 0xff;
        if (bpf_get_prandom_u32() & 1)
            total++;
    }
    bpf_iter_num_destroy(&it);
    return total & 1;
}

SEC("xdp")
int reject_packet_oob(struct xdp_md *xdp)
{
    void *data = (void *)(long)xdp->data, *end = (void *)(long)xdp->data_end;
    struct ethhdr *eth = data;
    if ((void *)(eth + 1) > end)
        return XDP_DROP;
    struct iphdr *ip = (void *)(eth + 1);
    return ip->ttl; /* no bound check on the IP header */
}

SEC("tc")
int reject_null_value(struct __sk_buff *skb)
{
    __u32 key = skb->mark;
    __u64 *v = bpf_map_lookup_elem(&counts, &key);
    return *v & 1; /* no NULL check */
}
