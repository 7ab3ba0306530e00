// A list node that may be NULL pushed unchecked, and bpf_obj_drop of a maybe-NULL object (HeldOutSelftestsTests; build.sh).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpf_experimental.h"
char _license[] SEC("license") = "GPL";
struct node_data { long key; struct bpf_list_node l; };
struct rb_data { long key; struct bpf_rb_node r; };
#define private(name) SEC(".data." #name) __hidden __attribute__((aligned(8)))
private(A) struct bpf_spin_lock glock;
private(A) struct bpf_list_head ghead __contains(node_data, l);
private(A) struct bpf_rb_root groot __contains(rb_data, r);
static bool less(struct bpf_rb_node *a, const struct bpf_rb_node *b) { return 0; }
SEC("?tc")
int list_push_maybe_null(void *ctx)
{
	struct bpf_list_node *n;
	bpf_spin_lock(&glock);
	n = bpf_list_pop_front(&ghead);
	bpf_spin_unlock(&glock);
	bpf_spin_lock(&glock);
	bpf_list_push_back(&ghead, n);
	bpf_spin_unlock(&glock);
	return 0;
}
SEC("?tc")
int obj_drop_maybe_null(void *ctx)
{
	struct node_data *n = bpf_obj_new(typeof(*n));
	bpf_obj_drop(n);
	return 0;
}
SEC("?tc")
int rbtree_add_maybe_null_off0(void *ctx)
{
	struct rb_data *n = bpf_obj_new(typeof(*n));
	bpf_spin_lock(&glock);
	bpf_rbtree_add(&groot, &n->r, less);
	bpf_spin_unlock(&glock);
	return 0;
}
