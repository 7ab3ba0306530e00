using System.Buffers.Binary;
using Bpf.Isa;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>check_load_mem / check_store_reg / check_mem_access and the non-stack memory kinds.</summary>
internal sealed partial class Checker
{
    private const uint MapFlagRdonlyProg = 1u << 7;
    private const uint MapFlagWronlyProg = 1u << 8;

    private void CheckLoad(Instruction insn)
    {
        CheckRegArg(insn.Src, RegUse.Src);
        CheckRegArg(insn.Dst, RegUse.DstNoMark);
        bool sx = Opcode.Mode(insn.Code) == Opcode.MemSx;
        var src = Regs[insn.Src];
        CheckMemAccess(insn.Src, insn.Offset, Opcode.SizeBytes(insn.Code), write: false, valueReg: insn.Dst, sx);
        SaveAuxPtrType(src.Type, src.Flags, allowTrustMismatch: true);
        SanityCheck(ref Regs[insn.Dst], "ldx");
    }

    private void CheckStore(Instruction insn)
    {
        CheckRegArg(insn.Src, RegUse.Src);
        CheckRegArg(insn.Dst, RegUse.Src);
        var dst = Regs[insn.Dst];
        CheckMemAccess(insn.Dst, insn.Offset, Opcode.SizeBytes(insn.Code), write: true, valueReg: insn.Src, false);
        SaveAuxPtrType(dst.Type, dst.Flags, allowTrustMismatch: false);
    }

    private void CheckStoreImm(Instruction insn)
    {
        CheckRegArg(insn.Dst, RegUse.Src);
        var dst = Regs[insn.Dst];
        CheckMemAccess(insn.Dst, insn.Offset, Opcode.SizeBytes(insn.Code), write: true, valueReg: -1, false, stImm: insn.Imm);
        SaveAuxPtrType(dst.Type, dst.Flags, allowTrustMismatch: false);
    }

    private void CheckAtomic(Instruction insn)
    {
        int op = insn.Imm;
        if (op == AtomicOp.LoadAcq)
        {
            CheckAtomicLoadAcquire(insn);
            return;
        }
        if (op == AtomicOp.StoreRel)
        {
            CheckAtomicStoreRelease(insn);
            return;
        }
        int size = Opcode.SizeBytes(insn.Code);
        bool plain = op is AtomicOp.Add or AtomicOp.Or or AtomicOp.And or AtomicOp.Xor;
        bool fetch = op is (AtomicOp.Add | AtomicOp.Fetch) or (AtomicOp.Or | AtomicOp.Fetch) or (AtomicOp.And | AtomicOp.Fetch)
            or (AtomicOp.Xor | AtomicOp.Fetch) or AtomicOp.Xchg or AtomicOp.Cmpxchg;
        if (!plain && !fetch)
            Fail($"BPF_ATOMIC uses invalid atomic opcode {op:x2}", -22);
        if (size != 4 && size != 8)
            Fail("invalid atomic operand size", -22);
        CheckRegArg(insn.Src, RegUse.Src);
        CheckRegArg(insn.Dst, RegUse.Src);
        if (op == AtomicOp.Cmpxchg)
            CheckRegArg(0, RegUse.Src);
        var t = Regs[insn.Dst].Type;
        if (t is not (RegType.PtrToStack or RegType.PtrToMapValue or RegType.PtrToMem or RegType.PtrToBtfId or RegType.PtrToArena)
            || (t == RegType.PtrToArena && !ArenaAtomicJitted(op)))
            Fail($"BPF_ATOMIC stores into R{insn.Dst} {TypeStr(Regs[insn.Dst])} is not allowed");
        CheckStrictAlignment(insn.Dst, insn.Offset, size);
        int loadReg = op == AtomicOp.Cmpxchg ? 0 : fetch ? insn.Src : -1;
        // The kernel reads first without a destination, then fetches: only a variable-offset stack pointer
        // tells the two apart (refused without a destination).
        if (loadReg >= 0 && Regs[insn.Dst].Type == RegType.PtrToStack && !Regs[insn.Dst].Bounds.IsConst)
            CheckMemAccess(insn.Dst, insn.Offset, size, write: false, valueReg: -1, false);
        CheckMemAccess(insn.Dst, insn.Offset, size, write: false, valueReg: loadReg, false);
        CheckMemAccess(insn.Dst, insn.Offset, size, write: true, valueReg: -1, false);
    }

    /// <summary>check_mem_access. valueReg is the loaded/stored register or -1.</summary>
    private void CheckMemAccess(int regno, int off, int size, bool write, int valueReg, bool sx, int? stImm = null)
    {
        ref var reg = ref Regs[regno];
        CheckAlignment(regno, reg, off, size);
        off += reg.Off;
        switch (reg.Type)
        {
            case RegType.PtrToMapValue when !reg.IsMaybeNull:
                CheckMapValueAccess(regno, off, size, write, valueReg, sx);
                break;
            case RegType.PtrToMapKey when !reg.IsMaybeNull:
                if (write)
                    Fail($"write to change key R{regno} not allowed");
                CheckMemRegion(regno, off, size, (int)_maps[reg.MapIndex].KeySize, "invalid access to map key, key_size");
                if (valueReg >= 0)
                    MarkUnknown(ref Regs[valueReg]);
                break;
            case RegType.PtrToMem when !reg.IsMaybeNull:
                if (write && (reg.Flags & RegFlags.MemRdonly) != 0)
                    Fail(Messages.CannotWriteInto(regno, TypeStr(reg)));
                if (!IsUntrustedMem(reg))
                    CheckMemRegion(regno, off, size, reg.Aux, "invalid access to memory, mem_size");
                if (valueReg >= 0 && !write)
                    MarkUnknown(ref Regs[valueReg]);
                break;
            case RegType.PtrToCtx when !reg.IsMaybeNull:
                CheckCtxAccess(regno, off, size, write, valueReg, sx);
                break;
            case RegType.PtrToStack:
                CheckStackAccessWithinBounds(regno, off, size, write ? " write to" : " read from", write);
                FastcallStackContract(regno, off);
                if (write)
                    CheckStackWrite(regno, off, size, valueReg, stImm);
                else
                    CheckStackRead(regno, off, size, valueReg);
                break;
            case RegType.PtrToPacket:
            case RegType.PtrToPacketMeta:
                if (write && _ptype?.Packet != PacketAccess.ReadWrite)
                    Fail("cannot write into packet");
                CheckPacketAccess(regno, off, size);
                if (!write && valueReg >= 0)
                    MarkUnknown(ref Regs[valueReg]);
                break;
            case RegType.PtrToSocket or RegType.PtrToSockCommon or RegType.PtrToTcpSock or RegType.PtrToXdpSock when !reg.IsMaybeNull:
                CheckSockAccess(regno, off, size, write, valueReg);
                break;
            case RegType.PtrToFlowKeys:
                CheckFlowKeysAccess(off, size, write, valueReg);
                break;
            case RegType.PtrToTpBuffer:
                CheckTpBufferAccess(regno, off, size, write, valueReg);
                break;
            case RegType.PtrToBtfId when !reg.IsMaybeNull:
                CheckBtfIdAccess(regno, off, size, write, valueReg);
                break;
            case RegType.PtrToBuf when !reg.IsMaybeNull:
                CheckBufAccess(regno, off, size, write, valueReg);
                break;
            case RegType.PtrToArena when !reg.IsMaybeNull:
                CheckArenaAccess(write, valueReg);
                break;
            case RegType.ConstPtrToMap:
                CheckMapPtrAccess(regno, off, size, write, valueReg);
                break;
            default:
                Fail(Messages.InvalidMemAccess(regno, TypeStr(reg)));
                break;
        }
        if (size < 8 && valueReg >= 0 && !write && Regs[valueReg].Type == RegType.Scalar)
        {
            ref var v = ref Regs[valueReg];
            var b = v.Bounds;
            if (sx)
                ScalarOps.CoerceSx(ref b, size);
            else
                ScalarOps.Coerce(ref b, size);
            v.Bounds = b;
        }
    }

    /// <summary>check_ptr_alignment for a non-strict-alignment host: only the stack is always strict.</summary>
    private void CheckAlignment(int regno, in RegState reg, int off, int size)
    {
        if (reg.Type != RegType.PtrToStack || size == 1)
            return;
        var t = Tnum.Add(reg.Bounds.VarOff, Tnum.Const((ulong)(long)(reg.Off + off)));
        if (!Tnum.IsAligned(t, (ulong)size))
            Fail(Messages.Misaligned("stack ", ScalarText.TnumText(reg.Bounds.VarOff), reg.Off, off, size));
    }

    /// <summary>Atomics always check alignment strictly (strict_alignment_once).</summary>
    private void CheckStrictAlignment(int regno, int off, int size)
    {
        var reg = Regs[regno];
        if (size == 1)
            return;
        string tn = ScalarText.TnumText(reg.Bounds.VarOff);
        if (reg.IsPacketPtr)
        {
            const int NetIpAlign = 2;
            var pt = Tnum.Add(Tnum.Const(NetIpAlign), Tnum.Add(reg.Bounds.VarOff, Tnum.Const((ulong)(long)(reg.Off + off))));
            if (!Tnum.IsAligned(pt, (ulong)size))
                Fail($"misaligned packet access off {NetIpAlign}+{tn}+{reg.Off}+{off} size {size}");
            return;
        }
        string desc = reg.Type switch
        {
            RegType.PtrToFlowKeys => "flow keys ",
            RegType.PtrToMapKey => "key ",
            RegType.PtrToMapValue => "value ",
            RegType.PtrToCtx => "context ",
            RegType.PtrToStack => "stack ",
            RegType.PtrToSocket => "sock ",
            RegType.PtrToSockCommon => "sock_common ",
            RegType.PtrToTcpSock => "tcp_sock ",
            RegType.PtrToXdpSock => "xdp_sock ",
            _ => "",
        };
        if (reg.Type == RegType.PtrToArena)
            return;
        var t = Tnum.Add(reg.Bounds.VarOff, Tnum.Const((ulong)(long)(reg.Off + off)));
        if (!Tnum.IsAligned(t, (ulong)size))
            Fail(Messages.Misaligned(desc, tn, reg.Off, off, size));
    }

    private void CheckMapValueAccess(int regno, int off, int size, bool write, int valueReg, bool sx)
    {
        var reg = Regs[regno];
        var map = _maps[reg.MapIndex];
        bool rdonly = IsProgReadOnly(map);
        if (write && rdonly)
            Fail(Messages.MapWriteForbidden(map.ValueSize, off, size));
        if (!write && (map.Flags & MapFlagWronlyProg) != 0)
            Fail($"read from map forbidden, value_size={map.ValueSize} off={off} size={size}");
        CheckMemRegion(regno, off, size, (int)map.ValueSize, "invalid access to map value, value_size");
        if (CheckMapValueFields(regno, off, size, direct: true) is { } kptr)
        {
            CheckMapKptrAccess(valueReg, kptr);
            return;
        }
        if (write || valueReg < 0)
            return;
        if (reg.Bounds.IsConst && map.IsReadOnlyGlobal)
        {
            int mapOff = off + (int)reg.Bounds.ConstValue;
            var data = map.InitialValue.Span;
            ulong val = 0;
            if (mapOff + size <= data.Length)
            {
                var s = data.Slice(mapOff, size);
                val = size switch
                {
                    1 => sx ? (ulong)(sbyte)s[0] : s[0],
                    2 => sx ? (ulong)(long)BinaryPrimitives.ReadInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s),
                    4 => sx ? (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s),
                    _ => BinaryPrimitives.ReadUInt64LittleEndian(s),
                };
            }
            MarkConst(ref Regs[valueReg], val);
            return;
        }
        MarkUnknown(ref Regs[valueReg]);
    }

    /// <summary>check_mem_region_access + __check_mem_access.</summary>
    private void CheckMemRegion(int regno, int off, int size, int memSize, string what)
    {
        var b = Regs[regno].Bounds;
        if (b.SMin < 0 && (b.SMin == long.MinValue || off + b.SMin != (int)(off + b.SMin) || b.SMin + off < 0))
            Fail(Messages.MinValueNegative(regno));
        long lo = b.SMin + off;
        if (!(lo >= 0 && size > 0 && lo + size <= memSize))
        {
            _log.WriteLine($"{what}={memSize} off={(int)lo} size={size}");
            Fail($"R{regno} min value is outside of the allowed memory range");
        }
        if (b.UMax >= MaxVarOff)
            Fail(Messages.UnboundedMemAccess(regno));
        long hi = (long)b.UMax + off;
        if (!(hi >= 0 && size > 0 && hi + size <= memSize))
        {
            _log.WriteLine($"{what}={memSize} off={(int)hi} size={size}");
            Fail($"R{regno} max value is outside of the allowed memory range");
        }
    }

    private void CheckPacketAccess(int regno, int off, int size)
    {
        var reg = Regs[regno];
        if (reg.Bounds.SMin < 0)
            Fail(Messages.MinValueNegative(regno));
        if (reg.Aux < 0)
            Fail($"R{regno} offset is outside of the packet");
        if (!(off >= 0 && size > 0 && off + size <= reg.Aux))
        {
            _log.WriteLine($"invalid access to packet, off={off} size={size}, R{regno}(id={reg.Id},off={off},r={reg.Aux})");
            Fail($"R{regno} offset is outside of the packet");
        }
    }

    private void CheckLdImm(Instruction insn)
    {
        if (Opcode.Size(insn.Code) != Opcode.DW)
            Fail("invalid BPF_LD_IMM insn", -22);
        if (insn.Offset != 0)
            Fail("BPF_LD_IMM64 uses reserved fields", -22);
        CheckRegArg(insn.Dst, RegUse.Dst);
        ref var dst = ref Regs[insn.Dst];
        var next = _insns[_insnIdx + 1];
        switch (insn.Src)
        {
            case 0:
                MarkConst(ref dst, insn.Imm64(next));
                return;
            case Pseudo.MapIdx:
                dst = KnownZeroPtr(RegType.ConstPtrToMap);
                dst.MapIndex = insn.Imm;
                return;
            case Pseudo.MapIdxValue when IsArenaMap(insn.Imm):
                // check_ld_imm: an arena variable's address is an unknown scalar (a user-space address).
                MarkUnknown(ref dst);
                return;
            case Pseudo.MapIdxValue:
                dst = KnownZeroPtr(RegType.PtrToMapValue);
                dst.MapIndex = insn.Imm;
                dst.Off = next.Imm;
                return;
            default:
                CheckLdImmKsym(insn, next, ref dst);
                return;
        }
    }
}
