using Bpf.Isa;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;

namespace Bpf.Verifier.Semantics;

/// <summary>check_cond_jmp_op: branch prediction, refinement, null checks, packet ranges.</summary>
internal sealed partial class Checker
{
    private void CheckCondJmp(Instruction insn)
    {
        byte op = Opcode.Op(insn.Code);
        if (op > Opcode.Jsle)
            Fail($"invalid BPF_JMP/JMP32 opcode {op:x}", -22);
        CheckRegArg(insn.Dst, RegUse.Src);
        bool srcX = Opcode.Src(insn.Code) == Opcode.X;
        RegState src;
        if (srcX)
        {
            if (insn.Imm != 0)
                Fail(Messages.JmpReservedFields, -22);
            CheckRegArg(insn.Src, RegUse.Src);
            src = Regs[insn.Src];
        }
        else
        {
            if (insn.Src != 0)
                Fail(Messages.JmpReservedFields, -22);
            src = RegState.ConstScalar((ulong)(long)insn.Imm);
        }
        bool is32 = insn.Class == Opcode.Jmp32;
        var dst = Regs[insn.Dst];
        // A stack pointer compared here is not a scalar backtracking should follow.
        var hflags = HistFlags.None;
        if (srcX && src.Type == RegType.PtrToStack)
            hflags |= HistFlags.SrcRegStack;
        if (dst.Type == RegType.PtrToStack)
            hflags |= HistFlags.DstRegStack;
        if (hflags != HistFlags.None)
            PushHistory(hflags, 0, 0, 0);
        int pred = IsBranchTaken(dst, src, op, is32);
        if (pred >= 0)
        {
            // The decision relies on the operands' values: they must be precise.
            if (dst.Type == RegType.Scalar)
                MarkChainPrecision(insn.Dst);
            if (srcX && src.Type == RegType.Scalar)
                MarkChainPrecision(insn.Src);
        }
        if (pred == 1)
        {
            if (_log.Level1)
                PrintInsnState();
            _insnIdx += insn.Offset;
            return;
        }
        if (pred == 0)
        {
            if (_log.Level1)
                PrintInsnState();
            return;
        }
        // Scalars linked by id learn from this branch: record them so backtracking links their precision too.
        ulong linked = 0;
        if (srcX && src.Type == RegType.Scalar && src.Id != 0)
            linked = CollectLinkedRegs(_cur, src.Id, linked);
        if (dst.Type == RegType.Scalar && dst.Id != 0)
            linked = CollectLinkedRegs(_cur, dst.Id, linked);
        if ((linked & 0xf) > 1)
            PushHistory(HistFlags.None, 0, 0, linked);
        var other = PushStack(_insnIdx + insn.Offset + 1, _insnIdx, false);
        var otherRegs = other.Regs;
        if (dst.Type == RegType.Scalar && src.Type == RegType.Scalar)
        {
            // reg_set_min_max(true_reg1, true_reg2, false_reg1, false_reg2): taken branch is other,
            // fall-through is this. "rX op rX" refines the register against itself; a K operand
            // uses two separate copies of the constant.
            string? bug;
            if (!srcX)
            {
                var k1 = src.Bounds;
                var k2 = src.Bounds;
                bug = ScalarOps.SetMinMax(ref otherRegs[insn.Dst].Bounds, ref k1, ref Regs[insn.Dst].Bounds, ref k2, op, is32);
            }
            else if (insn.Dst == insn.Src)
            {
                ref var t = ref otherRegs[insn.Dst].Bounds;
                ref var f = ref Regs[insn.Dst].Bounds;
                bug = ScalarOps.SetMinMax(ref t, ref t, ref f, ref f, op, is32);
            }
            else
            {
                bug = ScalarOps.SetMinMax(
                    ref otherRegs[insn.Dst].Bounds, ref otherRegs[insn.Src].Bounds,
                    ref Regs[insn.Dst].Bounds, ref Regs[insn.Src].Bounds, op, is32);
            }
            if (bug != null)
                _log.WriteLine(bug);
            // sync_linked_regs: copies of a scalar (same id) learn the same bounds; 6.18 links only
            // the registers live before the jump (frame_insn_idx per frame) and all spilled copies.
            if (srcX && Regs[insn.Src].Id != 0)
            {
                SyncLinkedRegs(_cur, Regs[insn.Src], _insnIdx);
                SyncLinkedRegs(other, otherRegs[insn.Src], _insnIdx);
            }
            if (Regs[insn.Dst].Id != 0)
            {
                SyncLinkedRegs(_cur, Regs[insn.Dst], _insnIdx);
                SyncLinkedRegs(other, otherRegs[insn.Dst], _insnIdx);
            }
        }
        if (!is32 && srcX && op is Opcode.Jeq or Opcode.Jne)
            LiftNullnessOnEquality(insn, op, other);
        bool srcZero = src.Type == RegType.Scalar && src.IsConst && src.ConstValue == 0;
        if (!is32 && (op == Opcode.Jeq || op == Opcode.Jne) && dst.IsMaybeNull && srcZero)
        {
            MarkPtrOrNullRegs(_cur, dst.Id, isNull: op == Opcode.Jne, thisBranch: true);
            MarkPtrOrNullRegs(other, dst.Id, isNull: op == Opcode.Jeq, thisBranch: false);
        }
        else if (!is32 && srcX && dst.IsPointer && src.IsPointer)
        {
            TryMatchPktPointers(insn, op, dst, src, other);
        }
        if (_log.Level1)
            PrintInsnState();
    }

    private void SyncLinkedRegs(VerifierState st, RegState known, int insnIdx)
    {
        uint baseId = known.Id & ~ScalarOps.IdAddConst;
        for (int f = st.CurFrame; f >= 0; f--)
        {
            var fr = st.Frames[f];
            int at = f == st.CurFrame ? insnIdx : st.Frames[f + 1].CallSite;
            int live = _aux[at].LiveRegsBefore;
            for (int i = 0; i < FuncState.MaxReg - 1; i++)
            {
                if ((live & (1 << i)) != 0)
                    SyncLinked(ref fr.Regs[i], known, baseId);
            }
            for (int s = 0; s < fr.SlotCount; s++)
            {
                if (fr.IsSpilledReg(s))
                {
                    var spilledReg = fr.Spilled[s];
                    SyncLinked(ref spilledReg, known, baseId);
                    fr.SetSpilled(s, spilledReg);
                }
            }
        }
    }

    /// <summary>
    /// One register of sync_linked_regs: a plain copy (same delta) learns known's state; a register
    /// at another constant delta learns known + (its off - known's off). Mixed 32/64-bit links are skipped.
    /// </summary>
    private static void SyncLinked(ref RegState r, in RegState known, uint baseId)
    {
        if (r.Type != RegType.Scalar || (r.Id & ~ScalarOps.IdAddConst) != baseId)
            return;
        if (((r.Id ^ known.Id) & ScalarOps.IdAddConst) == ScalarOps.IdAddConst)
            return;
        int subreg = r.SubregDef;
        if (((r.Id | known.Id) & ScalarOps.IdAddConst) == 0 || r.Off == known.Off)
        {
            r = known;
            r.SubregDef = subreg;
            return;
        }
        int off = r.Off;
        uint id = r.Id;
        bool zext = ((r.Id | known.Id) & ScalarOps.IdAddConst32) != 0;
        r = known;
        r.Off = off;
        r.Id = id;
        r.SubregDef = subreg;
        ScalarOps.AddLinkDelta(ref r.Bounds, (long)off - known.Off, zext);
    }

    /// <summary>
    /// Two pointers compared for equality, one maybe NULL and the other not: where they are equal the first is
    /// not NULL either (only that register; BTF pointers are excluded as they may be NULL unmarked).
    /// </summary>
    private void LiftNullnessOnEquality(Instruction insn, byte op, VerifierState other)
    {
        var d = Regs[insn.Dst];
        var s = Regs[insn.Src];
        if (d.Type == RegType.Scalar || s.Type == RegType.Scalar || d.IsMaybeNull == s.IsMaybeNull
            || d.Type == RegType.PtrToBtfId || s.Type == RegType.PtrToBtfId)
            return;
        var eqRegs = op == Opcode.Jeq ? other.Regs : Regs;
        MarkPtrNotNullReg(ref eqRegs[s.IsMaybeNull ? insn.Src : insn.Dst]);
    }

    /// <summary>
    /// mark_ptr_not_null_reg: the type without MAYBE_NULL; a map-in-map's "value" is the inner map (its template), a
    /// socket map's is the socket.
    /// </summary>
    private void MarkPtrNotNullReg(ref RegState r)
    {
        r.Flags &= ~RegFlags.MaybeNull;
        if (r.Type == RegType.PtrToMapValue && r.MapIndex >= 0 && _maps[r.MapIndex] is { Type: 12 or 13, InnerMap: not null })
        {
            r.Type = RegType.ConstPtrToMap;
            r.MapIndex = InnerMapIndex(r.MapIndex);
        }
        else if (r.Type == RegType.PtrToMapValue && r.MapIndex >= 0 && _maps[r.MapIndex].Type is SockmapType or SockhashType or XskmapType)
        {
            // The kernel keeps reg->map_ptr: such a socket is not exact-equal to one from bpf_sk_lookup_*.
            r.Type = _maps[r.MapIndex].Type == XskmapType ? RegType.PtrToXdpSock : RegType.PtrToSocket;
        }
    }

    /// <summary>mark_ptr_or_null_regs for one branch. For the fall-through branch isNull is "op == JNE".</summary>
    private void MarkPtrOrNullRegs(VerifierState st, uint id, bool isNull, bool thisBranch)
    {
        _ = thisBranch;
        if (id == 0)
            return;
        var arg = (Checker: this, Id: id, IsNull: isNull, RefId: 0u);
        ForEachReg(st, ref arg, static (ref RegState r, ref (Checker Checker, uint Id, bool IsNull, uint RefId) a) =>
        {
            if (!r.IsMaybeNull || r.Id != a.Id)
                return;
            // Only a NULL check of the acquired pointer itself drops its reference (a derived pointer, such as
            // sk_fullsock's result, shares the ref_obj_id but has its own id).
            if (r.RefObjId != 0 && r.RefObjId == a.Id)
                a.RefId = r.RefObjId;
            if (a.IsNull)
            {
                var frame = r.FrameNo;
                r = RegState.ConstScalar(0);
                r.FrameNo = frame;
                return;
            }
            a.Checker.MarkPtrNotNullReg(ref r);
            // A map value holding a lock keeps its id: bpf_spin_lock/unlock pair by it.
            if (!a.Checker.MayPointToSpinLock(r))
                r.Id = 0;
        });
        if (isNull && arg.RefId != 0)
            st.RemoveRef(arg.RefId);
    }

    private int IsBranchTaken(in RegState a, in RegState b, byte op, bool is32)
    {
        if ((a.IsPacketPtr || a.Type == RegType.PtrToPacketEnd) && (b.IsPacketPtr || b.Type == RegType.PtrToPacketEnd) && !is32)
            return IsPktPtrBranchTaken(a, b, op);
        if ((a.IsPacketPtr || a.Type == RegType.PtrToPacketEnd) && (b.IsPacketPtr || b.Type == RegType.PtrToPacketEnd))
            return -1;
        if (a.IsPointer || b.IsPointer)
        {
            RegState p = a, s = b;
            if (!(s.Type == RegType.Scalar && s.Bounds.IsConstOf(is32)))
            {
                p = b;
                s = a;
            }
            if (!(s.Type == RegType.Scalar && s.Bounds.IsConstOf(is32)))
                return -1;
            if (!RegNotNull(p))
                return -1;
            if (s.Bounds.ConstValueOf(is32) != 0)
                return -1;
            return op switch
            {
                Opcode.Jeq => 0,
                Opcode.Jne => 1,
                _ => -1,
            };
        }
        return ScalarOps.BranchTaken(a.Bounds, b.Bounds, op, is32);
    }

    private static bool RegNotNull(in RegState r)
    {
        if (r.IsMaybeNull)
            return false;
        return r.Type is RegType.PtrToSocket or RegType.PtrToTcpSock or RegType.PtrToMapValue or RegType.PtrToMapKey
            or RegType.PtrToSockCommon or RegType.ConstPtrToMap
            || (r.Type == RegType.PtrToMem && (r.Flags & RegFlags.PtrUntrusted) == 0)
            || (r.Type == RegType.PtrToBtfId && IsTrustedReg(r));
    }

    private const int AtPktEnd = -1;
    private const int BeyondPktEnd = -2;

    /// <summary>try_match_pkt_pointers for pkt vs pkt_end comparisons (pkt_meta is not modelled).</summary>
    private void TryMatchPktPointers(Instruction insn, byte op, in RegState dst, in RegState src, VerifierState other)
    {
        // pkt' vs pkt_end, or pkt_meta' vs the unmodified pkt (which ends the meta area).
        bool dstPkt = (dst.Type == RegType.PtrToPacket && src.Type == RegType.PtrToPacketEnd) ||
            (dst.Type == RegType.PtrToPacketMeta && IsInitPktPointer(src, RegType.PtrToPacket));
        bool dstEnd = (dst.Type == RegType.PtrToPacketEnd && src.Type == RegType.PtrToPacket) ||
            (IsInitPktPointer(dst, RegType.PtrToPacket) && src.Type == RegType.PtrToPacketMeta);
        if (!dstPkt && !dstEnd)
            return;
        var pkt = dstPkt ? dst : src;
        int pktReg = dstPkt ? insn.Dst : insn.Src;
        switch (op)
        {
            case Opcode.Jgt:
                if (dstPkt)
                {
                    FindGoodPktPointers(_cur, pkt, false);
                    MarkPktEnd(other, pktReg, true);
                }
                else
                {
                    FindGoodPktPointers(other, pkt, true);
                    MarkPktEnd(_cur, pktReg, false);
                }
                break;
            case Opcode.Jlt:
                if (dstPkt)
                {
                    FindGoodPktPointers(other, pkt, true);
                    MarkPktEnd(_cur, pktReg, false);
                }
                else
                {
                    FindGoodPktPointers(_cur, pkt, false);
                    MarkPktEnd(other, pktReg, true);
                }
                break;
            case Opcode.Jge:
                if (dstPkt)
                {
                    FindGoodPktPointers(_cur, pkt, true);
                    MarkPktEnd(other, pktReg, false);
                }
                else
                {
                    FindGoodPktPointers(other, pkt, false);
                    MarkPktEnd(_cur, pktReg, true);
                }
                break;
            case Opcode.Jle:
                if (dstPkt)
                {
                    FindGoodPktPointers(other, pkt, false);
                    MarkPktEnd(_cur, pktReg, true);
                }
                else
                {
                    FindGoodPktPointers(_cur, pkt, true);
                    MarkPktEnd(other, pktReg, false);
                }
                break;
        }
    }

    private static bool IsInitPktPointer(in RegState r, RegType t) =>
        r.Type == t && r.Id == 0 && r.Off == 0 && r.Bounds.VarOff.IsConst && r.Bounds.VarOff.Value == 0;

    /// <summary>mark_pkt_end: the branch where the packet pointer is at or beyond pkt_end.</summary>
    private static void MarkPktEnd(VerifierState st, int regno, bool rangeOpen)
    {
        ref var reg = ref st.Regs[regno];
        if (reg.Type != RegType.PtrToPacket)
            return;
        reg.Aux = rangeOpen ? BeyondPktEnd : AtPktEnd;
    }

    /// <summary>is_pkt_ptr_branch_taken: decided only by the pkt_end marks.</summary>
    private static int IsPktPtrBranchTaken(in RegState dst, in RegState src, byte op)
    {
        RegState pkt;
        if (src.Type == RegType.PtrToPacketEnd)
        {
            pkt = dst;
        }
        else if (dst.Type == RegType.PtrToPacketEnd)
        {
            pkt = src;
            op = Semantics.Scalar.ScalarBranch.Flip(op);
        }
        else
        {
            return -1;
        }
        if (pkt.Aux >= 0)
            return -1;
        switch (op)
        {
            case Opcode.Jle:
            case Opcode.Jgt:
                if (pkt.Aux == BeyondPktEnd)
                    return op == Opcode.Jgt ? 1 : 0;
                break;
            case Opcode.Jlt:
            case Opcode.Jge:
                if (pkt.Aux is BeyondPktEnd or AtPktEnd)
                    return op == Opcode.Jge ? 1 : 0;
                break;
        }
        return -1;
    }

    private static void FindGoodPktPointers(VerifierState st, RegState dst, bool rightOpen)
    {
        const int MaxPacketOff = 0xffff;
        if (dst.Off < 0 || (dst.Off == 0 && rightOpen))
            return;
        if (dst.Bounds.UMax > MaxPacketOff || dst.Bounds.UMax + (ulong)dst.Off > MaxPacketOff)
            return;
        int newRange = dst.Off + (rightOpen ? 1 : 0);
        var arg = (Type: dst.Type, Id: dst.Id, Range: newRange);
        ForEachReg(st, ref arg, static (ref RegState r, ref (RegType Type, uint Id, int Range) a) =>
        {
            if (r.Type == a.Type && r.Id == a.Id && r.Aux < a.Range)
                r.Aux = a.Range;
        });
    }
}
