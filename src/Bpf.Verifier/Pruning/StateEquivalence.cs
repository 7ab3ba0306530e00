using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Pruning;

/// <summary>
/// states_equal without liveness or precision: a sound (conservative) subsumption check.
/// Every scalar is compared by range_within + tnum_in, every pointer exactly up to id renaming.
/// </summary>
public static class StateEquivalence
{
    public static bool Subsumes(VerifierState old, VerifierState cur, bool exact, ushort liveRegs = 0xffff, ulong liveStack = ulong.MaxValue)
    {
        if (old.CurFrame != cur.CurFrame || old.Speculative != cur.Speculative && !exact && old.Speculative)
            return false;
        if (old.ActiveRcuLock != cur.ActiveRcuLock || old.ActivePreemptLock != cur.ActivePreemptLock)
            return false;
        if (old.Refs.Length != cur.Refs.Length)
            return false;
        var ids = new IdMap();
        for (int i = 0; i < old.Refs.Length; i++)
        {
            if (old.Refs[i].Kind != cur.Refs[i].Kind || !ids.Check(old.Refs[i].Id, cur.Refs[i].Id))
                return false;
        }
        for (int f = 0; f <= old.CurFrame; f++)
        {
            var of = old.Frames[f];
            var cf = cur.Frames[f];
            if (of.CallSite != cf.CallSite)
                return false;
            for (int r = 0; r < FuncState.MaxReg; r++)
            {
                // Dead registers of the innermost frame are not compared (clean_live_states).
                if (!exact && f == old.CurFrame && r < 10 && (liveRegs & (1 << r)) == 0)
                    continue;
                if (!RegSafe(of.Regs[r], cf.Regs[r], ids, exact))
                    return false;
            }
            if (!StackSafe(of, cf, ids, exact, f == old.CurFrame ? liveStack : ulong.MaxValue))
                return false;
        }
        return true;
    }

    private static bool RegSafe(in RegState old, in RegState cur, IdMap ids, bool exact)
    {
        if (exact)
            return Identical(old, cur);
        if (old.Type == RegType.NotInit)
            return true;
        if (cur.Type != old.Type || cur.Flags != old.Flags)
            return false;
        if (old.Type == RegType.Scalar)
            return ScalarBounds.RangeWithin(old.Bounds, cur.Bounds) && Tnum.In(old.Bounds.VarOff, cur.Bounds.VarOff);
        if (old.Off != cur.Off || old.MapIndex != cur.MapIndex || old.BtfId != cur.BtfId || old.FrameNo != cur.FrameNo)
            return false;
        if (old.IsPacketPtr)
        {
            if (old.Aux < 0 || cur.Aux < 0)
            {
                if (old.Aux != cur.Aux)
                    return false;
            }
            else if (cur.Aux < old.Aux)
            {
                return false;
            }
        }
        else if (old.Aux != cur.Aux)
        {
            return false;
        }
        if (!ScalarBounds.RangeWithin(old.Bounds, cur.Bounds) || !Tnum.In(old.Bounds.VarOff, cur.Bounds.VarOff))
            return false;
        return ids.Check(old.Id, cur.Id) && ids.Check(old.RefObjId, cur.RefObjId);
    }

    private static bool Identical(in RegState a, in RegState b) =>
        a.Type == b.Type && a.Flags == b.Flags && a.Off == b.Off && a.MapIndex == b.MapIndex && a.Aux == b.Aux &&
        a.Id == b.Id && a.RefObjId == b.RefObjId && a.FrameNo == b.FrameNo && a.BtfId == b.BtfId &&
        (a.Type == RegType.NotInit || a.Bounds.SameAs(b.Bounds));

    private static bool StackSafe(FuncState old, FuncState cur, IdMap ids, bool exact, ulong live)
    {
        for (int i = 0; i < old.AllocatedStack; i++)
        {
            int spi = i / FuncState.RegSize;
            if (!exact && spi < 64 && (live & (1UL << spi)) == 0)
            {
                i += FuncState.RegSize - 1;
                continue;
            }
            var ot = old.Slots[i];
            if (exact)
            {
                if (i >= cur.AllocatedStack || ot != cur.Slots[i])
                    return false;
                if (ot == SlotType.Spill && i % FuncState.RegSize == FuncState.RegSize - 1 && !Identical(old.Spilled[spi], cur.Spilled[spi]))
                    return false;
                continue;
            }
            // A privileged loader reads invalid or misc bytes as an unknown scalar: anything in cur is fine.
            if (ot is SlotType.Invalid or SlotType.Misc)
                continue;
            if (i >= cur.AllocatedStack)
                return false;
            var oldReg = ScalarForStack(old, spi);
            var curReg = ScalarForStack(cur, spi);
            if (oldReg is { } o && curReg is { } c)
            {
                if (!RegSafe(o, c, ids, false))
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
                    if (!RegSafe(old.Spilled[spi], cur.Spilled[spi], ids, false))
                        return false;
                    break;
                case SlotType.Misc:
                case SlotType.Zero:
                case SlotType.Invalid:
                    break;
                default:
                    return false;
            }
        }
        return true;
    }

    /// <summary>scalar_reg_for_stack: a full 64-bit scalar spill, or an unknown scalar for eight misc bytes.</summary>
    private static RegState? ScalarForStack(FuncState s, int spi)
    {
        if (spi >= s.SlotCount)
            return null;
        int b = spi * FuncState.RegSize;
        if (s.Slots[b] == SlotType.Spill && s.Spilled[spi].Type == RegType.Scalar)
            return s.Spilled[spi];
        for (int j = 0; j < FuncState.RegSize; j++)
        {
            if (s.Slots[b + j] != SlotType.Misc)
                return null;
        }
        return RegState.UnknownScalar;
    }

    /// <summary>check_ids: a consistent one-to-one renaming of ids between old and cur.</summary>
    private sealed class IdMap
    {
        private readonly Dictionary<uint, uint> _fwd = [];
        private readonly Dictionary<uint, uint> _back = [];

        public bool Check(uint oldId, uint curId)
        {
            if (oldId == 0 && curId == 0)
                return true;
            if (oldId == 0 || curId == 0)
                return false;
            if (_fwd.TryGetValue(oldId, out var c))
                return c == curId;
            if (_back.TryGetValue(curId, out var o))
                return o == oldId;
            _fwd[oldId] = curId;
            _back[curId] = oldId;
            return true;
        }
    }
}
