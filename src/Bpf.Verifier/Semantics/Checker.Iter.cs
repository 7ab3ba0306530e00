using Bpf.Object;
using Bpf.Btf;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Platform.Kfuncs;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// Open-coded iterators (bpf_iter_&lt;type&gt;_new/next/destroy): the iterator lives in STACK_ITER slots of the
/// frame it was declared in, holding a reference. The slot's register keeps the iterator's BTF struct
/// (BtfId), its state (IterState) and its loop depth (Aux). iter_next forks: the current path sees the
/// iterator drained (NULL), the queued one sees it active with one more iteration.
/// </summary>
internal sealed partial class Checker
{
    private const string IterPrefix = "bpf_iter_";

    private static bool IsIterKfunc(KfuncInfo k) => k.Has(KfuncFlags.IterNew | KfuncFlags.IterNext | KfuncFlags.IterDestroy);

    /// <summary>iter_type_str: the struct name without its bpf_iter_ prefix.</summary>
    private static string IterTypeStr(uint btfId)
    {
        string name = Kbtf.Name(btfId);
        return name.StartsWith(IterPrefix, StringComparison.Ordinal) ? name[IterPrefix.Length..] : name;
    }

    /// <summary>
    /// stack_slot_obj_get_spi for an iterator of <paramref name="nrSlots"/> slots: the slot index, or -1 after a
    /// logged error, or int.MinValue when the slots are not allocated yet (-ERANGE).
    /// </summary>
    private int IterGetSpi(in RegState reg, int nrSlots)
    {
        if (!reg.Bounds.VarOff.IsConst)
        {
            _log.WriteLine("iter has to be at a constant offset");
            return -1;
        }
        int off = reg.Off + (int)reg.Bounds.VarOff.Value;
        int spi = (-off - 1) / FuncState.RegSize;
        if (off % FuncState.RegSize != 0 || spi + 1 < nrSlots)
        {
            _log.WriteLine($"cannot pass in iter at an offset={off}");
            return -1;
        }
        var fs = FrameOf(reg);
        return spi - nrSlots + 1 >= 0 && spi < fs.SlotCount ? spi : int.MinValue;
    }

    private static ulong IterSlotMask(int spi, int nrSlots) => ((1UL << nrSlots) - 1) << (spi - nrSlots + 1);

    /// <summary>check_kfunc_args for an iterator argument (KF_ARG_PTR_TO_ITER).</summary>
    private void CheckIterKfuncArg(KfuncCall call, int argNo, uint ptrType)
    {
        var reg = Regs[argNo + 1];
        bool isNull = IsNullConst(reg);
        // The live 6.18 kernel treats every iterator argument as trusted (NULL is refused even without KF_TRUSTED_ARGS).
        if (isNull || reg.IsMaybeNull)
            Fail($"Possibly NULL pointer passed to trusted arg{argNo}", Eacces);
        if (reg.RefObjId != 0)
            Unsupported($"referenced pointer as the iterator of kfunc {call.Info.Name}");
        if (call.Info.Name == "bpf_iter_css_task_new" && !CssTaskIterAllowed())
            Fail("css_task_iter is only allowed in bpf_lsm, bpf_iter and sleepable progs", Einval);
        ProcessIterArg(call, argNo, ptrType);
    }

    /// <summary>process_iter_arg: the iterator argument of an iterator kfunc.</summary>
    private void ProcessIterArg(KfuncCall call, int argNo, uint ptrType)
    {
        int regno = argNo + 1;
        var reg = Regs[regno];
        if (reg.Type != RegType.PtrToStack)
            Fail($"arg#{argNo} expected pointer to an iterator on stack", Einval);
        var btf = Kbtf;
        uint iterId = btf.SkipModsAndTypedefs(btf.RefType(ptrType));
        if (btf.Kind(iterId) != BtfKind.Struct || !btf.Name(iterId).StartsWith(IterPrefix, StringComparison.Ordinal))
            Fail($"expected valid iter pointer as arg #{argNo}", Einval);
        int nrSlots = (int)btf.RawSize(iterId) / FuncState.RegSize;
        string type = IterTypeStr(iterId);
        if (call.Info.Has(KfuncFlags.IterNew))
        {
            int spi0 = IterGetSpi(reg, nrSlots);
            if (spi0 == -1 || (spi0 >= 0 && AnyIterByte(FrameOf(reg), spi0, nrSlots)))
                Fail($"expected uninitialized iter_{type} as arg #{argNo}", Einval);
            for (int i = 0; i < nrSlots * FuncState.RegSize; i += FuncState.RegSize)
                CheckMemAccess(regno, i, FuncState.RegSize, true, -1, false);
            MarkIterSlots(call, Regs[regno], iterId, nrSlots);
            return;
        }
        int spi = IterGetSpi(reg, nrSlots);
        bool untrusted = false;
        if (spi < 0 || !IterSlotsValid(FrameOf(reg), spi, nrSlots, iterId, out untrusted))
            Fail($"expected an initialized iter_{type} as arg #{argNo}", Einval);
        if (untrusted)
            Fail($"expected an RCU CS when using {call.Info.Name}", -71);
        var fs = FrameOf(reg);
        MarkStackRead(fs.FrameNo, IterSlotMask(spi, nrSlots));
        for (int i = 0; i < nrSlots; i++)
            _scratch.MarkSlot(spi - i);
        call.IterFrame = fs.FrameNo;
        call.IterSpi = spi;
        call.RefObjId = fs.Spilled[spi].RefObjId;
        if (call.Info.Has(KfuncFlags.IterDestroy))
            UnmarkIterSlots(fs, spi, nrSlots, call.Info.Name, call.FuncId);
    }

    private static bool AnyIterByte(FuncState fs, int spi, int nrSlots)
    {
        int lo = (spi - nrSlots + 1) * FuncState.RegSize, hi = (spi + 1) * FuncState.RegSize;
        for (int b = lo; b < hi; b++)
        {
            if (fs.Slots[b] == SlotType.Iter)
                return true;
        }
        return false;
    }

    /// <summary>check_css_task_iter_allowlist: walking a css's tasks takes css_set_lock, safe only from these.</summary>
    private bool CssTaskIterAllowed()
    {
        // resolve_prog_type: an extension takes its target's type, which is not modelled here.
        if (_prog.Type == ProgramType.Ext)
            Unsupported("css_task iterator in an extension program");
        return _prog.Type == ProgramType.Lsm || (_prog.Type == ProgramType.Tracing && _prog.ExpectedAttachType == AttachType.TraceIter) ||
            InSleepableCtx;
    }

    /// <summary>is_iter_reg_valid_init: every slot of the iterator is STACK_ITER of that type, only the first holds the reference.</summary>
    private static bool IterSlotsValid(FuncState fs, int spi, int nrSlots, uint iterId, out bool untrusted)
    {
        untrusted = false;
        for (int i = 0; i < nrSlots; i++)
        {
            ref readonly var st = ref fs.Spilled[spi - i];
            if ((st.Flags & RegFlags.PtrUntrusted) != 0)
            {
                untrusted = true;
                return true;
            }
            if ((i == 0) == (st.RefObjId == 0) || st.BtfId != iterId)
                return false;
            for (int j = 0; j < FuncState.RegSize; j++)
            {
                if (fs.Slots[(spi - i) * FuncState.RegSize + j] != SlotType.Iter)
                    return false;
            }
        }
        return true;
    }

    /// <summary>mark_stack_slots_iter: a fresh active iterator holding a new reference.</summary>
    private void MarkIterSlots(KfuncCall call, in RegState reg, uint iterId, int nrSlots)
    {
        int spi = IterGetSpi(reg, nrSlots);
        if (spi < 0)
            Unsupported("iterator slots outside the allocated stack");
        var fs = FrameOf(reg);
        uint id = AcquireReference();
        var flags = RegFlags.None;
        if (call.Info.Has(KfuncFlags.RcuProtected))
            flags = InRcuCs ? RegFlags.MemRcu : RegFlags.PtrUntrusted;
        for (int i = 0; i < nrSlots; i++)
        {
            var st = RegState.Pointer(RegType.PtrToStack, flags);
            st.RefObjId = i == 0 ? id : 0;
            st.BtfId = iterId;
            st.IterState = IterState.Active;
            st.Aux = 0;
            fs.WritableSpilled[spi - i] = st;
            fs.WritableSlots.Slice((spi - i) * FuncState.RegSize, FuncState.RegSize).Fill(SlotType.Iter);
            _scratch.MarkSlot(spi - i);
        }
        MarkStackWrite(fs.FrameNo, IterSlotMask(spi, nrSlots));
    }

    /// <summary>unmark_stack_slots_iter: destroy releases the iterator's reference and frees its slots.</summary>
    private void UnmarkIterSlots(FuncState fs, int spi, int nrSlots, string name, uint funcId)
    {
        ReleaseReference(fs.Spilled[spi].RefObjId, name, funcId);
        for (int i = 0; i < nrSlots; i++)
        {
            fs.WritableSpilled[spi - i] = RegState.NotInit;
            fs.WritableSlots.Slice((spi - i) * FuncState.RegSize, FuncState.RegSize).Fill(SlotType.Invalid);
            _scratch.MarkSlot(spi - i);
        }
        MarkStackWrite(fs.FrameNo, IterSlotMask(spi, nrSlots));
    }

    /// <summary>
    /// The return value of an iterator's next kfunc: a pointer to the element (read-only memory tied to the
    /// iterator's reference, or a trusted kernel struct), NULL when drained.
    /// </summary>
    private void SetIterNextReturn(KfuncCall call)
    {
        var btf = Kbtf;
        uint retId = btf.SkipModsAndTypedefs(btf.RefType(call.ProtoId));
        if (btf.Kind(retId) != BtfKind.Ptr)
            Unsupported($"return type of kfunc {call.Info.Name}");
        uint targetId = btf.SkipModsAndTypedefs(btf.RefType(retId));
        ref var r0 = ref Regs[0];
        if (btf.Kind(targetId) is BtfKind.Struct)
        {
            var iter = _cur.Frames[call.IterFrame].Spilled[call.IterSpi];
            r0 = KnownZeroPtr(RegType.PtrToBtfId, (iter.Flags & RegFlags.MemRcu) != 0 ? RegFlags.MemRcu : RegFlags.PtrTrusted);
            r0.BtfId = targetId;
        }
        else if (btf.Kind(targetId) is BtfKind.Int or BtfKind.Enum or BtfKind.Enum64)
        {
            r0 = KnownZeroPtr(RegType.PtrToMem, RegFlags.MemRdonly);
            r0.Aux = (int)btf.RawSize(targetId);
            r0.RefObjId = call.RefObjId;
        }
        else
        {
            Unsupported($"return type of kfunc {call.Info.Name}");
        }
        r0.Flags |= RegFlags.MaybeNull;
        r0.Id = NewId();
    }

    /// <summary>
    /// process_iter_next_call: an active iterator forks; the queued path keeps it active one level deeper with
    /// a non-NULL element (its imprecise scalars widened against the previous iteration), the current path
    /// continues with the iterator drained and NULL returned.
    /// </summary>
    private void ProcessIterNextCall(KfuncCall call)
    {
        ref var curIter = ref _cur.Frames[call.IterFrame].WritableSpilled[call.IterSpi];
        if (curIter.IterState == IterState.Active)
        {
            var parent = _cur.Parent;
            if (parent == null || parent.InsnIdx != _insnIdx || !SameCallsites(parent, _cur))
                Unsupported("iterator next call without its checkpoint");
            var prev = FindPrevEntry(parent, _insnIdx);
            var queued = PushStack(_insnIdx + 1, _insnIdx, false);
            ref var qIter = ref queued.Frames[call.IterFrame].WritableSpilled[call.IterSpi];
            qIter.IterState = IterState.Active;
            qIter.Aux++;
            if (prev != null)
                WidenImpreciseScalars(prev, queued);
            queued.Regs[0].Flags &= ~RegFlags.MaybeNull;
        }
        curIter.IterState = IterState.Drained;
        Regs[0] = RegState.ConstScalar(0);
    }

    /// <summary>The iterator R1 points to is active (is_state_visited's convergence test at iter_next calls).</summary>
    private static bool IterArgActive(VerifierState cur)
    {
        var r1 = cur.Regs[1];
        if (r1.Type != RegType.PtrToStack)
            return false;
        int spi = (-(r1.Off + (int)r1.Bounds.VarOff.Value) - 1) / FuncState.RegSize;
        var fs = cur.Frames[r1.FrameNo];
        return spi >= 0 && spi < fs.SlotCount && fs.Spilled[spi].IterState == IterState.Active;
    }

    /// <summary>iter_active_depths_differ: an active iterator of old sits at another depth in cur (not an infinite loop).</summary>
    private static bool IterActiveDepthsDiffer(VerifierState old, VerifierState cur)
    {
        for (int fr = old.CurFrame; fr >= 0; fr--)
        {
            var fo = old.Frames[fr];
            var fc = cur.Frames[fr];
            for (int s = 0; s < fo.SlotCount; s++)
            {
                if (fo.Slots[s * FuncState.RegSize] != SlotType.Iter || fo.Spilled[s].IterState != IterState.Active)
                    continue;
                int curDepth = s < fc.SlotCount ? fc.Spilled[s].Aux : 0;
                if (curDepth != fo.Spilled[s].Aux)
                    return true;
            }
        }
        return false;
    }
}
