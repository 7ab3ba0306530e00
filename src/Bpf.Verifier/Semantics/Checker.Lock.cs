using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// bpf_spin_lock / bpf_spin_unlock (process_spin_lock): the lock is a REF_TYPE_LOCK reference naming the lock's
/// register id and its owner (the map, or the program BTF for a local object).
/// </summary>
internal sealed partial class Checker
{
    /// <summary><see cref="ReferenceState.LockMap"/> of a lock inside a local object (the kernel's "ptr" is the program BTF).</summary>
    private const int LocalObjectLock = -2;

    /// <summary>reg_may_point_to_spin_lock: a map value whose value type holds a lock keeps its id.</summary>
    private bool MayPointToSpinLock(in RegState reg) => reg.Type switch
    {
        RegType.PtrToMapValue => MapRecord(reg.MapIndex)?.Has(BtfFieldMask.AnyLock) == true,
        // A struct whose only special field is a resilient lock gets no struct meta in the kernel.
        RegType.PtrToBtfId when IsLocalObject(reg) => LocalRecord(reg.BtfId) is { } rec && rec.Has(BtfFieldMask.AnyLock) &&
            (rec.Mask & ~BtfFieldMask.ResSpinLock) != 0,
        _ => false,
    };

    /// <summary>ARG_PTR_TO_SPIN_LOCK of bpf_spin_lock (<paramref name="isLock"/>) or bpf_spin_unlock.</summary>
    private void ProcessSpinLock(int regno, bool isLock)
    {
        if (InRbtreeLockRequiredCb())
            Fail("can't spin_{lock,unlock} in rbtree cb", Eacces);
        ProcessLock(regno, isLock, RefKind.Lock);
    }

    /// <summary>
    /// process_spin_lock for a lock of <paramref name="kind"/> (bpf_spin_lock, or a resilient lock taken with or
    /// without saving IRQs): the lock field at the pointer's constant offset becomes (or stops being) a lock
    /// reference named by the register id and its owner. Resilient locks nest; unlocks follow the reverse order.
    /// </summary>
    private void ProcessLock(int regno, bool isLock, RefKind kind)
    {
        bool isRes = kind != RefKind.Lock;
        string lockStr = isRes ? "bpf_res_spin" : "bpf_spin";
        var reg = Regs[regno];
        if (!reg.Bounds.IsConst)
            Fail(LockMessages.LockVarOff(regno, lockStr), Einval);
        var field = isRes ? BtfFieldMask.ResSpinLock : BtfFieldMask.SpinLock;
        BtfRecord? rec;
        int owner;
        if (reg.Type == RegType.PtrToMapValue)
        {
            var map = _maps[reg.MapIndex];
            if (map.BtfValueTypeId == 0 || _obj.Btf == null)
                Fail(LockMessages.MapWithoutBtf(map.KernelName, lockStr), Einval);
            rec = MapRecord(reg.MapIndex);
            if (rec == null || !rec.Has(field))
                Fail(LockMessages.NoValidLock("map", map.KernelName, lockStr), Einval);
            owner = reg.MapIndex;
        }
        else
        {
            rec = LocalRecord(reg.BtfId);
            if (rec == null || !rec.Has(field))
                Fail(LockMessages.NoValidLock("local", "kptr", lockStr), Einval);
            owner = LocalObjectLock;
        }
        long at = (long)reg.Bounds.ConstValue + reg.Off;
        int lockOff = isRes ? rec.ResSpinLockOff : rec.SpinLockOff;
        if (lockOff != at)
            Fail(LockMessages.LockOffset(at, lockStr, lockOff), Einval);
        if (isLock)
        {
            if (!isRes && FindLock(RefKind.Lock, 0, 0, anyId: true))
                Fail(LockMessages.TwoSpinLocks, Einval);
            if (isRes && (FindLock(RefKind.ResLock, reg.Id, owner) || FindLock(RefKind.ResLockIrq, reg.Id, owner)))
                Fail(LockMessages.AaDeadlock, Einval);
            _cur.AddRef(new ReferenceState(kind, reg.Id, _insnIdx, owner));
            return;
        }
        if (!HoldsLock())
            Fail(LockMessages.UnlockWithoutLock(lockStr), Einval);
        if (!FindLock(kind, reg.Id, owner))
            Fail(LockMessages.UnlockDifferent(lockStr), Einval);
        if (ActiveLock() is not { } active || active.Id != reg.Id || active.LockMap != owner)
            Fail(LockMessages.UnlockOutOfOrder(lockStr), Einval);
        if (!ReleaseLock(kind, reg.Id, owner))
            Fail(LockMessages.UnlockDifferent(lockStr), Einval);
        InvalidateNonOwningRefs();
    }

    /// <summary>find_lock_state: a held lock of this kind, id and owner (any of the kind when <paramref name="anyId"/>).</summary>
    private bool FindLock(RefKind kind, uint id, int owner, bool anyId = false)
    {
        foreach (var r in _cur.Refs)
        {
            if (r.Kind == kind && (anyId || (r.Id == id && r.LockMap == owner)))
                return true;
        }
        return false;
    }

    /// <summary>active_lock_id/active_lock_ptr: the newest held lock (locks are released in reverse order).</summary>
    private ReferenceState? ActiveLock()
    {
        var refs = _cur.Refs;
        for (int i = refs.Length - 1; i >= 0; i--)
        {
            if (refs[i].Kind is RefKind.Lock or RefKind.ResLock or RefKind.ResLockIrq)
                return refs[i];
        }
        return null;
    }

    /// <summary>release_lock_state: drops the lock reference with this id and owner.</summary>
    private bool ReleaseLock(RefKind kind, uint id, int owner)
    {
        var refs = _cur.Refs;
        for (int i = 0; i < refs.Length; i++)
        {
            if (refs[i].Kind != kind || refs[i].Id != id || refs[i].LockMap != owner)
                continue;
            var n = new ReferenceState[refs.Length - 1];
            Array.Copy(refs, n, i);
            Array.Copy(refs, i + 1, n, i, refs.Length - i - 1);
            _cur.Refs = n;
            return true;
        }
        return false;
    }
}
