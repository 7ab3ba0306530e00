using Bpf.Btf;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// Resilient queued spin locks (bpf_res_spin_lock, bpf_res_spin_unlock and their _irqsave/_irqrestore forms): a
/// struct bpf_res_spin_lock field of a map value or local object, held as a REF_TYPE_RES_LOCK[_IRQ] reference.
/// Taking the lock may fail at run time: the call forks a path where it failed (R0 in [-MAX_ERRNO, -1], nothing
/// held) from the one where it succeeded (R0 = 0, lock held).
/// </summary>
internal sealed partial class Checker
{
    private static bool IsResLockAcquire(string name) => name is "bpf_res_spin_lock" or "bpf_res_spin_lock_irqsave";

    /// <summary>is_kfunc_arg_res_spin_lock: the parameter points to struct bpf_res_spin_lock.</summary>
    private static bool IsResSpinLockParam(BtfSpec btf, uint ptrType)
    {
        uint target = btf.SkipModsAndTypedefs(btf.RefType(ptrType));
        return btf.Kind(target) == BtfKind.Struct && btf.Name(target) == "bpf_res_spin_lock";
    }

    /// <summary>KF_ARG_PTR_TO_RES_SPIN_LOCK: a map value or an owned local object, locked or unlocked by the kfunc.</summary>
    private void CheckResSpinLockArg(KfuncCall call, int argNo)
    {
        int regno = argNo + 1;
        var reg = Regs[regno];
        bool localObject = reg.Type == RegType.PtrToBtfId && reg.Flags == RegFlags.MemAlloc;
        if (!(reg.Type == RegType.PtrToMapValue && reg.Flags == RegFlags.None) && !localObject)
            Fail(LockMessages.NotMapValueOrObject(argNo), Einval);
        if (localObject)
        {
            // A struct with nothing but a resilient lock gets no struct meta (btf_parse_struct_metas keys on the
            // bpf_spin_lock and graph/refcount fields); which fields a record of a richer struct keeps is not modelled.
            var rec = LocalRecord(reg.BtfId);
            if (rec == null || (rec.Mask & ~BtfFieldMask.ResSpinLock) == 0)
                Fail(LockMessages.NoValidLock("local", "kptr", "bpf_res_spin"), Einval);
            Unsupported("bpf_res_spin_lock in a local object");
        }
        if (reg.RefObjId != 0)
            call.RefObjId = reg.RefObjId;
        string name = call.Info.Name;
        bool irq = name is "bpf_res_spin_lock_irqsave" or "bpf_res_spin_unlock_irqrestore";
        ProcessLock(regno, IsResLockAcquire(name), irq ? RefKind.ResLockIrq : RefKind.ResLock);
    }

    /// <summary>The path where taking the lock failed: arguments clobbered, nothing acquired, R0 a negative errno.</summary>
    private void PushResLockFailure()
    {
        var branch = PushStack(_insnIdx + 1, _insnIdx, false);
        var regs = branch.Regs;
        for (int r = 0; r <= 5; r++)
            regs[r] = RegState.NotInit;
        var r0 = RegState.UnknownScalar;
        r0.Bounds.S32Min = -(int)MaxErrno;
        r0.Bounds.S32Max = -1;
        r0.Bounds.SMin = -MaxErrno;
        r0.Bounds.SMax = -1;
        r0.Bounds.Sync();
        // The kfunc returns int: only the low 32 bits are defined (mark_btf_func_reg_size).
        r0.SubregDef = _insnIdx + 1;
        regs[0] = r0;
    }

    /// <summary>On the path that continues the lock is held and the kfunc returned 0.</summary>
    private void SetResLockAcquired()
    {
        int subreg = Regs[0].SubregDef;
        Regs[0] = RegState.ConstScalar(0);
        Regs[0].SubregDef = subreg;
    }
}
