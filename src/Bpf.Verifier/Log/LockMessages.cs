namespace Bpf.Verifier.Log;

/// <summary>Messages of the irq-flag and lock kfuncs (process_irq_flag, process_spin_lock; kernel/bpf/verifier.c, 6.18).</summary>
internal static class LockMessages
{
    public static string IrqFlagNotOnStack(int argNo) => $"arg#{argNo} doesn't point to an irq flag on stack";

    public static string IrqFlagNotUninit(int argNo) => $"expected uninitialized irq flag as arg#{argNo}";

    public static string IrqFlagNotInit(int argNo) => $"expected an initialized irq flag as arg#{argNo}";

    public static string IrqClassMismatch(string flagClass, string usedClass) =>
        $"irq flag acquired by {flagClass} kfuncs cannot be restored with {usedClass} kfuncs";

    public static string IrqOutOfOrder(uint expectedId, int insnIdx) =>
        $"cannot restore irq state out of order, expected id={expectedId} acquired at insn_idx={insnIdx}";

    public static string SleepableKfuncInIrq(string name) => $"kernel func {name} is sleepable within IRQ-disabled region";

    public static string NotMapValueOrObject(int argNo) => $"arg#{argNo} doesn't point to map value or allocated object";

    public static string LockVarOff(int regno, string lockStr) =>
        $"R{regno} doesn't have constant offset. {lockStr}_lock has to be at the constant offset";

    public static string MapWithoutBtf(string map, string lockStr) => $"map '{map}' has to have BTF in order to use {lockStr}_lock";

    public static string NoValidLock(string owner, string name, string lockStr) => $"{owner} '{name}' has no valid {lockStr}_lock";

    public static string LockOffset(long at, string lockStr, int lockOff) =>
        $"off {at} doesn't point to 'struct {lockStr}_lock' that is at {lockOff}";

    public const string TwoSpinLocks = "Locking two bpf_spin_locks are not allowed";

    public const string AaDeadlock = "Acquiring the same lock again, AA deadlock detected";

    public static string UnlockWithoutLock(string lockStr) => $"{lockStr}_unlock without taking a lock";

    public static string UnlockDifferent(string lockStr) => $"{lockStr}_unlock of different lock";

    public static string UnlockOutOfOrder(string lockStr) => $"{lockStr}_unlock cannot be out of order";

    public static string SleepableHelperIn(string name, int id, string region) => $"sleepable helper {name}#{id} in {region}";

    public const string GlobalMaySleep1 = "global functions that may sleep are not allowed in non-sleepable context,";

    public const string GlobalMaySleep2 = "i.e., in a RCU/IRQ/preempt-disabled section, or in";

    public const string GlobalMaySleep3 = "a non-sleepable BPF program context";
}
