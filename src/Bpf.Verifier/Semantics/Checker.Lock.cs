using Bpf.Verifier.Domain;
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
        RegType.PtrToBtfId when IsLocalObject(reg) => LocalRecord(reg.BtfId)?.Has(BtfFieldMask.AnyLock) == true,
        _ => false,
    };

    /// <summary>ARG_PTR_TO_SPIN_LOCK of bpf_spin_lock (<paramref name="isLock"/>) or bpf_spin_unlock.</summary>
    private void ProcessSpinLock(int regno, bool isLock)
    {
        if (InRbtreeLockRequiredCb())
            Fail("can't spin_{lock,unlock} in rbtree cb", Eacces);
        var reg = Regs[regno];
        if (!reg.Bounds.IsConst)
            Fail($"R{regno} doesn't have constant offset. bpf_spin_lock has to be at the constant offset", Einval);
        BtfRecord? rec;
        int owner;
        if (reg.Type == RegType.PtrToMapValue)
        {
            var map = _maps[reg.MapIndex];
            if (map.BtfValueTypeId == 0 || _obj.Btf == null)
                Fail($"map '{map.KernelName}' has to have BTF in order to use bpf_spin_lock", Einval);
            rec = MapRecord(reg.MapIndex);
            if (rec == null || !rec.Has(BtfFieldMask.SpinLock))
                Fail($"map '{map.KernelName}' has no valid bpf_spin_lock", Einval);
            owner = reg.MapIndex;
        }
        else
        {
            rec = LocalRecord(reg.BtfId);
            if (rec == null || !rec.Has(BtfFieldMask.SpinLock))
                Fail("local 'kptr' has no valid bpf_spin_lock", Einval);
            owner = LocalObjectLock;
        }
        long at = (long)reg.Bounds.ConstValue + reg.Off;
        if (rec.SpinLockOff != at)
            Fail($"off {at} doesn't point to 'struct bpf_spin_lock' that is at {rec.SpinLockOff}", Einval);
        if (isLock)
        {
            if (HoldsLock())
                Fail("Locking two bpf_spin_locks are not allowed", Einval);
            _cur.AddRef(new ReferenceState(RefKind.Lock, reg.Id, _insnIdx, owner));
            return;
        }
        if (!HoldsLock())
            Fail("bpf_spin_unlock without taking a lock", Einval);
        if (!ReleaseLock(reg.Id, owner))
            Fail("bpf_spin_unlock of different lock", Einval);
        InvalidateNonOwningRefs();
    }

    /// <summary>release_lock_state: drops the lock reference with this id and owner.</summary>
    private bool ReleaseLock(uint id, int owner)
    {
        var refs = _cur.Refs;
        for (int i = 0; i < refs.Length; i++)
        {
            if (refs[i].Kind != RefKind.Lock || refs[i].Id != id || refs[i].LockMap != owner)
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
