using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;

namespace Bpf.Verifier.Semantics;

/// <summary>check_helper_mem_access: the memory a helper reads or writes through an argument.</summary>
internal sealed partial class Checker
{
    /// <param name="raw">MEM_UNINIT with a known size: the helper fills the bytes, they need not be initialized.</param>
    /// <param name="write">BPF_WRITE access (MEM_WRITE): read-only maps are refused, spilled stack values are clobbered.</param>
    private void CheckHelperMem(int regno, int size, bool raw, bool write, bool zeroSizeAllowed = false)
    {
        _zeroSizeAllowed = zeroSizeAllowed;
        var reg = Regs[regno];
        if (size == 0 && zeroSizeAllowed && reg.Type != RegType.PtrToStack && ZeroSizeFits(reg))
        {
            // check_map_access still refuses a zero-sized range starting inside a special field.
            if (reg.Type == RegType.PtrToMapValue && !reg.IsMaybeNull)
                CheckMapValueFields(regno, reg.Off, 0, direct: false);
            return;
        }
        switch (reg.Type)
        {
            case RegType.PtrToStack:
                CheckHelperStack(regno, reg, size, raw, write);
                return;
            case RegType.PtrToMapValue when !reg.IsMaybeNull:
                {
                    // check_map_access_type: BPF_F_RDONLY_PROG / BPF_F_WRONLY_PROG maps refuse the other direction.
                    var map = _maps[reg.MapIndex];
                    long at = reg.Bounds.SMin + reg.Off;
                    if (write && IsProgReadOnly(map))
                        Fail($"write into map forbidden, value_size={map.ValueSize} off={at} size={size}");
                    if (!write && (map.Flags & MapFlagWronlyProg) != 0)
                        Fail($"read from map forbidden, value_size={map.ValueSize} off={at} size={size}");
                    CheckMemRegion(regno, reg.Off, size, (int)map.ValueSize, "invalid access to map value, value_size");
                    CheckMapValueFields(regno, reg.Off, size, direct: false);
                    return;
                }
            case RegType.PtrToMapKey when !reg.IsMaybeNull:
                if (write)
                    Fail(Messages.CannotWriteInto(regno, TypeStr(reg)), Eacces);
                CheckMemRegion(regno, reg.Off, size, (int)_maps[reg.MapIndex].KeySize, "invalid access to map key, key_size");
                return;
            case RegType.PtrToPacket:
            case RegType.PtrToPacketMeta:
                if (write)
                    Unsupported("helper writing into packet memory");
                CheckPacketAccess(regno, reg.Off, size);
                return;
            case RegType.PtrToMem when !reg.IsMaybeNull:
                CheckMemRegion(regno, reg.Off, size, reg.Aux, "invalid access to memory, mem_size");
                return;
            case RegType.PtrToBuf when !reg.IsMaybeNull:
                CheckHelperBufMem(regno, reg, size, write);
                return;
            case RegType.PtrToBtfId when reg.Flags == RegFlags.PtrTrusted:
                CheckBtfIdAccess(regno, reg.Off, size, false, -1);
                return;
            default:
                // Reached by a NULL (scalar) memory argument with a non-zero size.
                if (reg.Type == RegType.Scalar || reg.Type == RegType.PtrToCtx || reg.Type == RegType.ConstPtrToMap || reg.IsMaybeNull)
                    Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), "fp"));
                Unsupported($"helper memory argument of type {TypeStr(reg)}");
                return;
        }
    }

    private bool _zeroSizeAllowed;

    /// <summary>__check_mem_access with size 0 allowed: the offset range only has to stay within [0, size].</summary>
    private bool ZeroSizeFits(in RegState reg)
    {
        long memSize = reg.Type switch
        {
            RegType.PtrToMapValue when !reg.IsMaybeNull => _maps[reg.MapIndex].ValueSize,
            RegType.PtrToMapKey when !reg.IsMaybeNull => _maps[reg.MapIndex].KeySize,
            RegType.PtrToMem when !reg.IsMaybeNull => reg.Aux,
            RegType.PtrToPacket or RegType.PtrToPacketMeta => reg.Aux,
            _ => -1,
        };
        if (memSize < 0 || reg.Bounds.UMax >= MaxVarOff)
            return false;
        return reg.Bounds.SMin + reg.Off >= 0 && (long)reg.Bounds.UMax + reg.Off <= memSize;
    }

    /// <summary>
    /// check_stack_range_initialized at a variable offset (root: bypass_spec_v1). Raw mode is dropped: no per-byte
    /// writes follow the call, so every byte the range may cover must be readable: initialized, or (root) uninitialized
    /// (allow_uninit_stack) or any spill (allow_ptr_leaks). A writing helper clobbers them into unknown bytes.
    /// </summary>
    private void CheckHelperStackVarOff(int regno, in RegState reg, FuncState state, int size, bool write)
    {
        long lo = reg.Bounds.SMin + reg.Off, hi = reg.Bounds.SMax + reg.Off + size;
        MarkStackRead(state.FrameNo, SlotsOfRange(lo, hi));
        for (long b = lo; b < hi; b++)
        {
            int slot = (int)(-b - 1), spi = slot / FuncState.RegSize;
            var t = state.Slots[slot];
            if (t == SlotType.Misc)
                continue;
            if (t is SlotType.Zero or SlotType.Invalid)
            {
                if (write)
                    state.WritableSlots[slot] = SlotType.Misc;
                continue;
            }
            if (state.IsSpilledReg(spi))
            {
                if (write)
                    ScrubSpecialSlot(state, spi);
                continue;
            }
            Fail($"invalid read from stack R{regno} var_off {ScalarText.TnumText(reg.Bounds.VarOff)}+{b - lo} size {size}");
        }
    }

    /// <summary>check_stack_range_initialized for a helper's stack memory.</summary>
    private void CheckHelperStack(int regno, in RegState reg, int size, bool raw, bool write)
    {
        if (size == 0 && !_zeroSizeAllowed)
            Fail("invalid zero-sized read");
        CheckStackAccessWithinBounds(regno, reg.Off, size, write ? " write to" : " read from", write);
        var state = FrameOf(reg);
        if (!reg.Bounds.IsConst)
        {
            CheckHelperStackVarOff(regno, reg, state, size, write);
            return;
        }
        int off = reg.Off + (int)reg.Bounds.ConstValue;
        if (raw)
        {
            CheckNoDynptrInRawWrite(state, off, size);
            // The kernel writes the bytes with check_mem_access, which enforces the bpf_fastcall stack contract.
            FastcallStackContract(regno, reg.Off);
        }
        if (!raw)
            MarkStackRead(state.FrameNo, SlotsOfRange(off, off + size));
        for (int i = 0; i < size; i++)
        {
            int slot = -(off + i) - 1;
            int spi = slot / FuncState.RegSize;
            var t = state.Slots[slot];
            if (raw)
            {
                // The helper may write anything: spilled state is lost.
                if (t == SlotType.Spill || IsSpecialSlot(state, spi))
                    ScrubSpecialSlot(state, spi);
                state.WritableSlots[slot] = SlotType.Misc;
                // The kernel performs these writes with check_mem_access after the call: the slots are scratched.
                _scratch.MarkSlot(spi);
                continue;
            }
            if (!(t is SlotType.Misc or SlotType.Zero or SlotType.Invalid or SlotType.Spill))
                Fail(Messages.IndirectStackRead("", regno, off, i, size));
            if (write && t is SlotType.Spill or SlotType.Zero or SlotType.Invalid)
            {
                // clobber: a helper writing initialized memory turns spills, zeroes and (as root, allow_uninit_stack)
                // uninitialized bytes into unknown bytes.
                if (t == SlotType.Spill)
                    ScrubSpecialSlot(state, spi);
                state.WritableSlots[slot] = SlotType.Misc;
            }
        }
    }
}
