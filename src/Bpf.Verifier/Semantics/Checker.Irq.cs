using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// IRQ flags (bpf_local_irq_save/restore, and the flag argument of bpf_res_spin_lock_irqsave and its unlock): the
/// saved flag lives in one STACK_IRQ_FLAG slot whose register keeps the REF_TYPE_IRQ reference (RefObjId) and the
/// class of kfunc that saved it (Aux). IRQ references behave as a stack: only the newest may be restored.
/// </summary>
internal sealed partial class Checker
{
    /// <summary>The kfunc family that saved an irq flag (IRQ_NATIVE_KFUNC / IRQ_LOCK_KFUNC).</summary>
    private enum IrqKfuncClass
    {
        Native = 0,
        Lock = 1,
    }

    /// <summary>active_irq_id: the newest IRQ reference (the refs array keeps acquisition order), 0 when none.</summary>
    private uint ActiveIrqId
    {
        get
        {
            var refs = _cur.Refs;
            for (int i = refs.Length - 1; i >= 0; i--)
            {
                if (refs[i].Kind == RefKind.Irq)
                    return refs[i].Id;
            }
            return 0;
        }
    }

    private static bool IsIrqFlagParam(string pname) => pname.EndsWith("__irq_flag", StringComparison.Ordinal);

    /// <summary>KF_ARG_PTR_TO_IRQ_FLAG (process_irq_flag): save into an unused slot, or restore the newest saved flag.</summary>
    private void CheckIrqFlagArg(KfuncCall call, int argNo)
    {
        int regno = argNo + 1;
        var reg = Regs[regno];
        if (reg.Type != RegType.PtrToStack)
            Fail(LockMessages.IrqFlagNotOnStack(argNo), Einval);
        string name = call.Info.Name;
        bool save = name is "bpf_local_irq_save" or "bpf_res_spin_lock_irqsave";
        var cls = name.StartsWith("bpf_res_spin_", StringComparison.Ordinal) ? IrqKfuncClass.Lock : IrqKfuncClass.Native;
        if (save)
            SaveIrqFlag(regno, argNo, cls);
        else
            RestoreIrqFlag(regno, argNo, cls);
    }

    /// <summary>irq_flag_get_spi: the slot index, -1 after a logged error, int.MinValue when not allocated yet (-ERANGE).</summary>
    private int IrqFlagSpi(in RegState reg)
    {
        if (!reg.Bounds.VarOff.IsConst)
        {
            _log.WriteLine("irq_flag has to be at a constant offset");
            return -1;
        }
        int off = reg.Off + (int)reg.Bounds.VarOff.Value;
        int spi = (-off - 1) / FuncState.RegSize;
        if (off % FuncState.RegSize != 0 || spi + 1 < 1)
        {
            _log.WriteLine($"cannot pass in irq_flag at an offset={off}");
            return -1;
        }
        return spi >= 0 && spi < FrameOf(reg).SlotCount ? spi : int.MinValue;
    }

    private void SaveIrqFlag(int regno, int argNo, IrqKfuncClass cls)
    {
        var reg = Regs[regno];
        int spi = IrqFlagSpi(reg);
        if (spi == -1 || (spi >= 0 && SlotHasIrqByte(FrameOf(reg), spi)))
            Fail(LockMessages.IrqFlagNotUninit(argNo), Einval);
        CheckMemAccess(regno, 0, FuncState.RegSize, true, -1, false);
        reg = Regs[regno];
        spi = IrqFlagSpi(reg);
        if (spi < 0)
            Unsupported("irq flag slot outside the allocated stack");
        var fs = FrameOf(reg);
        uint id = NewId();
        _cur.AddRef(new ReferenceState(RefKind.Irq, id, _insnIdx));
        var st = KnownZeroPtr(RegType.PtrToStack);
        st.RefObjId = id;
        st.Aux = (int)cls;
        fs.WritableSpilled[spi] = st;
        fs.WritableSlots.Slice(spi * FuncState.RegSize, FuncState.RegSize).Fill(SlotType.IrqFlag);
        _scratch.MarkSlot(spi);
        MarkStackWrite(fs.FrameNo, 1UL << spi);
    }

    private void RestoreIrqFlag(int regno, int argNo, IrqKfuncClass cls)
    {
        var reg = Regs[regno];
        int spi = IrqFlagSpi(reg);
        var fs = FrameOf(reg);
        if (spi < 0 || fs.Spilled[spi].RefObjId == 0 || !SlotAllIrq(fs, spi))
            Fail(LockMessages.IrqFlagNotInit(argNo), Einval);
        MarkStackRead(fs.FrameNo, 1UL << spi);
        var st = fs.Spilled[spi];
        var flagCls = (IrqKfuncClass)st.Aux;
        if (flagCls != cls)
            Fail(LockMessages.IrqClassMismatch(ClassName(flagCls), ClassName(cls)), Einval);
        uint active = ActiveIrqId;
        if (st.RefObjId != active)
        {
            int at = 0;
            foreach (var r in _cur.Refs)
            {
                if (r.Id == active)
                {
                    at = r.InsnIdx;
                    break;
                }
            }
            Fail(LockMessages.IrqOutOfOrder(active, at), Eacces);
        }
        _cur.RemoveRef(st.RefObjId);
        fs.WritableSpilled[spi] = RegState.NotInit;
        fs.WritableSlots.Slice(spi * FuncState.RegSize, FuncState.RegSize).Fill(SlotType.Invalid);
        _scratch.MarkSlot(spi);
        MarkStackWrite(fs.FrameNo, 1UL << spi);
    }

    private static string ClassName(IrqKfuncClass c) => c == IrqKfuncClass.Native ? "native" : "lock";

    private static bool SlotHasIrqByte(FuncState fs, int spi)
    {
        for (int i = 0; i < FuncState.RegSize; i++)
        {
            if (fs.Slots[spi * FuncState.RegSize + i] == SlotType.IrqFlag)
                return true;
        }
        return false;
    }

    private static bool SlotAllIrq(FuncState fs, int spi)
    {
        for (int i = 0; i < FuncState.RegSize; i++)
        {
            if (fs.Slots[spi * FuncState.RegSize + i] != SlotType.IrqFlag)
                return false;
        }
        return true;
    }
}
