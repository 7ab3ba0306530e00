// Callbacks and global function arguments: cases for CallbackTests (clang-19 -O2 -g --target=bpf -mcpu=v3).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

static int cb_ok(__u32 idx, void *ctx)
{
	return 0;
}

SEC("socket")
int loop_ok(void *ctx)
{
	bpf_loop(10, cb_ok, 0, 0);
	return 0;
}

static int cb_bad_ret(__u32 idx, void *ctx)
{
	return 2;
}

SEC("socket")
int loop_bad_ret(void *ctx)
{
	bpf_loop(10, cb_bad_ret, 0, 0);
	return 0;
}

static int cb_count(__u32 idx, void *ctx)
{
	__u64 *c = ctx;
	*c += 1;
	return 0;
}

SEC("socket")
int loop_ctx(void *ctx)
{
	__u64 c = 0;
	bpf_loop(5, cb_count, &c, 0);
	return c & 1;
}

__noinline int global_mem(int *p)
{
	return *p;
}

SEC("socket")
int global_mem_nullable(void *ctx)
{
	int x = 42;
	return global_mem(&x);
}

__noinline int global_mem_checked(int *p)
{
	if (!p)
		return 0;
	return *p;
}

SEC("socket")
int global_mem_ok(void *ctx)
{
	int x = 42;
	return global_mem_checked(&x);
}

SEC("socket")
int global_mem_small(void *ctx)
{
	char x[2] = {};
	return global_mem_checked((int *)&x[0]);
}

char _license[] SEC("license") = "GPL";

// ---- exc.c: exception callbacks (separate object, CallbackTests.ExceptionCallbackTests) ----
#if 0
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define __exception_cb(name) __attribute__((btf_decl_tag("exception_callback:" #name)))

__noinline int exc_cb(__u64 cookie)
{
	return 0;
}

SEC("socket") __exception_cb(exc_cb)
int with_exc_cb(void *ctx)
{
	return 0;
}

__noinline int exc_cb_ptr(void *p)
{
	return 0;
}

SEC("socket") __exception_cb(exc_cb_ptr)
int with_bad_exc_cb(void *ctx)
{
	return 0;
}

char _license[] SEC("license") = "GPL";
#endif

// ---- fe.c: bpf_for_each_map_elem (separate object, CallbackTests.ForEachMapElem*) ----
#if 0
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} m_array SEC(".maps");

static __u64 cb_elem(struct bpf_map *map, __u32 *key, __u64 *val, void *ctx)
{
	return *val > 5;
}

SEC("socket")
int for_each_ok(void *ctx)
{
	bpf_for_each_map_elem(&m_array, cb_elem, 0, 0);
	return 0;
}

static __u64 cb_elem_oob(struct bpf_map *map, __u32 *key, __u64 *val, void *ctx)
{
	return val[1] > 5;
}

SEC("socket")
int for_each_oob(void *ctx)
{
	bpf_for_each_map_elem(&m_array, cb_elem_oob, 0, 0);
	return 0;
}
char _license[] SEC("license") = "GPL";
#endif
