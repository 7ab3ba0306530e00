using Bpf.Isa;
using Bpf.Verifier.Log;
using Bpf.Verifier.Platform;
using Bpf.Verifier.Platform.Kfuncs;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// Calls that may sleep inside atomic regions (an RCU read section, preemption or IRQs disabled) of a sleepable
/// program: helpers with might_sleep, and global functions containing such calls.
/// </summary>
internal sealed partial class Checker
{
    /// <summary>check_helper_call: a helper that might sleep inside an RCU, preempt-disabled or IRQ-disabled region.</summary>
    private void CheckSleepableHelperInRegion(HelperProto proto, int id)
    {
        if (!proto.MightSleep)
            return;
        string? region = _cur.ActiveRcuLock != 0 ? "rcu_read_lock region"
            : _cur.ActivePreemptLock != 0 ? "non-preemptible region"
            : ActiveIrqId != 0 ? "IRQ-disabled region"
            : null;
        if (region != null)
            Fail(LockMessages.SleepableHelperIn(HelperName(id), id, region), Einval);
    }

    /// <summary>
    /// check_func_call for a global function: one that may sleep (might_sleep, which the kernel carries up from
    /// every function it calls) cannot be called from an RCU, preempt-disabled or IRQ-disabled region, nor from a
    /// non-sleepable context.
    /// </summary>
    private void CheckGlobalMightSleep(int sub)
    {
        bool atomic = _cur.ActiveRcuLock != 0 || _cur.ActivePreemptLock != 0 || ActiveIrqId != 0 || !InSleepableCtx;
        if (!atomic || !SubprogMaySleep(sub))
            return;
        _log.WriteLine(LockMessages.GlobalMaySleep1);
        _log.WriteLine(LockMessages.GlobalMaySleep2);
        Fail(LockMessages.GlobalMaySleep3, Einval);
    }

    private bool SubprogMaySleep(int sub)
    {
        var seen = new bool[_subprogs.Count];
        bool Hit(int i)
        {
            if (CallMaySleep(i))
                return true;
            // Whether a callback's sleeping calls count is not known: not modelled.
            var insn = _insns[i];
            if (insn.IsLdImm64 && insn.Src == Pseudo.Func)
            {
                int cb = SubprogAt(i + insn.Imm + 1);
                if (cb < 0 || AnyInsnWithCallees(cb, seen, Hit))
                    Unsupported("global function passing a callback that may sleep");
            }
            return false;
        }
        return AnyInsnWithCallees(sub, seen, Hit);
    }

    private bool CallMaySleep(int i)
    {
        var insn = _insns[i];
        if (insn.IsHelperCall)
            return HelperTable.Find(insn.Imm, _prog.Type)?.MightSleep == true;
        if (insn.IsKfuncCall)
        {
            if (!_prog.Kfuncs.TryGetValue(i, out var k))
                return false;
            var info = KfuncTable.Find(k.Name);
            if (info == null)
                Unsupported($"kfunc {k.Name} in a global function called from an atomic region");
            return info.Has(KfuncFlags.Sleepable);
        }
        return false;
    }
}
