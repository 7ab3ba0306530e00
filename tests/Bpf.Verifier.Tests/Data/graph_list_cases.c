// List kfuncs and refcounts on a map-value list head (GraphKfuncTests.cs), built like graph_kfunc_cases.c.
#include <linux/bpf.h>
#include <stdbool.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#define __contains(name, node) __attribute__((btf_decl_tag("contains:" #name ":" #node)))
struct bpf_rb_root { __u64 :64; __u64 :64; } __attribute__((aligned(8)));
struct bpf_rb_node { __u64 :64; __u64 :64; __u64 :64; __u64 :64; } __attribute__((aligned(8)));
struct bpf_list_head { __u64 :64; __u64 :64; } __attribute__((aligned(8)));
struct bpf_list_node { __u64 :64; __u64 :64; __u64 :64; } __attribute__((aligned(8)));
struct bpf_refcount { __u32 :32; } __attribute__((aligned(4)));
extern void *bpf_obj_new_impl(__u64 local_type_id, void *meta) __ksym;
extern void bpf_obj_drop_impl(void *kptr, void *meta) __ksym;
extern void *bpf_refcount_acquire_impl(void *kptr, void *meta) __ksym;
extern int bpf_list_push_front_impl(struct bpf_list_head *head, struct bpf_list_node *node, void *meta, __u64 off) __ksym;
extern int bpf_list_push_back_impl(struct bpf_list_head *head, struct bpf_list_node *node, void *meta, __u64 off) __ksym;
extern struct bpf_list_node *bpf_list_pop_front(struct bpf_list_head *head) __ksym;
extern struct bpf_list_node *bpf_list_pop_back(struct bpf_list_head *head) __ksym;
#define bpf_obj_new(type) ((type *)bpf_obj_new_impl(bpf_core_type_id_local(type), NULL))
#define bpf_obj_drop(kptr) bpf_obj_drop_impl(kptr, NULL)
#define bpf_refcount_acquire(kptr) bpf_refcount_acquire_impl(kptr, NULL)
#define bpf_list_push_front(head, node) bpf_list_push_front_impl(head, node, NULL, 0)
#define bpf_list_push_back(head, node) bpf_list_push_back_impl(head, node, NULL, 0)

struct elem { long key; struct bpf_list_node ln; struct bpf_refcount rc; };
struct plain { long key; struct bpf_list_node ln; };
struct lval {
	struct bpf_spin_lock l;
	struct bpf_list_head ghead __contains(elem, ln);
	struct bpf_list_head phead __contains(plain, ln);
};
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, int); __type(value, struct lval); __uint(max_entries, 1); } m_list SEC(".maps");

SEC("tc") int list_push_pop(void *ctx)
{
	struct bpf_list_node *l;
	struct elem *n, *m;
	struct lval *v;
	int k = 0;

	v = bpf_map_lookup_elem(&m_list, &k);
	if (!v) return 0;
	n = bpf_obj_new(typeof(*n));
	if (!n) return 0;
	n->key = 1;
	m = bpf_refcount_acquire(n);
	bpf_spin_lock(&v->l);
	bpf_list_push_front(&v->ghead, &n->ln);
	n->key = 2;
	l = bpf_list_pop_back(&v->ghead);
	bpf_spin_unlock(&v->l);
	if (l) bpf_obj_drop(container_of(l, struct elem, ln));
	if (m) { m->key = 3; bpf_obj_drop(m); }
	return 0;
}
SEC("tc") int use_after_unlock(void *ctx)
{
	struct plain *n;
	struct lval *v;
	int k = 0;

	v = bpf_map_lookup_elem(&m_list, &k);
	if (!v) return 0;
	n = bpf_obj_new(typeof(*n));
	if (!n) return 0;
	bpf_spin_lock(&v->l);
	bpf_list_push_back(&v->phead, &n->ln);
	bpf_spin_unlock(&v->l);
	n->key = 5;
	return 0;
}
char _license[] SEC("license") = "GPL";
