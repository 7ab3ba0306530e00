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
        // Open-coded iterators: STACK_ITER slots and their convergence (Checker.Iter.cs).
        K("bpf_iter_num_new", IterNew),
        K("bpf_iter_num_next", IterNext | RetNull),
        K("bpf_iter_num_destroy", IterDestroy),
        K("bpf_iter_task_vma_new", IterNew | Rcu),
        K("bpf_iter_task_vma_next", IterNext | RetNull),
        K("bpf_iter_task_vma_destroy", IterDestroy),
        K("bpf_iter_css_task_new", IterNew | TrustedArgs),
        K("bpf_iter_css_task_next", IterNext | RetNull),
        K("bpf_iter_css_task_destroy", IterDestroy),
        K("bpf_iter_css_new", IterNew | TrustedArgs | RcuProtected),
        K("bpf_iter_css_next", IterNext | RetNull),
        K("bpf_iter_css_destroy", IterDestroy),
        K("bpf_iter_task_new", IterNew | TrustedArgs | RcuProtected),
        K("bpf_iter_task_next", IterNext | RetNull),
        K("bpf_iter_task_destroy", IterDestroy),
        K("bpf_iter_bits_new", IterNew),
        K("bpf_iter_bits_next", IterNext | RetNull),
        K("bpf_iter_bits_destroy", IterDestroy),
        K("bpf_iter_kmem_cache_new", IterNew | Sleepable),
        K("bpf_iter_kmem_cache_next", IterNext | RetNull | Sleepable),
        K("bpf_iter_kmem_cache_destroy", IterDestroy | Sleepable),
        // CONFIG_DMA_SHARED_BUFFER (6.16): sleepable like kmem_cache, next returns a plain struct dma_buf pointer.
        K("bpf_iter_dmabuf_new", IterNew | Sleepable),
        K("bpf_iter_dmabuf_next", IterNext | RetNull | Sleepable),
        K("bpf_iter_dmabuf_destroy", IterDestroy | Sleepable),
        K("bpf_modify_return_test_tp", None),
        // Workqueues and task work: map-value fields and sleepable async callbacks (Checker.Wq.cs, Checker.TaskWork.cs).
        K("bpf_wq_init", None),
        K("bpf_wq_set_callback_impl", None),
        K("bpf_wq_start", None),
        K("bpf_task_work_schedule_signal_impl", TrustedArgs),
        K("bpf_task_work_schedule_resume_impl", TrustedArgs),
        K("bpf_copy_from_user_str", Sleepable),
        K("bpf_copy_from_user_task_str", Sleepable),
        K("bpf_get_kmem_cache", None),
        // IRQ flags live in STACK_IRQ_FLAG slots; resilient spin locks in map values.
        K("bpf_local_irq_save", None),
        K("bpf_local_irq_restore", None),
        K("bpf_res_spin_lock", None),
        K("bpf_res_spin_unlock", None),
        K("bpf_res_spin_lock_irqsave", None),
        K("bpf_res_spin_unlock_irqrestore", None),
        // Reads into a dynptr: its kind is not checked here (a read-only one fails at run time).
        K("bpf_probe_read_user_dynptr", None),
        K("bpf_probe_read_kernel_dynptr", None),
        K("bpf_probe_read_user_str_dynptr", None),
        K("bpf_probe_read_kernel_str_dynptr", None),
        K("bpf_copy_from_user_dynptr", Sleepable),
        K("bpf_copy_from_user_str_dynptr", Sleepable),
        K("bpf_copy_from_user_task_dynptr", Sleepable | TrustedArgs),
        K("bpf_copy_from_user_task_str_dynptr", Sleepable | TrustedArgs),
        // String kfuncs: their __ign pointers are read with page-fault handling, so any register passes.
        K("bpf_strcmp", None),
        K("bpf_strcasecmp", None),
        K("bpf_strchr", None),
        K("bpf_strchrnul", None),
        K("bpf_strnchr", None),
        K("bpf_strrchr", None),
        K("bpf_strlen", None),
        K("bpf_strnlen", None),
        K("bpf_strspn", None),
        K("bpf_strcspn", None),
        K("bpf_strstr", None),
        K("bpf_strnstr", None),
        K("bpf_stream_vprintk_impl", TrustedArgs),
        // In common_btf_ids since 6.16 (CONFIG_BPF_LSM && CONFIG_CGROUPS): an RCU cgroup, a const name, a dynptr.
        K("bpf_cgroup_read_xattr", Rcu),
        K("__bpf_trap", None),
    ];
}
