using static Bpf.Verifier.Platform.Kfuncs.KfuncFlags;

namespace Bpf.Verifier.Platform.Kfuncs;

/// <summary>common_btf_ids of kernel/bpf/helpers.c (BTF_ID_FLAGS in 6.18): callable from every program type.</summary>
internal static class CommonKfuncs
{
    private static KfuncInfo K(string name, KfuncFlags f) => new(name, f, KfuncSet.Common);

    public static readonly KfuncInfo[] All =
    [
        K("bpf_cast_to_kern_ctx", Fastcall),
        K("bpf_rdonly_cast", Fastcall),
        K("bpf_rcu_read_lock", None),
        K("bpf_rcu_read_unlock", None),
        K("bpf_preempt_disable", None),
        K("bpf_preempt_enable", None),
        // Dynptrs (STACK_DYNPTR slots, Checker.Dynptr*.cs).
        K("bpf_dynptr_slice", RetNull),
        K("bpf_dynptr_slice_rdwr", RetNull),
        K("bpf_dynptr_adjust", None),
        K("bpf_dynptr_is_null", None),
        K("bpf_dynptr_is_rdonly", None),
        K("bpf_dynptr_size", None),
        K("bpf_dynptr_clone", None),
        K("bpf_dynptr_copy", None),
        K("bpf_dynptr_memset", None),
        // Open-coded iterators: STACK_ITER slots and their convergence, not modelled.
        K("bpf_iter_num_new", IterNew),
        K("bpf_iter_num_next", IterNext | RetNull),
        K("bpf_iter_num_destroy", IterDestroy),
        K("bpf_iter_task_vma_new", IterNew | Rcu),
        K("bpf_iter_task_vma_next", IterNext | RetNull),
        K("bpf_iter_task_vma_destroy", IterDestroy),
        K("bpf_iter_css_task_new", IterNew | TrustedArgs),
        K("bpf_iter_css_task_next", IterNext | RetNull),
        K("bpf_iter_css_task_destroy", IterDestroy),
        K("bpf_iter_css_new", IterNew | TrustedArgs | RcuProtected | Unmodelled),
        K("bpf_iter_css_next", IterNext | RetNull | Unmodelled),
        K("bpf_iter_css_destroy", IterDestroy | Unmodelled),
        K("bpf_iter_task_new", IterNew | TrustedArgs | RcuProtected | Unmodelled),
        K("bpf_iter_task_next", IterNext | RetNull | Unmodelled),
        K("bpf_iter_task_destroy", IterDestroy | Unmodelled),
        K("bpf_iter_bits_new", IterNew),
        K("bpf_iter_bits_next", IterNext | RetNull),
        K("bpf_iter_bits_destroy", IterDestroy),
        K("bpf_iter_kmem_cache_new", IterNew | Sleepable | Unmodelled),
        K("bpf_iter_kmem_cache_next", IterNext | RetNull | Sleepable | Unmodelled),
        K("bpf_iter_kmem_cache_destroy", IterDestroy | Sleepable | Unmodelled),
        K("bpf_modify_return_test_tp", Unmodelled),
        // Workqueues and task work take callbacks and map-value fields.
        K("bpf_wq_init", Unmodelled),
        K("bpf_wq_set_callback_impl", Unmodelled),
        K("bpf_wq_start", Unmodelled),
        K("bpf_task_work_schedule_signal_impl", Unmodelled),
        K("bpf_task_work_schedule_resume_impl", Unmodelled),
        K("bpf_copy_from_user_str", Sleepable),
        K("bpf_copy_from_user_task_str", Sleepable | Unmodelled),
        K("bpf_get_kmem_cache", Unmodelled),
        // IRQ flags live in STACK_IRQ_FLAG slots; resilient spin locks in map values.
        K("bpf_local_irq_save", Unmodelled),
        K("bpf_local_irq_restore", Unmodelled),
        K("bpf_res_spin_lock", Unmodelled),
        K("bpf_res_spin_unlock", Unmodelled),
        K("bpf_res_spin_lock_irqsave", Unmodelled),
        K("bpf_res_spin_unlock_irqrestore", Unmodelled),
        K("bpf_probe_read_user_dynptr", Unmodelled),
        K("bpf_probe_read_kernel_dynptr", Unmodelled),
        K("bpf_probe_read_user_str_dynptr", Unmodelled),
        K("bpf_probe_read_kernel_str_dynptr", Unmodelled),
        K("bpf_copy_from_user_dynptr", Sleepable | Unmodelled),
        K("bpf_copy_from_user_str_dynptr", Sleepable | Unmodelled),
        K("bpf_copy_from_user_task_dynptr", Sleepable | Unmodelled),
        K("bpf_copy_from_user_task_str_dynptr", Sleepable | Unmodelled),
        // String kfuncs take __ign pointers read with page-fault handling: not modelled yet.
        K("bpf_strcmp", Unmodelled),
        K("bpf_strcasecmp", Unmodelled),
        K("bpf_strchr", Unmodelled),
        K("bpf_strchrnul", Unmodelled),
        K("bpf_strnchr", Unmodelled),
        K("bpf_strrchr", Unmodelled),
        K("bpf_strlen", Unmodelled),
        K("bpf_strnlen", Unmodelled),
        K("bpf_strspn", Unmodelled),
        K("bpf_strcspn", Unmodelled),
        K("bpf_strstr", Unmodelled),
        K("bpf_strnstr", Unmodelled),
        K("bpf_stream_vprintk_impl", Unmodelled),
        K("__bpf_trap", Unmodelled),
    ];
}
