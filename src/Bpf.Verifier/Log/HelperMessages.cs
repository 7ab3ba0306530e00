namespace Bpf.Verifier.Log;

/// <summary>Messages of helper calls and reference tracking (check_helper_call, check_func_arg, check_resource_leak; 6.18 wording).</summary>
public static class HelperMessages
{
    public static string CannotUse(string name, int id) => $"program of this type cannot use helper {name}#{id}";
    public const string MightSleep = "helper call might sleep in a non-sleepable prog";
    public static string MapFuncMismatch(uint mapType, string name, int id) => $"cannot pass map_type {mapType} into func {name}#{id}";
    public static string NotAcquired(string name, int id) => $"func {name}#{id} reference has not been acquired before";
    public static string PossiblyNullArg(int r) => $"Possibly NULL pointer passed to helper arg{r}";
    public static string MustBeReferenced(int r) => $"R{r} must be referenced when passed to release function";
    public static string ReleaseOffset(int r) => $"R{r} must have zero offset when passed to release func or trusted arg to kfunc";
    public static string NotKnownConstant(int r) => $"R{r} is not a known constant'";
    public const string LocalStorageFlags = "get_local_storage() doesn't support non-zero flags";
    public const string PktAccessNotAllowed = "helper access to the packet is not allowed";
    public static string UnreleasedReference(uint id, int insn) => $"Unreleased reference id={id} alloc_insn={insn}";
    public static string WouldLeak(string what) => $"{what} would lead to reference leak";
    public static string InsideSpinLock(string what) => $"{what} cannot be used inside bpf_spin_lock-ed region";
    public static string InsideIrqSave(string what) => $"{what} cannot be used inside bpf_local_irq_save-ed region";
    public static string InsideRcuLock(string what) => $"{what} cannot be used inside bpf_rcu_read_lock-ed region";
    public static string InsidePreempt(string what) => $"{what} cannot be used inside bpf_preempt_disable-ed region";
    public const string MainExit = "BPF_EXIT instruction in main prog";
    public const string TailCall = "tail_call";
    public static string MisalignedStack(string varOff, int off, int size) => $"misaligned stack access off {varOff}+{off}+0 size {size}";
    public static string ZeroSizedRead(int r, ulong umin, ulong umax) => $"R{r} invalid zero-sized read: u64=[{(long)umin},{umax}]";
}
