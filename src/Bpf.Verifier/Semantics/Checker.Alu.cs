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

    private void CheckAlu(Instruction insn)
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
            if (is64 && insn.Offset == 1)
                Unsupported("addr_space_cast");
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
            var b = src.Bounds;
            ScalarOps.MovSx(ref b, insn.Offset, true);
            dst = RegState.Scalar(b);
            return;
        }
        // 32-bit moves: pointers become unknown scalars for a privileged loader.
        if (src.Type != RegType.Scalar)
        {
            MarkUnknown(ref dst);
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
                copy.Id = 0;
            dst = copy;
            return;
        }
        var sb = src.Bounds;
        ScalarOps.MovSx(ref sb, insn.Offset, false);
        dst = RegState.Scalar(sb);
    }

    private void AssignScalarIdBeforeMov(ref RegState src)
    {
        if (src.Type != RegType.Scalar)
            return;
        if (src.Id == 0 && !src.Bounds.IsConst)
            src.Id = NewId();
    }

    private void AdjustRegMinMax(Instruction insn, byte op, bool is64, bool srcX)
    {
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
                // scalar op= pointer
                var off = dst;
                AdjustPtr(insn, op, is64, src, off, offIsDst: true);
                return;
            }
            if (dst.Type != RegType.Scalar)
            {
                AdjustPtr(insn, op, is64, dst, src, offIsDst: false);
                return;
            }
            dst.Id = 0;
            ScalarAlu(ref dst, src.Bounds, op, is64);
            return;
        }
        var imm = ScalarBounds.Const((ulong)(long)insn.Imm);
        if (dst.Type != RegType.Scalar)
        {
            AdjustPtr(insn, op, is64, dst, RegState.Scalar(imm), offIsDst: false);
            return;
        }
        dst.Id = 0;
        ScalarAlu(ref dst, imm, op, is64);
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
