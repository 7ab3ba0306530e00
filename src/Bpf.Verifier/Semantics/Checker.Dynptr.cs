using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// Dynptrs on the stack (STACK_DYNPTR): two 8-byte slots per struct bpf_dynptr, created by the helpers and kfuncs that
/// take an uninitialized dynptr, read by the others, released (ring buffer) or destroyed by plain stores.
/// </summary>
internal sealed partial class Checker
{
    private const int DynptrSlots = 2;
    private const int Erange = -34;

    /// <summary>The dynptr argument's requirements (ARG_PTR_TO_DYNPTR with MEM_UNINIT / MEM_RDONLY / DYNPTR_TYPE_*).</summary>
    private readonly record struct DynptrArg(bool Uninit, bool Rdonly, DynptrKind Kind);

    /// <summary>
    /// stack_slot_obj_get_spi for a dynptr: the upper slot, or a negative errno (-34 when the slots are not allocated
    /// yet, after which the caller may still grow the stack).
    /// </summary>
    private int DynptrSpi(in RegState reg)
    {
        if (!reg.Bounds.IsConst)
        {
            _log.WriteLine("dynptr has to be at a constant offset");
            return Einval;
        }
        int off = reg.Off + (int)reg.Bounds.ConstValue;
        int spi = (-off - 1) / FuncState.RegSize;
        if (off % FuncState.RegSize != 0 || spi + 1 < DynptrSlots)
        {
            _log.WriteLine($"cannot pass in dynptr at an offset={off}");
            return Einval;
        }
        if (spi - DynptrSlots + 1 < 0 || spi >= FrameOf(reg).SlotCount)
            return Erange;
        return spi;
    }

    private static ulong DynptrMask(int spi) => (1UL << spi) | (1UL << (spi - 1));

    /// <summary>process_dynptr_func: create the dynptr (MEM_UNINIT) or check an initialized one of the wanted kind.</summary>
    private void ProcessDynptrArg(int regno, DynptrArg arg, uint cloneRefObjId = 0)
    {
        if (DynptrArgError(regno, arg) is { } error)
            Fail(error, Einval);
        if (!arg.Uninit)
            return;
        // The helper writes the 16 bytes as two BPF_DW stores.
        for (int i = 0; i < DynptrSlots * FuncState.RegSize; i += FuncState.RegSize)
            CheckMemAccess(regno, i, FuncState.RegSize, write: true, valueReg: -1, sx: false);
        MarkDynptrSlots(Regs[regno], arg.Kind, cloneRefObjId);
    }

    /// <summary>
    /// process_dynptr_func's checks: the line the kernel logs when the argument is refused, else null (an initialized
    /// dynptr's slots are then read and scratched, as mark_dynptr_read does). Helpers and kfuncs fail on the line; a
    /// static function's argument match only logs it.
    /// </summary>
    private string? DynptrArgError(int regno, DynptrArg arg)
    {
        var reg = Regs[regno];
        if (reg.Type is not (RegType.PtrToStack or RegType.ConstPtrToDynptr))
            return $"arg#{regno - 1} expected pointer to stack or const struct bpf_dynptr";
        if (arg.Uninit)
            return IsDynptrValidUninit(reg) ? null : "Dynptr has to be an uninitialized dynptr";
        if (reg.Type == RegType.ConstPtrToDynptr && !arg.Rdonly)
            return "cannot pass pointer to const bpf_dynptr, the helper mutates it";
        if (!IsDynptrValidInit(reg))
            return $"Expected an initialized dynptr as arg #{regno - 1}";
        if (arg.Kind != DynptrKind.Invalid && DynptrOf(reg).Kind != arg.Kind)
            return $"Expected a dynptr of type {Dynptrs.Name(arg.Kind)} as arg #{regno - 1}";
        if (reg.Type == RegType.PtrToStack)
        {
            // mark_stack_slot_obj_read: both slots are read and scratched.
            int spi = DynptrSpi(reg);
            MarkStackRead(reg.FrameNo, DynptrMask(spi));
            _scratch.MarkSlot(spi);
            _scratch.MarkSlot(spi - 1);
        }
        return null;
    }

    private bool IsDynptrValidUninit(in RegState reg)
    {
        if (reg.Type == RegType.ConstPtrToDynptr)
            return false;
        int spi = DynptrSpi(reg);
        return spi >= 0 || spi == Erange;
    }

    private bool IsDynptrValidInit(in RegState reg)
    {
        if (reg.Type == RegType.ConstPtrToDynptr)
            return true;
        int spi = DynptrSpi(reg);
        if (spi < 0)
            return false;
        var state = FrameOf(reg);
        if (!Dynptrs.IsFirstSlot(state.Spilled[spi]))
            return false;
        int lo = (spi - 1) * FuncState.RegSize;
        for (int b = lo; b < lo + DynptrSlots * FuncState.RegSize; b++)
        {
            if (state.Slots[b] != SlotType.Dynptr)
                return false;
        }
        return true;
    }

    /// <summary>The dynptr an initialized argument designates: its first slot's state, or the register itself.</summary>
    private (DynptrKind Kind, uint Id, uint RefObjId) DynptrOf(in RegState reg)
    {
        var d = reg;
        if (reg.Type == RegType.PtrToStack)
            d = FrameOf(reg).Spilled[DynptrSpi(reg)];
        return (Dynptrs.Kind(d), d.Id, d.RefObjId);
    }

    /// <summary>mark_stack_slots_dynptr: both slots become STACK_DYNPTR; a ring buffer dynptr holds a reference.</summary>
    private void MarkDynptrSlots(in RegState reg, DynptrKind kind, uint cloneRefObjId)
    {
        var state = FrameOf(reg);
        int spi = DynptrSpi(reg);
        if (spi < 0)
            Fail("verifier internal error: dynptr slots not allocated", -14);
        // Each slot may belong to a different old dynptr: destroy both.
        DestroyIfDynptrSlot(state, spi);
        DestroyIfDynptrSlot(state, spi - 1);
        int lo = (spi - 1) * FuncState.RegSize;
        for (int b = lo; b < lo + DynptrSlots * FuncState.RegSize; b++)
            state.WritableSlots[b] = SlotType.Dynptr;
        uint id = NewId();
        var first = Dynptrs.Reg(kind, true, id);
        var second = Dynptrs.Reg(kind, false, id);
        if (Dynptrs.IsRefcounted(kind))
        {
            uint refId = cloneRefObjId != 0 ? cloneRefObjId : AcquireReference();
            first.RefObjId = refId;
            second.RefObjId = refId;
        }
        state.WritableSpilled[spi] = first;
        state.WritableSpilled[spi - 1] = second;
        MarkStackWrite(state.FrameNo, DynptrMask(spi));
    }

    /// <summary>invalidate_dynptr: both slots become STACK_INVALID.</summary>
    private void InvalidateDynptr(FuncState state, int spi)
    {
        int lo = (spi - 1) * FuncState.RegSize;
        for (int b = lo; b < lo + DynptrSlots * FuncState.RegSize; b++)
            state.WritableSlots[b] = SlotType.Invalid;
        state.WritableSpilled[spi] = RegState.NotInit;
        state.WritableSpilled[spi - 1] = RegState.NotInit;
        MarkStackWrite(state.FrameNo, DynptrMask(spi));
    }

    /// <summary>
    /// unmark_stack_slots_dynptr for a released dynptr: a ring buffer record ends its reference, its slices and every
    /// clone sharing it; other kinds only lose their slots.
    /// </summary>
    private void UnmarkDynptrSlots(in RegState reg)
    {
        var state = FrameOf(reg);
        int spi = DynptrSpi(reg);
        if (spi < 0)
            Fail("verifier internal error: released dynptr without slots", -14);
        if (!Dynptrs.IsRefcounted(Dynptrs.Kind(state.Spilled[spi])))
        {
            InvalidateDynptr(state, spi);
            return;
        }
        uint refId = state.Spilled[spi].RefObjId;
        _cur.RemoveRef(refId);
        ForEachReg(_cur, (ref RegState r) =>
        {
            if (r.RefObjId == refId)
                MarkUnknown(ref r);
        });
        for (int i = 1; i < state.SlotCount; i++)
        {
            var s = state.Spilled[i];
            if (s.RefObjId != refId || state.Slots[i * FuncState.RegSize] != SlotType.Dynptr)
                continue;
            if (Dynptrs.IsFirstSlot(s))
                InvalidateDynptr(state, i);
        }
    }

    /// <summary>
    /// destroy_if_dynptr_stack_slot: a store into either slot of an unreferenced dynptr destroys it and the helper
    /// slices taken from it; a referenced one may not be overwritten.
    /// </summary>
    private void DestroyIfDynptrSlot(FuncState state, int spi)
    {
        if (spi < 0 || spi >= state.SlotCount || state.Slots[spi * FuncState.RegSize] != SlotType.Dynptr)
            return;
        if (!Dynptrs.IsFirstSlot(state.Spilled[spi]))
            spi++;
        if (Dynptrs.IsRefcounted(Dynptrs.Kind(state.Spilled[spi])))
            Fail("cannot overwrite referenced dynptr", Einval);
        _scratch.MarkSlot(spi);
        _scratch.MarkSlot(spi - 1);
        uint id = state.Spilled[spi].Id;
        InvalidateDynptr(state, spi);
        // Only untagged PTR_TO_MEM(_OR_NULL) registers are looked at: the helper's slices.
        ForEachReg(_cur, ref id, static (ref RegState r, ref uint id) =>
        {
            if (r.Type == RegType.PtrToMem && (r.Flags & ~RegFlags.MaybeNull) == 0 && r.DynptrId == id)
                MarkUnknown(ref r);
        });
    }

    /// <summary>check_stack_range_initialized in raw mode: a helper filling stack memory may not write over a dynptr.</summary>
    private void CheckNoDynptrInRawWrite(FuncState state, int off, int size)
    {
        for (int i = off; i < off + size; i++)
        {
            int slot = -i - 1;
            if (slot >= state.AllocatedStack)
                continue;
            if (state.Slots[slot] == SlotType.Dynptr)
                Fail($"potential write to dynptr at off={i} disallowed", Eacces);
        }
    }
}
