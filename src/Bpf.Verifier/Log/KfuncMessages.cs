namespace Bpf.Verifier.Log;

/// <summary>The kernel's check_kfunc_call messages (kernel/bpf/verifier.c, 6.18).</summary>
internal static class KfuncMessages
{
    /// <summary>bpf_dev_bound_kfunc_check for a program not bound to a device.</summary>
    public const string DevBoundRequired = "metadata kfuncs require device-bound program";

    public static string NotAllowed(string name) => $"calling kernel function {name} is not allowed";

    public static string MustBeSleepable(string name) => $"program must be sleepable to call sleepable kfunc {name}";

    public static string NestedRcu(string name) => $"nested rcu read lock (kernel function {name})";

    public static string UnmatchedRcuUnlock(string name) => $"unmatched rcu read unlock (kernel function {name})";

    public static string SleepableInRcu(string name) => $"kernel func {name} is sleepable within rcu_read_lock region";

    public static string SleepableInPreemptOff(string name) => $"kernel func {name} is sleepable within non-preemptible region";

    public static string UnmatchedPreemptEnable(string name) => $"unmatched attempt to enable preemption (kernel function {name})";

    public static string NeedsRcu(string name) => $"kernel func {name} requires RCU critical section protection";

    public static string RefNotAcquired(string name, uint funcId) => $"kfunc {name}#{funcId} reference has not been acquired before";

    public static string ReleaseExpectsRefcounted(string name) => $"release kernel function {name} expects refcounted PTR_TO_BTF_ID";

    public const string CallUnderLock = "function calls are not allowed while holding a lock";

    public const string AcquireNotBtfId = "acquire kernel function does not return PTR_TO_BTF_ID";

    /// <summary>clang emits __bpf_trap() for code made unreachable by an uninitialized variable.</summary>
    public const string BpfTrap = "unexpected __bpf_trap() due to uninitialized variable?";

    public const string RdonlyCastType = "kfunc bpf_rdonly_cast type ID argument must be of a struct or void";
}
