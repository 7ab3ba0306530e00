using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;

namespace Bpf.Verifier.Semantics;

/// <summary>Stack reads and writes: spill/fill, partial spills, zero slots, variable offsets.</summary>
internal sealed partial class Checker
{
    private FuncState FrameOf(in RegState ptr) => _cur.Frames[ptr.FrameNo];

    /// <summary>check_stack_access_within_bounds; grows the stack (and the subprogram's depth) on success.</summary>
    private void CheckStackAccessWithinBounds(int regno, int off, int size, string extra, bool write)
    {
        var reg = Regs[regno];
        long minOff, maxOff;
        if (reg.Bounds.IsConst)
        {
            minOff = (long)reg.Bounds.ConstValue + off;
            maxOff = minOff + size;
        }
        else
        {
            if (reg.Bounds.SMax >= MaxVarOff || reg.Bounds.SMin <= -MaxVarOff)
                Fail(Messages.StackUnboundedVar(extra, regno));
            minOff = reg.Bounds.SMin + off;
            maxOff = reg.Bounds.SMax + off + size;
        }
        // A privileged loader may read uninitialized stack, so reads and writes share the -512 floor.
        bool bad = minOff < -MaxBpfStack || minOff > -1 || maxOff > 0 || size < 0;
        if (bad)
        {
            if (reg.Bounds.IsConst)
                Fail(Messages.StackAccess(extra, regno, off, size));
            Fail(Messages.StackVarAccess(extra, regno, ScalarText.TnumText(reg.Bounds.VarOff), off, size));
        }
        var frame = FrameOf(reg);
        frame.GrowStack((int)-minOff);
        var sp = _subprogs[frame.Subprog];
        if (sp.StackDepth < frame.AllocatedStack)
            sp.StackDepth = frame.AllocatedStack;
    }

    private void CheckStackWrite(int regno, int off, int size, int valueReg, int? stImm)
    {
        var ptr = Regs[regno];
        var state = FrameOf(ptr);
        if (!ptr.Bounds.IsConst)
        {
            StackWriteVarOff(state, ptr, off, size, valueReg, stImm);
            return;
        }
        off += (int)ptr.Bounds.ConstValue;
        int slot = -off - 1, spi = slot / FuncState.RegSize;
        DestroyIfDynptrSlot(state, spi);
        _scratch.MarkSlot(spi);
        // Only a whole aligned slot counts as written: partial writes leave earlier contents readable.
        if (off % FuncState.RegSize == 0 && size == FuncState.RegSize)
            MarkStackWrite(state.FrameNo, 1UL << spi);
        RegState? value = valueReg >= 0 ? Regs[valueReg] : null;
        if (value is { Type: RegType.Scalar } v && off % FuncState.RegSize == 0)
        {
            bool fits = RegWidth(v) <= 8 * size;
            if (fits)
                AssignScalarIdBeforeMov(ref Regs[valueReg]);
            var saved = Regs[valueReg];
            if (!fits)
                saved.Id = 0;
            SaveRegisterState(state, spi, saved, size);
            PushHistory(HistFlags.StackAccess, state.FrameNo, spi, 0);
            return;
        }
        if (value == null && off % FuncState.RegSize == 0 && stImm is int imm)
        {
            SaveRegisterState(state, spi, RegState.ConstScalar((ulong)(long)imm), size);
            PushHistory(HistFlags.StackAccess, state.FrameNo, spi, 0);
            return;
        }
        if (value is { } p && IsSpillable(p.Type))
        {
            if (size != FuncState.RegSize)
            {
                _lines.Print(_log, _insnIdx, "; ");
                Fail(Messages.InvalidSpillSize);
            }
            if (state != _cur.Cur && p.Type == RegType.PtrToStack)
                Fail("cannot spill pointers to stack into stack frame of the caller", -22);
            SaveRegisterState(state, spi, p, size);
            PushHistory(HistFlags.StackAccess, state.FrameNo, spi, 0);
            return;
        }
        ScrubSpecialSlot(state, spi);
        bool zero = value is { } z ? z.IsConst && z.ConstValue == 0 : stImm == 0;
        // STACK_ZERO is not a spill backtracking can follow: the zero itself must be precise.
        if (zero && valueReg >= 0)
            MarkChainPrecision(valueReg);
        var type = zero ? SlotType.Zero : SlotType.Misc;
        for (int i = 0; i < size; i++)
            state.WritableSlots[slot - i] = type;
    }

    /// <summary>
    /// Pointers a stack write keeps as a spilled register (is_spillable_regtype); a tp_buffer or const dynptr
    /// pointer written to the stack is plain data and reads back as an unknown scalar.
    /// </summary>
    private static bool IsSpillable(RegType t) =>
        t is not (RegType.NotInit or RegType.Scalar or RegType.PtrToTpBuffer or RegType.ConstPtrToDynptr);

    /// <summary>Bits needed to hold the register's largest unsigned value (get_reg_width).</summary>
    private static int RegWidth(in RegState r) => 64 - System.Numerics.BitOperations.LeadingZeroCount(r.Bounds.UMax);

    private static void SaveRegisterState(FuncState state, int spi, in RegState reg, int size)
    {
        var saved = reg;
        saved.FrameNo = reg.FrameNo;
        state.WritableSpilled[spi] = saved;
        int baseIdx = spi * FuncState.RegSize;
        int i;
        for (i = FuncState.RegSize; i > FuncState.RegSize - size; i--)
            state.WritableSlots[baseIdx + i - 1] = SlotType.Spill;
        for (; i > 0; i--)
        {
            ref var t = ref state.WritableSlots[baseIdx + i - 1];
            if (t is SlotType.Zero or SlotType.Invalid)
                continue;
            t = SlotType.Misc;
        }
    }

    private static bool IsSpecialSlot(FuncState s, int spi) =>
        s.Slots[spi * FuncState.RegSize + FuncState.RegSize - 1] is SlotType.Spill or SlotType.Dynptr or SlotType.Iter or SlotType.IrqFlag;

    private static void ScrubSpecialSlot(FuncState s, int spi)
    {
        s.SetSpilled(spi, RegState.NotInit);
        if (!IsSpecialSlot(s, spi))
            return;
        for (int i = 0; i < FuncState.RegSize; i++)
        {
            ref var t = ref s.WritableSlots[spi * FuncState.RegSize + i];
            if (t != SlotType.Invalid)
                t = SlotType.Misc;
        }
    }

    private void StackWriteVarOff(FuncState state, in RegState ptr, int off, int size, int valueReg, int? stImm)
    {
        int minOff = (int)ptr.Bounds.SMin + off;
        int maxOff = (int)ptr.Bounds.SMax + off + size;
        bool writingZero = valueReg >= 0 ? Regs[valueReg].IsConst && Regs[valueReg].ConstValue == 0 : stImm == 0;
        bool zeroUsed = false;
        for (int i = minOff; i < maxOff; i++)
            DestroyIfDynptrSlot(state, (-i - 1) / FuncState.RegSize);
        for (int i = minOff; i < maxOff; i++)
        {
            int slot = -i - 1, spi = slot / FuncState.RegSize;
            ref var stype = ref state.WritableSlots[slot];
            _scratch.MarkSlot(spi);
            if (stype is SlotType.Iter or SlotType.IrqFlag)
                Unsupported("variable-offset stack write over an iterator/irq-flag slot");
            if (writingZero && stype == SlotType.Spill && state.Spilled[spi].IsConst && state.Spilled[spi].ConstValue == 0)
            {
                zeroUsed = true;
                continue;
            }
            ScrubSpecialSlot(state, spi);
            zeroUsed |= writingZero && stype == SlotType.Zero;
            stype = writingZero && stype == SlotType.Zero ? SlotType.Zero : SlotType.Misc;
        }
        if (zeroUsed && valueReg >= 0)
            MarkChainPrecision(valueReg);
    }

    private void CheckStackRead(int regno, int off, int size, int dstReg)
    {
        var ptr = Regs[regno];
        var state = FrameOf(ptr);
        if (!ptr.Bounds.IsConst)
        {
            // Only atomics read the stack without a destination (check_stack_read's dst_regno < 0).
            if (dstReg < 0)
                Fail($"variable offset stack pointer cannot be passed into helper function; var_off={ScalarText.TnumText(ptr.Bounds.VarOff)} off={off} size={size}");
            int minOff = (int)ptr.Bounds.SMin + off;
            int maxOff = (int)ptr.Bounds.SMax + off + size;
            MarkStackRead(state.FrameNo, SlotsOfRange(minOff, maxOff));
            for (int i = minOff; i < maxOff; i++)
            {
                int slot = -i - 1;
                var t = state.Slots[slot];
                if (t == SlotType.Spill && state.Spilled[slot / FuncState.RegSize].Type == RegType.Scalar)
                    continue;
                if (t is SlotType.Misc or SlotType.Zero or SlotType.Invalid)
                    continue;
                Fail($"invalid read from stack R{regno} var_off {ScalarText.TnumText(ptr.Bounds.VarOff)}+{off} size {size}");
            }
            if (dstReg >= 0)
                MarkStackReadResult(state, minOff, maxOff, dstReg);
            return;
        }
        off += (int)ptr.Bounds.ConstValue;
        ReadFixed(state, off, size, dstReg);
    }

    private void ReadFixed(FuncState state, int off, int size, int dstReg)
    {
        int slot = -off - 1, spi = slot / FuncState.RegSize;
        _scratch.MarkSlot(spi);
        MarkStackRead(state.FrameNo, 1UL << spi);
        int baseIdx = spi * FuncState.RegSize;
        var spilled = state.Spilled[spi];
        if (state.IsSpilledReg(spi))
        {
            int spillSize = 1;
            for (int i = FuncState.RegSize - 1; i > 0 && state.Slots[baseIdx + i - 1] == SlotType.Spill; i--)
                spillSize++;
            if (size != FuncState.RegSize || spillSize != FuncState.RegSize)
            {
                if (spilled.Type != RegType.Scalar)
                {
                    _lines.Print(_log, _insnIdx, "; ");
                    Fail(Messages.InvalidFillSize);
                }
                if (dstReg < 0)
                    return;
                if (size <= spillSize && off % FuncState.RegSize == 0)
                {
                    var r = spilled;
                    if (RegWidth(spilled) > size * 8)
                        r.Id = 0;
                    Regs[dstReg] = r;
                    PushHistory(HistFlags.StackAccess, state.FrameNo, spi, 0);
                    return;
                }
                int spillCnt = 0, zeroCnt = 0;
                for (int i = 0; i < size; i++)
                {
                    var t = state.Slots[slot - i];
                    if (t == SlotType.Spill)
                        spillCnt++;
                    else if (t == SlotType.Zero)
                        zeroCnt++;
                    else if (t is not (SlotType.Misc or SlotType.Invalid))
                        Fail(Messages.StackRead(off, i, size));
                }
                if (spillCnt == size && spilled.IsConst && spilled.ConstValue == 0)
                {
                    // Still a fill of the spilled zero: backtracking follows it into the slot.
                    MarkConst(ref Regs[dstReg], 0);
                    PushHistory(HistFlags.StackAccess, state.FrameNo, spi, 0);
                }
                else if (zeroCnt == size)
                {
                    MarkConst(ref Regs[dstReg], 0);
                }
                else
                {
                    MarkUnknown(ref Regs[dstReg]);
                }
                return;
            }
            if (dstReg >= 0)
                Regs[dstReg] = spilled;
            PushHistory(HistFlags.StackAccess, state.FrameNo, spi, 0);
            return;
        }
        for (int i = 0; i < size; i++)
        {
            var t = state.Slots[slot - i];
            if (t is SlotType.Misc or SlotType.Zero or SlotType.Invalid)
                continue;
            Fail(Messages.StackRead(off, i, size));
        }
        if (dstReg >= 0)
            MarkStackReadResult(state, off, off + size, dstReg);
    }

    /// <summary>mark_reg_stack_read: zero when every byte is STACK_ZERO, unknown otherwise.</summary>
    private void MarkStackReadResult(FuncState state, int minOff, int maxOff, int dstReg)
    {
        int zeros = 0;
        for (int i = minOff; i < maxOff; i++)
        {
            int slot = -i - 1;
            _scratch.MarkSlot(slot / FuncState.RegSize);
            if (state.Slots[slot] != SlotType.Zero)
                break;
            zeros++;
        }
        if (zeros == maxOff - minOff)
            MarkConst(ref Regs[dstReg], 0);
        else
            MarkUnknown(ref Regs[dstReg]);
    }
}
