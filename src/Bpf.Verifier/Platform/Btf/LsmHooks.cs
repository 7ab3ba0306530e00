namespace Bpf.Verifier.Platform;

/// <summary>Per-hook LSM knowledge (kernel/bpf/bpf_lsm.c): return ranges and hooks whose arguments are not trusted.</summary>
public static class LsmHooks
{
    private const int MaxErrno = 4095;

    /// <summary>bool_lsm_hooks: hooks returning 0 or 1.</summary>
    private static readonly HashSet<string> BoolHooks = new(StringComparer.Ordinal)
    {
        "bpf_lsm_xfrm_state_pol_flow_match",
        "bpf_lsm_audit_rule_known",
        "bpf_lsm_inode_xattr_skipcap",
    };

    /// <summary>untrusted_lsm_hooks: objects being allocated or freed.</summary>
    private static readonly HashSet<string> UntrustedHooks = new(StringComparer.Ordinal)
    {
        "bpf_lsm_bpf_map_free",
        "bpf_lsm_bpf_prog_free",
        "bpf_lsm_file_alloc_security",
        "bpf_lsm_file_free_security",
        "bpf_lsm_sk_alloc_security",
        "bpf_lsm_sk_free_security",
        "bpf_lsm_task_free",
    };

    public static bool IsUntrusted(string hook) => UntrustedHooks.Contains(hook);

    /// <summary>bpf_lsm_get_retval_range: null for void hooks.</summary>
    public static (int Min, int Max)? ReturnRange(string hook, bool returnsVoid) =>
        returnsVoid ? null : BoolHooks.Contains(hook) ? (0, 1) : (-MaxErrno, 0);
}
