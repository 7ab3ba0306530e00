// Graph kfuncs on a map-value rbtree root (GraphKfuncTests.cs).
// clang-19 -O2 -g --target=bpf -mcpu=v3 -I/usr/include/$(uname -m)-linux-gnu -I<tools/lib> -c graph_kfunc_cases.c
#include <linux/bpf.h>
#include <stdbool.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#define __contains(name, node) __attribute__((btf_decl_tag("contains:" #name ":" #node)))
struct bpf_rb_root { __u64 :64; __u64 :64; } __attribute__((aligned(8)));
struct bpf_rb_node { __u64 :64; __u64 :64; __u64 :64; __u64 :64; } __attribute__((aligned(8)));
extern void *bpf_obj_new_impl(__u64 local_type_id, void *meta) __ksym;
extern void bpf_obj_drop_impl(void *kptr, void *meta) __ksym;
extern int bpf_rbtree_add_impl(struct bpf_rb_root *root, struct bpf_rb_node *node,
			       bool (less)(struct bpf_rb_node *a, const struct bpf_rb_node *b), void *meta, __u64 off) __ksym;
extern struct bpf_rb_node *bpf_rbtree_first(struct bpf_rb_root *root) __ksym;
extern struct bpf_rb_node *bpf_rbtree_remove(struct bpf_rb_root *root, struct bpf_rb_node *node) __ksym;
extern struct bpf_rb_node *bpf_rbtree_root(struct bpf_rb_root *root) __ksym;
extern struct bpf_rb_node *bpf_rbtree_left(struct bpf_rb_root *root, struct bpf_rb_node *node) __ksym;
extern struct bpf_rb_node *bpf_rbtree_right(struct bpf_rb_root *root, struct bpf_rb_node *node) __ksym;
#define bpf_obj_new(type) ((type *)bpf_obj_new_impl(bpf_core_type_id_local(type), NULL))
#define bpf_obj_drop(kptr) bpf_obj_drop_impl(kptr, NULL)
#define bpf_rbtree_add(head, node, less) bpf_rbtree_add_impl(head, node, less, NULL, 0)

struct node {
	long key;
	struct bpf_rb_node rb;
};

struct root_val {
	struct bpf_spin_lock l;
	struct bpf_rb_root r __contains(node, rb);
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, int);
	__type(value, struct root_val);
	__uint(max_entries, 1);
} m_root SEC(".maps");

static bool less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	return 0;
}

SEC("tc")
int add_first_remove(void *ctx)
{
	struct bpf_rb_node *res;
	struct root_val *v;
	struct node *n;
	int k = 0;

	v = bpf_map_lookup_elem(&m_root, &k);
	if (!v)
		return 0;
	n = bpf_obj_new(typeof(*n));
	if (!n)
		return 0;
	bpf_spin_lock(&v->l);
	bpf_rbtree_add(&v->r, &n->rb, less);
	res = bpf_rbtree_first(&v->r);
	if (res)
		res = bpf_rbtree_remove(&v->r, res);
	bpf_spin_unlock(&v->l);
	if (res)
		bpf_obj_drop(container_of(res, struct node, rb));
	return 0;
}

SEC("tc")
int add_without_lock(void *ctx)
{
	struct root_val *v;
	struct node *n;
	int k = 0;

	v = bpf_map_lookup_elem(&m_root, &k);
	if (!v)
		return 0;
	n = bpf_obj_new(typeof(*n));
	if (!n)
		return 0;
	bpf_rbtree_add(&v->r, &n->rb, less);
	return 0;
}

SEC("tc")
int walk(void *ctx)
{
	struct bpf_rb_node *r, *l, *rr;
	struct root_val *v;
	long key = 0;
	int k = 0;

	v = bpf_map_lookup_elem(&m_root, &k);
	if (!v)
		return 0;
	bpf_spin_lock(&v->l);
	r = bpf_rbtree_root(&v->r);
	if (r) {
		l = bpf_rbtree_left(&v->r, r);
		rr = bpf_rbtree_right(&v->r, r);
		if (l)
			key = container_of(l, struct node, rb)->key;
		r = rr ? bpf_rbtree_remove(&v->r, rr) : 0;
	}
	bpf_spin_unlock(&v->l);
	if (r)
		bpf_obj_drop(container_of(r, struct node, rb));
	return key;
}

char _license[] SEC("license") = "GPL";
