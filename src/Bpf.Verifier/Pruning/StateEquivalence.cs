using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Pruning;

/// <summary>How strictly states_equal compares (enum exact_level).</summary>
public enum ExactLevel
{
    /// <summary>Normal pruning: imprecise old scalars match anything.</summary>
    NotExact,
    /// <summary>Every scalar is compared by range, precise or not (states inside unfinished loops).</summary>
    RangeWithin,
    /// <summary>Identical up to id renaming (infinite loop detection).</summary>
    Exact,
}

/// <summary>
/// states_equal as 6.18 does it: registers live at each frame's instruction, precise scalars by range_within +
/// tnum_in, scalar and pointer ids by a consistent renaming (check_ids/check_scalar_ids, incl. BPF_ADD_CONST
/// links), stack slots by spill/misc/zero compatibility, references and locks.
/// </summary>
public sealed class StateEquivalence
{
    /// <summary>Id bit of a register linked to another at a constant delta (BPF_ADD_CONST, both widths).</summary>
    public uint AddConstMask = 0xC000_0000;

    private readonly IdMap _ids = new();

    /// <summary>explore_alu_limits: scalars must be identical (speculative ALU sanitation is in play).</summary>
    public bool ExploreAluLimits;

    public bool Equal(VerifierState old, VerifierState cur, ExactLevel exact, Func<int, ushort> liveRegsAt)
    {
        if (old.CurFrame != cur.CurFrame)
            return false;
        _ids.Reset();
        if (old.Speculative && !cur.Speculative)
            return false;
        if (old.InSleepable != cur.InSleepable)
            return false;
        if (!RefSafe(old, cur))
            return false;
        for (int f = 0; f <= old.CurFrame; f++)
        {
            var of = old.Frames[f];
            var cf = cur.Frames[f];
            if (of.CallSite != cf.CallSite)
                return false;
            // func_states_equal: an old state that had queued more bpf_loop visits does not cover this one.
            if (of.CallbackDepth > cf.CallbackDepth)
                return false;
            int at = f == old.CurFrame ? old.InsnIdx : old.Frames[f + 1].CallSite;
            ushort live = liveRegsAt(at);
            for (int r = 0; r < FuncState.MaxReg; r++)
            {
                if (r < 10 && (live & (1 << r)) == 0)
                    continue;
                if (!RegSafe(of.Regs[r], cf.Regs[r], exact))
                    return false;
            }
            if (!StackSafe(of, cf, exact))
                return false;
        }
        return true;
    }

    private bool RefSafe(VerifierState old, VerifierState cur)
    {
        if (old.ActiveRcuLock != cur.ActiveRcuLock || old.ActivePreemptLock != cur.ActivePreemptLock)
            return false;
        if (old.Refs.Length != cur.Refs.Length)
            return false;
        for (int i = 0; i < old.Refs.Length; i++)
        {
            if (old.Refs[i].Kind != cur.Refs[i].Kind || !_ids.Check(old.Refs[i].Id, cur.Refs[i].Id))
                return false;
            // A held lock must also be in the same owner (the kernel's refs[i].ptr).
            if (old.Refs[i].LockMap != cur.Refs[i].LockMap)
                return false;
        }
        return true;
    }

    private bool RegSafe(in RegState old, in RegState cur, ExactLevel exact)
    {
        if (exact == ExactLevel.Exact)
            return RegsExact(old, cur);
        if (old.Type == RegType.NotInit && (exact == ExactLevel.NotExact || cur.Type == RegType.NotInit))
            return true;
        if (cur.Type != old.Type || cur.Flags != old.Flags)
            return false;
        switch (old.Type)
        {
            case RegType.Scalar:
                if (ExploreAluLimits)
                    return old.Bounds.SameAs(cur.Bounds) && old.Off == cur.Off && CheckScalarIds(old.Id, cur.Id);
                if (!old.Precise && exact == ExactLevel.NotExact)
                    return true;
                {
                    // An independent old scalar (id 0) only needs the range; linked ones keep their linking kind.
                    bool oldAdd = (old.Id & AddConstMask) != 0, curAdd = (cur.Id & AddConstMask) != 0;
                    if (oldAdd && !curAdd)
                        return false;
                    if (old.Id != 0 && !oldAdd && curAdd)
                        return false;
                    if (oldAdd && old.Off != cur.Off)
                        return false;
                    return CheckScalarIds(old.Id, cur.Id) && InRange(old, cur);
                }
            case RegType.PtrToMapKey:
            case RegType.PtrToMapValue:
            case RegType.PtrToMem:
            case RegType.PtrToBuf:
            case RegType.PtrToTpBuffer:
                return SameFixedPart(old, cur) && InRange(old, cur) &&
                    _ids.Check(old.Id, cur.Id) && _ids.Check(old.RefObjId, cur.RefObjId);
            case RegType.PtrToPacketMeta:
            case RegType.PtrToPacket:
                if (old.Aux < 0 || cur.Aux < 0)
                {
                    if (old.Aux != cur.Aux)
                        return false;
                }
                else if (old.Aux > cur.Aux)
                {
                    return false;
                }
                if (old.Off != cur.Off || !_ids.Check(old.Id, cur.Id))
                    return false;
                return InRange(old, cur);
            case RegType.PtrToStack:
                return RegsExact(old, cur) && old.FrameNo == cur.FrameNo;
            case RegType.PtrToArena:
                return true;
            default:
                return RegsExact(old, cur);
        }
    }

    private static bool InRange(in RegState old, in RegState cur) =>
        ScalarBounds.RangeWithin(old.Bounds, cur.Bounds) && Tnum.In(old.Bounds.VarOff, cur.Bounds.VarOff);

    /// <summary>The part of bpf_reg_state before var_off: type, offset, map/btf identity, size/range.</summary>
    private static bool SameFixedPart(in RegState a, in RegState b) =>
        a.Off == b.Off && a.MapIndex == b.MapIndex && a.BtfId == b.BtfId && a.Aux == b.Aux && a.DynptrId == b.DynptrId;

    /// <summary>regs_exact: everything up to the ids equal, ids by renaming.</summary>
    private bool RegsExact(in RegState a, in RegState b)
    {
        if (a.Type != b.Type || a.Flags != b.Flags || a.Off != b.Off || a.MapIndex != b.MapIndex || a.Aux != b.Aux ||
            a.FrameNo != b.FrameNo || a.BtfId != b.BtfId || a.DynptrId != b.DynptrId)
            return false;
        if (a.Type != RegType.NotInit && !a.Bounds.SameAs(b.Bounds))
            return false;
        return _ids.Check(a.Id, b.Id) && _ids.Check(a.RefObjId, b.RefObjId);
    }

    /// <summary>check_scalar_ids: an id-less scalar gets a fresh temporary id so it cannot alias a linked one.</summary>
    private bool CheckScalarIds(uint oldId, uint curId)
    {
        if (oldId == 0)
            return true;
        if (curId == 0)
            curId = _ids.TempId();
        return _ids.Check(oldId, curId);
    }

    /// <summary>
    /// stacksafe: dead slots need no care here, a cleaned checkpoint has them invalid (see Liveness/). Outside
    /// normal pruning the slot types must match byte for byte.
    /// </summary>
    private bool StackSafe(FuncState old, FuncState cur, ExactLevel exact)
    {
        for (int i = 0; i < old.AllocatedStack; i++)
        {
            int spi = i / FuncState.RegSize;
            var ot = old.Slots[i];
            if (exact != ExactLevel.NotExact && (i >= cur.AllocatedStack || ot != cur.Slots[i]))
                return false;
            // A privileged loader reads invalid or misc bytes as an unknown scalar: anything in cur is fine.
            if (ot is SlotType.Invalid or SlotType.Misc)
                continue;
            if (i >= cur.AllocatedStack)
                return false;
            var oldReg = ScalarForStack(old, spi);
            var curReg = ScalarForStack(cur, spi);
            if (oldReg is { } o && curReg is { } c)
            {
                if (!RegSafe(o, c, exact))
                    return false;
                i += FuncState.RegSize - 1;
                continue;
            }
            if (ot != cur.Slots[i])
                return false;
            if (i % FuncState.RegSize != FuncState.RegSize - 1)
                continue;
            switch (old.Slots[spi * FuncState.RegSize + FuncState.RegSize - 1])
            {
                case SlotType.Spill:
                    if (!RegSafe(old.Spilled[spi], cur.Spilled[spi], exact))
                        return false;
                    break;
                case SlotType.Misc:
                case SlotType.Zero:
                case SlotType.Invalid:
                    break;
                case SlotType.Dynptr:
                    // Same kind and slot position; ring buffer dynptrs must hold corresponding references.
                    if (Dynptrs.Kind(old.Spilled[spi]) != Dynptrs.Kind(cur.Spilled[spi]) ||
                        Dynptrs.IsFirstSlot(old.Spilled[spi]) != Dynptrs.IsFirstSlot(cur.Spilled[spi]) ||
                        !_ids.Check(old.Spilled[spi].RefObjId, cur.Spilled[spi].RefObjId))
                        return false;
                    break;
                case SlotType.Iter:
                    // Same iterator type, flags and state holding corresponding references; the depth is ignored.
                    if (old.Spilled[spi].Flags != cur.Spilled[spi].Flags || old.Spilled[spi].BtfId != cur.Spilled[spi].BtfId ||
                        old.Spilled[spi].IterState != cur.Spilled[spi].IterState ||
                        !_ids.Check(old.Spilled[spi].RefObjId, cur.Spilled[spi].RefObjId))
                        return false;
                    break;
                case SlotType.IrqFlag:
                    // Corresponding IRQ references saved by the same kfunc class (irq.kfunc_class, kept in Aux).
                    if (old.Spilled[spi].Aux != cur.Spilled[spi].Aux ||
                        !_ids.Check(old.Spilled[spi].RefObjId, cur.Spilled[spi].RefObjId))
                        return false;
                    break;
                default:
                    return false;
            }
        }
        return true;
    }

    /// <summary>scalar_reg_for_stack: a full 64-bit scalar spill, or an unknown scalar for eight misc/invalid bytes.</summary>
    private static RegState? ScalarForStack(FuncState s, int spi)
    {
        if (spi >= s.SlotCount)
            return null;
        int b = spi * FuncState.RegSize;
        if (s.Slots[b] == SlotType.Spill && s.Spilled[spi].Type == RegType.Scalar)
            return s.Spilled[spi];
        for (int j = 0; j < FuncState.RegSize; j++)
        {
            if (s.Slots[b + j] is not (SlotType.Misc or SlotType.Invalid))
                return null;
        }
        return RegState.UnknownScalar;
    }

    /// <summary>check_ids: a consistent one-to-one renaming of ids between old and cur (bpf_idmap).</summary>
    private sealed class IdMap
    {
        private (uint Old, uint Cur)[] _map = new (uint, uint)[64];
        private int _n;
        private uint _tmp;

        public void Reset()
        {
            _n = 0;
            _tmp = 0x2000_0000;
        }

        public uint TempId() => ++_tmp;

        public bool Check(uint oldId, uint curId)
        {
            if ((oldId == 0) != (curId == 0))
                return false;
            if (oldId == 0)
                return true;
            for (int i = 0; i < _n; i++)
            {
                if (_map[i].Old == oldId)
                    return _map[i].Cur == curId;
                if (_map[i].Cur == curId)
                    return false;
            }
            if (_n == _map.Length)
                Array.Resize(ref _map, _n * 2);
            _map[_n++] = (oldId, curId);
            return true;
        }
    }
}
