// Program-local kptrs in a map value (GraphKfuncTests.cs), built like graph_kfunc_cases.c.
#include <linux/bpf.h>
#include <stdbool.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#define __kptr __attribute__((btf_type_tag("kptr")))
struct bpf_rb_node { __u64 :64; __u64 :64; __u64 :64; __u64 :64; } __attribute__((aligned(8)));
struct bpf_refcount { __u32 :32; } __attribute__((aligned(4)));
extern void *bpf_obj_new_impl(__u64 local_type_id, void *meta) __ksym;
extern void bpf_obj_drop_impl(void *kptr, void *meta) __ksym;
extern void *bpf_refcount_acquire_impl(void *kptr, void *meta) __ksym;
#define bpf_obj_new(type) ((type *)bpf_obj_new_impl(bpf_core_type_id_local(type), NULL))
#define bpf_obj_drop(kptr) bpf_obj_drop_impl(kptr, NULL)
#define bpf_refcount_acquire(kptr) bpf_refcount_acquire_impl(kptr, NULL)

struct rnode { long key; struct bpf_rb_node rb; struct bpf_refcount rc; };
struct sval { struct rnode __kptr *p; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, int); __type(value, struct sval); __uint(max_entries, 1); } m_stash SEC(".maps");

SEC("tc") int stash_local(void *ctx)
{
	struct rnode *n;
	struct sval *v;
	int k = 0;

	v = bpf_map_lookup_elem(&m_stash, &k);
	if (!v) return 0;
	n = bpf_obj_new(typeof(*n));
	if (!n) return 0;
	n->key = 7;
	n = bpf_kptr_xchg(&v->p, n);
	if (n) bpf_obj_drop(n);
	return 0;
}

SEC("tc") int acquire_stashed(void *ctx)
{
	struct rnode *n, *m;
	struct sval *v;
	int k = 0;

	v = bpf_map_lookup_elem(&m_stash, &k);
	if (!v) return 0;
	n = v->p;
	if (!n) return 0;
	m = bpf_refcount_acquire(n);
	if (!m) return 0;
	k = m->key;
	bpf_obj_drop(m);
	return k;
}
char _license[] SEC("license") = "GPL";
