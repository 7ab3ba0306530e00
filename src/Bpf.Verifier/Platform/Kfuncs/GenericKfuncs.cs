using static Bpf.Verifier.Platform.Kfuncs.KfuncFlags;

namespace Bpf.Verifier.Platform.Kfuncs;

/// <summary>generic_btf_ids of kernel/bpf/helpers.c (BTF_ID_FLAGS in 6.18): objects, lists, trees, tasks, cgroups.</summary>
internal static class GenericKfuncs
{
    private static KfuncInfo K(string name, KfuncFlags f) => new(name, f, KfuncSet.Generic);

    public static readonly KfuncInfo[] All =
    [
        // Local objects, lists, rbtrees and refcounts: checked by Checker.Graph*.cs, not by the generic kfunc path
        // (Unmodelled keeps them out of it); the percpu pair stays unsupported.
        K("bpf_obj_new_impl", Acquire | RetNull | Unmodelled),
        K("bpf_percpu_obj_new_impl", Acquire | RetNull | Unmodelled),
        K("bpf_obj_drop_impl", Release | Unmodelled),
        K("bpf_percpu_obj_drop_impl", Release | Unmodelled),
        K("bpf_refcount_acquire_impl", Acquire | RetNull | Rcu | Unmodelled),
        K("bpf_list_push_front_impl", Unmodelled),
        K("bpf_list_push_back_impl", Unmodelled),
        K("bpf_list_pop_front", Acquire | RetNull | Unmodelled),
        K("bpf_list_pop_back", Acquire | RetNull | Unmodelled),
        K("bpf_list_front", RetNull | Unmodelled),
        K("bpf_list_back", RetNull | Unmodelled),
        K("bpf_rbtree_remove", Acquire | RetNull | Unmodelled),
        K("bpf_rbtree_add_impl", Unmodelled),
        K("bpf_rbtree_first", RetNull | Unmodelled),
        K("bpf_rbtree_root", RetNull | Unmodelled),
        K("bpf_rbtree_left", RetNull | Unmodelled),
        K("bpf_rbtree_right", RetNull | Unmodelled),
        K("bpf_task_acquire", Acquire | Rcu | RetNull),
        K("bpf_task_release", Release),
        K("bpf_cgroup_acquire", Acquire | Rcu | RetNull),
        K("bpf_cgroup_release", Release),
        K("bpf_cgroup_ancestor", Acquire | Rcu | RetNull),
        K("bpf_cgroup_from_id", Acquire | RetNull),
        K("bpf_task_under_cgroup", Rcu),
        K("bpf_task_get_cgroup1", Acquire | Rcu | RetNull),
        K("bpf_task_from_pid", Acquire | RetNull),
        K("bpf_task_from_vpid", Acquire | RetNull),
        // Exception callbacks are not modelled (CheckSubprogs rejects them): the cookie is the return value.
        K("bpf_throw", None),
        K("bpf_send_signal_task", TrustedArgs),
    ];
}
