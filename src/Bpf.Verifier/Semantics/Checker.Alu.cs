using Bpf.Isa;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;

namespace Bpf.Verifier.Semantics;

/// <summary>check_alu_op, adjust_reg_min_max_vals, adjust_ptr_min_max_vals.</summary>
internal sealed partial class Checker
{
    private const long MaxVarOff = 1 << 29;

    private static readonly string[] AluNames =
        ["+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=", "neg", "%=", "^=", "=", "s>>=", "endian"];

    /// <summary>check_alu_op: the operation, then reg_bounds_sanity_check(dst, "alu").</summary>
    private void CheckAlu(Instruction insn)
    {
        CheckAluOp(insn);
        SanityCheck(ref Regs[insn.Dst], "alu");
    }

    /// <summary>
    /// reg_bounds_sanity_check for a scalar: a broken register is reported
    /// ("verifier bug: REG INVARIANTS VIOLATION (ctx): ...") and its bounds are forgotten.
    /// </summary>
    private void SanityCheck(ref RegState reg, string ctx)
    {
        if (reg.Type != RegType.Scalar)
            return;
        string? bug = ScalarOps.SanityCheck(ref reg.Bounds, ctx);
        if (bug != null)
            _log.WriteLine(bug);
    }

    private void CheckAluOp(Instruction insn)
    {
        byte op = Opcode.Op(insn.Code);
        bool is64 = insn.Class == Opcode.Alu64;
        bool srcX = Opcode.Src(insn.Code) == Opcode.X;
        if (op == Opcode.End || op == Opcode.Neg)
        {
            if (op == Opcode.Neg)
            {
                if (srcX || insn.Src != 0 || insn.Offset != 0 || insn.Imm != 0)
                    Fail(Messages.NegReservedFields, -22);
            }
            else if (insn.Src != 0 || insn.Offset != 0 || insn.Imm is not (16 or 32 or 64) || (is64 && srcX))
            {
                Fail(Messages.EndReservedFields, -22);
            }
            CheckRegArg(insn.Dst, RegUse.Src);
            CheckRegArg(insn.Dst, RegUse.DstNoMark);
            ref var d = ref Regs[insn.Dst];
            if (d.Type != RegType.Scalar)
            {
                MarkUnknown(ref d);
                return;
            }
            d.Id = 0;
            d.Off = 0;
            var nb = d.Bounds;
            if (op == Opcode.Neg)
                ScalarOps.Neg(ref nb, is64);
            else
                ScalarOps.ByteSwap(ref nb, insn.Code, insn.Imm);
            d.Bounds = nb;
            return;
        }
        if (op == Opcode.Mov)
        {
            CheckMov(insn, is64, srcX);
            return;
        }
        if (op > Opcode.End)
            Fail(Messages.InvalidAluOpcode(op), -22);
        if (srcX)
        {
            if (insn.Imm != 0 || (insn.Offset != 0 && insn.Offset != 1) || (insn.Offset == 1 && op != Opcode.Mod && op != Opcode.Div))
                Fail(Messages.AluReservedFields, -22);
            CheckRegArg(insn.Src, RegUse.Src);
        }
        else if (insn.Src != 0 || (insn.Offset != 0 && insn.Offset != 1) || (insn.Offset == 1 && op != Opcode.Mod && op != Opcode.Div))
        {
            Fail(Messages.AluReservedFields, -22);
        }
        CheckRegArg(insn.Dst, RegUse.Src);
        if ((op == Opcode.Mod || op == Opcode.Div) && !srcX && insn.Imm == 0)
            Fail(Messages.DivByZero, -22);
        if ((op == Opcode.Lsh || op == Opcode.Rsh || op == Opcode.Arsh) && !srcX)
        {
            int size = is64 ? 64 : 32;
            if (insn.Imm < 0 || insn.Imm >= size)
                Fail(Messages.InvalidShift(insn.Imm), -22);
        }
        CheckRegArg(insn.Dst, RegUse.DstNoMark);
        AdjustRegMinMax(insn, op, is64, srcX);
    }

    private void CheckMov(Instruction insn, bool is64, bool srcX)
    {
        if (srcX)
        {
            bool okOff = is64 ? insn.Offset is 0 or 8 or 16 or 32 : insn.Offset is 0 or 8 or 16;
            if (is64 && insn.Offset == AddrSpaceCastOff)
            {
                CheckAddrSpaceCast(insn);
                return;
            }
            if (!okOff || insn.Imm != 0)
                Fail(Messages.MovReservedFields, -22);
            CheckRegArg(insn.Src, RegUse.Src);
        }
        else if (insn.Src != 0 || insn.Offset != 0)
        {
            Fail(Messages.MovReservedFields, -22);
        }
        CheckRegArg(insn.Dst, RegUse.DstNoMark);
        ref var dst = ref Regs[insn.Dst];
        if (!srcX)
        {
            dst = RegState.ConstScalar(is64 ? (ulong)(long)insn.Imm : (uint)insn.Imm);
            return;
        }
        ref var src = ref Regs[insn.Src];
        if (is64)
        {
            if (insn.Offset == 0)
            {
                AssignScalarIdBeforeMov(ref src);
                dst = src;
                return;
            }
            if (src.Type != RegType.Scalar)
            {
                MarkUnknown(ref dst);
                return;
            }
            MovSxScalar(ref dst, ref src, insn.Offset, true);
            return;
        }
        // 32-bit moves: pointers become unknown scalars for a privileged loader, zero-extended (zext_32_to_64).
        if (src.Type != RegType.Scalar)
        {
            MarkUnknown(ref dst);
            var zext = dst.Bounds;
            ScalarOps.Mov32(ref zext);
            dst.Bounds = zext;
            return;
        }
        if (insn.Offset == 0)
        {
            bool fits = src.Bounds.UMax <= uint.MaxValue;
            if (fits)
                AssignScalarIdBeforeMov(ref src);
            var copy = src;
            var zb = src.Bounds;
            ScalarOps.Mov32(ref zb);
            copy.Bounds = zb;
            if (!fits)
            {
                copy.Id = 0;
                copy.Off = 0;
            }
            dst = copy;
            return;
        }
        MovSxScalar(ref dst, ref src, insn.Offset, false);
    }

    /// <summary>
    /// A sign-extending move copies the source (its precision too) and keeps it linked to the source when the
    /// extension cannot change the value (umax below the sign bit of the narrow size), as a plain move does.
    /// </summary>
    private void MovSxScalar(ref RegState dst, ref RegState src, int sizeBits, bool is64)
    {
        bool noSext = src.Bounds.UMax < (1UL << (sizeBits - 1));
        if (noSext)
            AssignScalarIdBeforeMov(ref src);
        var copy = src;
        if (!noSext)
        {
            copy.Id = 0;
            copy.Off = 0;
        }
        ScalarOps.MovSx(ref copy.Bounds, sizeBits, is64);
        dst = copy;
    }

    private void AssignScalarIdBeforeMov(ref RegState src)
    {
        if (src.Type != RegType.Scalar)
            return;
        // A register already linked with a delta cannot carry a second one: unlink it first.
        if ((src.Id & ScalarOps.IdAddConst) != 0)
        {
            src.Id = 0;
            src.Off = 0;
        }
        if (src.Id == 0 && !src.Bounds.IsConst)
            src.Id = NewId();
    }

    private void AdjustRegMinMax(Instruction insn, byte op, bool is64, bool srcX)
    {
        if (TryArenaAlu(insn, srcX))
            return;
        ref var dst = ref Regs[insn.Dst];
        if (srcX)
        {
            var src = Regs[insn.Src];
            if (src.Type != RegType.Scalar)
            {
                if (dst.Type != RegType.Scalar)
                {
                    if (op == Opcode.Sub)
                    {
                        MarkUnknown(ref dst);
                        return;
                    }
                    Fail(Messages.PtrOpPtr(insn.Dst, AluNames[op >> 4]));
                }
                // scalar op= pointer: the pointer's new offset relies on the scalar's value
                MarkChainPrecision(insn.Dst);
                var off = Regs[insn.Dst];
                AdjustPtr(insn, op, is64, src, off, offIsDst: true);
                return;
            }
            if (dst.Type != RegType.Scalar)
            {
                MarkChainPrecision(insn.Src);
                AdjustPtr(insn, op, is64, dst, src, offIsDst: false);
                return;
            }
            MaybeForkScalars(insn, ref dst, src.Bounds, op);
            ulong umaxX = dst.Bounds.UMax;
            ScalarAlu(ref dst, src.Bounds, op, is64);
            LinkConstDelta(ref dst, umaxX, src.Bounds, op, is64, insn.Src == insn.Dst);
            return;
        }
        var imm = ScalarBounds.Const((ulong)(long)insn.Imm);
        if (dst.Type != RegType.Scalar)
        {
            AdjustPtr(insn, op, is64, dst, RegState.Scalar(imm), offIsDst: false);
            return;
        }
        MaybeForkScalars(insn, ref dst, imm, op);
        ulong umax = dst.Bounds.UMax;
        ScalarAlu(ref dst, imm, op, is64);
        LinkConstDelta(ref dst, umax, imm, op, is64, false);
    }

    /// <summary>
    /// The id step of adjust_reg_min_max_vals (6.18): "rX += const" / "rX -= const" keeps rX linked to
    /// its copies with a constant delta (BPF_ADD_CONST64/32, delta in Off); every other op unlinks dst.
    /// <paramref name="dstUmax"/> is dst's umax before the op.
    /// </summary>
    private static void LinkConstDelta(ref RegState dst, ulong dstUmax, in ScalarBounds src, byte op, bool is64, bool sameReg)
    {
        uint id = dst.Id;
        dst.Id = 0;
        dst.Off = 0;
        if (id == 0 || sameReg || (op != Opcode.Add && op != Opcode.Sub) || !src.IsConstOf(!is64))
            return;
        ulong val = src.ConstValueOf(!is64);
        if (is64 && ((long)val < int.MinValue || (long)val > int.MaxValue))
            return;
        if (!is64 && dstUmax > uint.MaxValue)
            return;
        int off = (int)val;
        if (op == Opcode.Sub)
        {
            if (off == int.MinValue)
                return;
            off = -off;
        }
        if ((id & ScalarOps.IdAddConst) != 0)
            return;
        dst.Id = id | (is64 ? ScalarOps.IdAddConst64 : ScalarOps.IdAddConst32);
        dst.Off = off;
    }

    /// <summary>
    /// maybe_fork_scalars: AND/OR with a constant on a dst in [-1, 0] (64-bit, else 32-bit) splits the
    /// path. A state re-running this insn with dst 0 is pushed; this path continues with dst -1.
    /// __mark_reg_known (64-bit) also drops the id; __mark_reg32_known keeps it.
    /// </summary>
    private void MaybeForkScalars(Instruction insn, ref RegState dst, in ScalarBounds src, byte op)
    {
        if (!ScalarOps.ForkOnAndOr(dst.Bounds, src, op, out bool alu32))
            return;
        var branch = PushStack(_insnIdx, _insnIdx, false);
        ref var other = ref branch.Regs[insn.Dst];
        ScalarOps.ForkValue(ref other.Bounds, 0, alu32);
        ScalarOps.ForkValue(ref dst.Bounds, ulong.MaxValue, alu32);
        if (!alu32)
        {
            other.Id = 0;
            other.Off = 0;
            dst.Id = 0;
            dst.Off = 0;
        }
    }

    private static void ScalarAlu(ref RegState dst, in ScalarBounds src, byte op, bool is64)
    {
        var b = dst.Bounds;
        ScalarOps.Alu(ref b, src, op, is64);
        dst.Bounds = b;
    }

    /// <summary>adjust_ptr_min_max_vals: pointer +/- scalar. The result replaces the destination register.</summary>
    private void AdjustPtr(Instruction insn, byte op, bool is64, RegState ptr, RegState off, bool offIsDst)
    {
        int dstNo = insn.Dst;
        ref var dst = ref Regs[dstNo];
        var ob = off.Bounds;
        bool known = ob.IsConst;
        if ((known && (ob.SMin != ob.SMax || ob.UMin != ob.UMax)) || ob.SMin > ob.SMax || ob.UMin > ob.UMax)
        {
            MarkUnknown(ref dst);
            return;
        }
        if (!is64)
        {
            if (op == Opcode.Sub)
            {
                MarkUnknown(ref dst);
                return;
            }
            Fail(Messages.PtrArith32(dstNo));
        }
        if (ptr.IsMaybeNull)
            Fail(Messages.PtrArithNullCheck(dstNo, TypeStr(ptr)));
        if (IsUntrustedMem(ptr))
            return; // probe-read memory: its offset is not tracked, the destination stays as it is
        switch (ptr.Type)
        {
            case RegType.PtrToCtx:
            case RegType.PtrToMapValue:
            case RegType.PtrToMapKey:
            case RegType.PtrToStack:
            case RegType.PtrToPacketMeta:
            case RegType.PtrToPacket:
            case RegType.PtrToTpBuffer:
            case RegType.PtrToBtfId:
            case RegType.PtrToMem:
            case RegType.PtrToBuf:
            case RegType.PtrToFunc:
            case RegType.ConstPtrToDynptr:
                break;
            case RegType.PtrToFlowKeys when known:
                break;
            case RegType.ConstPtrToMap when known && ob.SMin == 0 && op == Opcode.Add:
                break;
            default:
                Fail(Messages.PtrArithProhibited(dstNo, TypeStr(ptr)));
                break;
        }
        var res = ptr;
        CheckSaneOffset(off, ptr);
        CheckSaneOffset(ptr, ptr);
        switch (op)
        {
            case Opcode.Add:
                {
                    long sum = ptr.Off + ob.SMin;
                    if (known && sum == (int)sum)
                    {
                        res.Off = (int)sum;
                        break;
                    }
                    var vb = ptr.Bounds;
                    ScalarOps.Alu(ref vb, ob, Opcode.Add, true);
                    res.Bounds = vb;
                    if (ptr.IsPacketPtr)
                    {
                        res.Id = NewId();
                        res.Aux = 0;
                    }
                    break;
                }
            case Opcode.Sub:
                {
                    if (offIsDst)
                        Fail(Messages.SubtractPtrFromScalar(dstNo));
                    if (ptr.Type == RegType.PtrToStack)
                        Fail(Messages.SubFromStackPtr(dstNo));
                    long diff = ptr.Off - ob.SMin;
                    if (known && diff == (int)diff)
                    {
                        res.Off = (int)diff;
                        break;
                    }
                    var vb = ptr.Bounds;
                    ScalarOps.Alu(ref vb, ob, Opcode.Sub, true);
                    res.Bounds = vb;
                    if (ptr.IsPacketPtr)
                    {
                        res.Id = NewId();
                        if (ob.SMin < 0)
                            res.Aux = 0;
                    }
                    break;
                }
            case Opcode.And:
            case Opcode.Or:
            case Opcode.Xor:
                Fail(Messages.BitwiseOnPtr(dstNo, AluNames[op >> 4]));
                break;
            default:
                Fail(Messages.PtrArithWithOp(dstNo, AluNames[op >> 4]));
                break;
        }
        // Pointers carry no 32-bit bounds of their own: keep them derived from the 64-bit ones.
        CheckSaneOffset(res, ptr);
        dst = res;
    }

    /// <summary>check_reg_sane_offset.</summary>
    private void CheckSaneOffset(in RegState reg, in RegState ptr)
    {
        string type = TypeStr(ptr);
        bool known = reg.Bounds.IsConst;
        long val = (long)reg.Bounds.VarOff.Value;
        long smin = reg.Bounds.SMin;
        if (known && (val >= MaxVarOff || val <= -MaxVarOff))
            Fail(Messages.MathPtrConst(type, val), -22);
        if (reg.Off >= MaxVarOff || reg.Off <= -MaxVarOff)
            Fail(Messages.PtrOffsetNotAllowed(type, reg.Off), -22);
        if (smin == long.MinValue)
            Fail(Messages.MathPtrUnboundedMin(type), -22);
        if (smin >= MaxVarOff || smin <= -MaxVarOff)
            Fail(Messages.ValueOutOfBounds(type, smin), -22);
    }
}
