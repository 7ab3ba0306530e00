using static Bpf.Verifier.Platform.Kfuncs.KfuncFlags;

namespace Bpf.Verifier.Platform.Kfuncs;

/// <summary>cpumask_kfunc_btf_ids of kernel/bpf/cpumask.c (BTF_ID_FLAGS in 6.18).</summary>
internal static class CpumaskKfuncs
{
    private static KfuncInfo K(string name, KfuncFlags f) => new(name, f, KfuncSet.Cpumask);

    public static readonly KfuncInfo[] All =
    [
        K("bpf_cpumask_create", Acquire | RetNull),
        K("bpf_cpumask_release", Release),
        K("bpf_cpumask_acquire", Acquire | TrustedArgs),
        K("bpf_cpumask_first", Rcu),
        K("bpf_cpumask_first_zero", Rcu),
        K("bpf_cpumask_first_and", Rcu),
        K("bpf_cpumask_set_cpu", Rcu),
        K("bpf_cpumask_clear_cpu", Rcu),
        K("bpf_cpumask_test_cpu", Rcu),
        K("bpf_cpumask_test_and_set_cpu", Rcu),
        K("bpf_cpumask_test_and_clear_cpu", Rcu),
        K("bpf_cpumask_setall", Rcu),
        K("bpf_cpumask_clear", Rcu),
        K("bpf_cpumask_and", Rcu),
        K("bpf_cpumask_or", Rcu),
        K("bpf_cpumask_xor", Rcu),
        K("bpf_cpumask_equal", Rcu),
        K("bpf_cpumask_intersects", Rcu),
        K("bpf_cpumask_subset", Rcu),
        K("bpf_cpumask_empty", Rcu),
        K("bpf_cpumask_full", Rcu),
        K("bpf_cpumask_copy", Rcu),
        K("bpf_cpumask_any_distribute", Rcu),
        K("bpf_cpumask_any_and_distribute", Rcu),
        K("bpf_cpumask_weight", Rcu),
        K("bpf_cpumask_populate", Rcu),
    ];
}
