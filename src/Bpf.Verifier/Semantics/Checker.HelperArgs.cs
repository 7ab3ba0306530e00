using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>check_func_arg: one helper argument against its bpf_arg_type.</summary>
internal sealed partial class Checker
{
    private const string MemArgExpected = "fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_";
    private const string SockCommonExpected = "sock_common, sock, tcp_sock, xdp_sock";
    private const uint SockmapType = 15, SockhashType = 18, BloomFilterType = 30;
    private const int MapPeekElemId = 89;
    private const string BtfSockCommonExpected = "sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_";
    private const string SpinLockExpected = "map_value, ptr_";

    private void CheckFuncArg(HelperProto proto, int arg, ref CallMeta meta)
    {
        int regno = arg + 1;
        var kind = proto.Args[arg];
        if (kind == ArgKind.DontCare)
            return;
        CheckRegArg(regno, RegUse.Src);
        var reg = Regs[regno];
        // As root (allow_ptr_leaks) a pointer may be passed as ARG_ANYTHING.
        if (kind == ArgKind.Anything)
            return;
        // may_access_direct_pkt_data(BPF_READ) for the program types that have packet pointers.
        if (reg.IsPacketPtr && !proto.PktAccess && _prog.Type != Bpf.Object.ProgramType.CgroupSockopt)
            Fail(HelperMessages.PktAccessNotAllowed);
        if (kind == ArgKind.KptrXchgDest)
        {
            ProcessKptrXchgDest(regno, ref meta);
            return;
        }
        if (kind == ArgKind.ReleaseKptrOrNull)
        {
            CheckKptrXchgSource(regno, ref meta);
            return;
        }
        bool isNull = reg.Type == RegType.Scalar && reg.Bounds.IsConst && reg.Bounds.ConstValue == 0;
        bool mayBeNull = kind is ArgKind.PtrToCtxOrNull or ArgKind.PtrToMemRdonlyOrNull or ArgKind.PtrToSocketOrNull
            or ArgKind.PtrToMapValueOrNull or ArgKind.PtrToBtfIdOrNull or ArgKind.PtrToMemWriteOrNull
            or ArgKind.PtrToBtfSockCommonOrNull;
        // resolve_map_arg_type: the value of a sockmap/sockhash is a socket.
        if (kind == ArgKind.PtrToMapValue && meta.MapArg >= 0 && _maps[meta.MapArg].Type is SockmapType or SockhashType)
            kind = ArgKind.PtrToBtfSockCommon;
        // resolve_map_arg_type: bpf_map_peek_elem on a bloom filter reads the value it looks for.
        if (kind == ArgKind.PtrToUninitMapValue && _helperId == MapPeekElemId && meta.MapArg >= 0 &&
            _maps[meta.MapArg].Type == BloomFilterType)
            kind = ArgKind.PtrToMapValue;
        if (kind is ArgKind.PtrToBtfId or ArgKind.PtrToBtfIdOrNull && !(isNull && mayBeNull))
            CheckBtfIdArg(regno, reg, kind, proto.ArgStructs?[arg]);
        else if (!(isNull && mayBeNull))
        {
            CheckArgRegType(regno, reg, kind);
            CheckArgRegOff(regno, reg, kind);
        }
        // else: precision: mark R{regno}
        if (kind is ArgKind.ReleaseSockCommon or ArgKind.ReleaseRingbufMem)
        {
            if (reg.RefObjId == 0 && !isNull)
                Fail(HelperMessages.MustBeReferenced(regno), -22);
            meta.ReleaseRegno = regno;
        }
        if (reg.RefObjId != 0)
            meta.RefObjId = reg.RefObjId;

        switch (kind)
        {
            case ArgKind.ConstMapPtr:
                CheckTimerMapArg(reg, meta);
                meta.MapArg = reg.MapIndex;
                return;
            case ArgKind.PtrToTimer:
                ProcessTimerArg(regno, ref meta);
                return;
            case ArgKind.PtrToFunc:
                meta.CallbackSubprog = reg.Aux;
                return;
            case ArgKind.PtrToMapValueOrNull when isNull:
                return;
            case ArgKind.PtrToMapKey:
            case ArgKind.PtrToMapValue:
            case ArgKind.PtrToMapValueOrNull:
            case ArgKind.PtrToUninitMapValue:
                {
                    if (meta.MapArg < 0)
                        Fail(kind == ArgKind.PtrToMapKey ? "invalid map_ptr to access map->key" : "invalid map_ptr to access map->value", -13);
                    var m = _maps[meta.MapArg];
                    int size = (int)(kind == ArgKind.PtrToMapKey ? m.KeySize : m.ValueSize);
                    if (kind == ArgKind.PtrToMapKey && CanElideNullness(m.Type))
                        meta.ConstMapKey = ConstantMapKey(reg, size); // precision: mark the key's stack slot (get_constant_map_key)
                    bool uninit = kind == ArgKind.PtrToUninitMapValue;
                    CheckHelperMem(regno, size, raw: uninit, write: uninit);
                    return;
                }
            case ArgKind.PtrToFixedMemRdonly:
                CheckHelperMem(regno, proto.ArgSizes![arg], raw: false, write: false);
                return;
            case ArgKind.PtrToFixedUninitMem:
            case ArgKind.PtrToFixedMemWrite:
                CheckHelperMem(regno, proto.FixedSize, raw: kind == ArgKind.PtrToFixedUninitMem, write: true);
                CheckFixedMemAlignment(regno, proto.FixedSize);
                return;
            case ArgKind.ConstSize:
            case ArgKind.ConstSizeOrZero:
                CheckMemSizeArg(proto, arg, ref meta);
                return;
            case ArgKind.PtrToConstStr:
                CheckConstStr(regno, reg);
                return;
            case ArgKind.PtrToSpinLock:
                ProcessSpinLock(regno, isLock: proto.Id == SpinLockId);
                return;
            case ArgKind.DynptrUninitLocal:
            case ArgKind.DynptrUninitRingbuf:
            case ArgKind.DynptrReleaseRingbuf:
            case ArgKind.DynptrRdonly:
                CheckHelperDynptrArg(regno, kind, ref meta);
                return;
            case ArgKind.ConstAllocSizeOrZero:
                if (!reg.Bounds.IsConst)
                    Fail(HelperMessages.NotKnownConstant(regno));
                if (reg.Bounds.ConstValue > int.MaxValue)
                    Unsupported("huge ring buffer reservation");
                meta.MemSize = (int)reg.Bounds.ConstValue;
                if (HasDynptrArg(proto))
                    MarkChainPrecision(regno);
                return;
            default:
                // Memory arguments are checked with the size argument that follows; the rest is the type check.
                return;
        }
    }

    /// <summary>check_reg_type: the register's type must be one the argument kind accepts.</summary>
    private void CheckArgRegType(int regno, in RegState reg, ArgKind kind)
    {
        var t = reg.Type;
        bool plain = !reg.IsMaybeNull;
        switch (kind)
        {
            case ArgKind.ConstMapPtr:
                if (t != RegType.ConstPtrToMap || !plain)
                    Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), "map_ptr"));
                return;
            case ArgKind.PtrToCtx:
            case ArgKind.PtrToCtxOrNull:
                if (t != RegType.PtrToCtx || !plain)
                    Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), "ctx"));
                return;
            case ArgKind.ConstSize:
            case ArgKind.ConstSizeOrZero:
            case ArgKind.ConstAllocSizeOrZero:
                if (t != RegType.Scalar)
                    Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), "scalar"));
                return;
            case ArgKind.PtrToSockCommon:
                if (!(t is RegType.PtrToSockCommon or RegType.PtrToSocket or RegType.PtrToTcpSock or RegType.PtrToXdpSock) || !plain)
                    Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), SockCommonExpected));
                return;
            case ArgKind.PtrToSocketOrNull:
                if (t != RegType.PtrToSocket || !plain)
                    Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), "sock"));
                return;
            case ArgKind.PtrToConstStr:
            case ArgKind.PtrToTimer:
                if (t != RegType.PtrToMapValue || !plain)
                    Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), "map_value"));
                return;
            case ArgKind.PtrToFunc:
                if (t != RegType.PtrToFunc)
                    Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), "func"));
                return;
            case ArgKind.PtrToBtfSockCommon:
            case ArgKind.PtrToBtfSockCommonOrNull:
            case ArgKind.ReleaseSockCommon:
                {
                    // A PTR_MAYBE_NULL argument folds the flag away before comparing (check_reg_type).
                    bool orNull = kind == ArgKind.PtrToBtfSockCommonOrNull;
                    if ((t is RegType.PtrToSockCommon or RegType.PtrToSocket or RegType.PtrToTcpSock or RegType.PtrToXdpSock) && (plain || orNull))
                        return;
                    var flags = orNull ? reg.Flags & ~RegFlags.MaybeNull : reg.Flags;
                    if (t == RegType.PtrToBtfId && flags is RegFlags.None or RegFlags.PtrTrusted)
                    {
                        CheckBtfSockArg(regno, reg);
                        return;
                    }
                    Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), BtfSockCommonExpected));
                    return;
                }
            case ArgKind.PtrToPercpuBtfId:
                if (t == RegType.PtrToBtfId && (reg.Flags & ~(RegFlags.MemRcu | RegFlags.PtrTrusted)) == RegFlags.MemPercpu)
                    Unsupported("percpu BTF pointer passed to a helper");
                Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), "percpu_ptr_, percpu_rcu_ptr_, percpu_trusted_ptr_"));
                return;
            case ArgKind.PtrToSpinLock:
                if (t == RegType.PtrToBtfId && reg.Flags == RegFlags.MemAlloc)
                    return;
                if (t != RegType.PtrToMapValue || !plain)
                    Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), SpinLockExpected));
                return;
            case ArgKind.ReleaseRingbufMem:
                if (t != RegType.PtrToMem || reg.Flags != RegFlags.MemRingbuf)
                    Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), "ringbuf_mem"));
                return;
            case ArgKind.DynptrUninitLocal:
            case ArgKind.DynptrUninitRingbuf:
            case ArgKind.DynptrReleaseRingbuf:
            case ArgKind.DynptrRdonly:
                CheckDynptrArgReg(regno, reg);
                return;
            default:
                // Only MEM_RDONLY arguments accept read-only memory.
                CheckMemArgType(regno, reg, writable: kind is not (ArgKind.PtrToMemRdonly or ArgKind.PtrToMemRdonlyOrNull or ArgKind.PtrToFixedMemRdonly));
                return;
        }
    }

    /// <summary>compatible_reg_types mem_types: what may be passed as helper memory.</summary>
    private void CheckMemArgType(int regno, in RegState reg, bool writable)
    {
        bool ok = reg.Type is RegType.PtrToStack or RegType.PtrToPacket or RegType.PtrToPacketMeta or RegType.PtrToMapKey
            or RegType.PtrToMapValue or RegType.PtrToMem or RegType.PtrToBuf && !reg.IsMaybeNull;
        if (ok && writable && (reg.Flags & RegFlags.MemRdonly) != 0)
            ok = false;
        if (ok && IsUntrustedMem(reg))
            ok = false;
        if (!ok)
        {
            if (CheckBtfMemArg(regno, reg, writable))
                return;
            Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), MemArgExpected));
        }
    }

    /// <summary>check_func_arg_reg_off: which pointers may carry an offset into a helper.</summary>
    private void CheckArgRegOff(int regno, in RegState reg, ArgKind kind)
    {
        if (kind is ArgKind.ReleaseSockCommon or ArgKind.ReleaseRingbufMem)
        {
            if (reg.Off != 0)
                Fail(HelperMessages.ReleaseOffset(regno), -22);
            CheckPtrOffReg(regno, reg);
            return;
        }
        if (VarOffsetAllowed(reg))
            return;
        if (reg.Type == RegType.PtrToBtfId && kind == ArgKind.PtrToSpinLock && IsLocalObject(reg))
        {
            CheckLocalObjectArgOff(regno, reg);
            return;
        }
        if (reg.Type == RegType.PtrToBtfId && (reg.Flags & ~(RegFlags.PtrTrusted | RegFlags.MemRcu)) == 0)
        {
            CheckBtfArgOff(regno, reg);
            return;
        }
        if (reg.Type == RegType.PtrToBtfId && kind == ArgKind.PtrToBtfSockCommonOrNull
            && (reg.Flags & ~RegFlags.PtrTrusted) == RegFlags.MaybeNull)
        {
            // A maybe-NULL BTF pointer is no case of check_func_arg_reg_off's switch: no offset at all.
            CheckPtrOffReg(regno, reg);
            return;
        }
        if (reg.Type == RegType.PtrToBtfId)
            Unsupported("BTF pointer passed to a helper");
        CheckPtrOffReg(regno, reg);
    }

    /// <summary>__check_ptr_off_reg without a fixed offset allowed.</summary>
    private void CheckPtrOffReg(int regno, in RegState reg)
    {
        if (reg.Off < 0)
            Fail($"negative offset {TypeStr(reg)} ptr R{regno} off={reg.Off} disallowed");
        if (reg.Off != 0)
            Fail(Messages.ModifiedCtx(TypeStr(reg), regno, reg.Off));
        if (!reg.Bounds.IsConst || reg.Bounds.ConstValue != 0)
            Fail($"variable {TypeStr(reg)} access var_off={ScalarText.TnumText(reg.Bounds.VarOff)} disallowed");
    }

    /// <summary>check_mem_size_reg: the size argument bounds the memory argument just before it.</summary>
    private void CheckMemSizeArg(HelperProto proto, int arg, ref CallMeta meta)
    {
        int regno = arg + 1;
        var sz = Regs[regno];
        var memKind = proto.Args[arg - 1];
        bool zeroOk = proto.Args[arg] == ArgKind.ConstSizeOrZero;
        meta.MsizeMax = sz.Bounds.UMax;
        if (sz.Bounds.SMin < 0)
            Fail(Messages.UnboundedMinSize(regno));
        if (sz.Bounds.UMin == 0 && !zeroOk)
            Fail(HelperMessages.ZeroSizedRead(regno, sz.Bounds.UMin, sz.Bounds.UMax));
        if (sz.Bounds.UMax >= MaxVarOff)
            Fail(Messages.UnboundedSize(regno));
        bool write = memKind is ArgKind.PtrToUninitMem or ArgKind.PtrToMemWrite or ArgKind.PtrToMemWriteOrNull;
        // A variable size disables raw mode: the memory must then be initialized as for a read.
        bool raw = memKind == ArgKind.PtrToUninitMem && sz.Bounds.IsConst;
        var mem = Regs[regno - 1];
        if (zeroOk && sz.Bounds.UMax == 0 && mem.Type == RegType.Scalar && mem.Bounds.IsConst && mem.Bounds.ConstValue == 0)
        {
            MarkChainPrecision(regno);
            return;
        }
        CheckHelperMem(regno - 1, (int)sz.Bounds.UMax, raw, write, zeroOk);
        // The size is relied on only once the memory check passed (no mark_precise before a refused access).
        MarkChainPrecision(regno);
    }

    /// <summary>check_reg_const_str: a constant offset into a frozen read-only map value holding a NUL.</summary>
    private void CheckConstStr(int regno, in RegState reg)
    {
        var map = _maps[reg.MapIndex];
        if (!map.IsReadOnlyGlobal)
            Fail($"R{regno} does not point to a readonly map'");
        if (!reg.Bounds.IsConst)
            Fail($"R{regno} is not a constant address'");
        int valueSize = (int)map.ValueSize;
        CheckMemRegion(regno, reg.Off, valueSize - reg.Off, valueSize, "invalid access to map value, value_size");
        long start = reg.Off + (long)reg.Bounds.ConstValue;
        var bytes = map.InitialValue.Span;
        for (long i = start; i < valueSize; i++)
        {
            // Bytes past the initial image are zero.
            if (i >= bytes.Length || bytes[(int)i] == 0)
                return;
        }
        Fail("string is not zero-terminated", -22);
    }

    /// <summary>MEM_ALIGNED: check_ptr_alignment with strict alignment for fixed-size memory.</summary>
    private void CheckFixedMemAlignment(int regno, int size)
    {
        var reg = Regs[regno];
        if (reg.Type == RegType.PtrToStack && reg.Bounds.IsConst)
        {
            long off = reg.Off + (long)reg.Bounds.ConstValue;
            if (off % size != 0)
                Fail(HelperMessages.MisalignedStack(ScalarText.TnumText(reg.Bounds.VarOff), reg.Off, size));
            return;
        }
        if (reg.Type == RegType.PtrToMapValue && reg.Bounds.IsConst && (reg.Off + (long)reg.Bounds.ConstValue) % size == 0)
            return;
        Unsupported("alignment of fixed-size helper memory");
    }

    /// <summary>get_constant_map_key: a key on the stack that is known zero bytes or a same-size constant spill.</summary>
    private long ConstantMapKey(in RegState key, int keySize)
    {
        if (key.Type != RegType.PtrToStack || !key.Bounds.IsConst)
            return -1;
        var state = FrameOf(key);
        int stackOff = key.Off + (int)key.Bounds.ConstValue;
        int slot = -stackOff - 1;
        if (slot < 0 || slot >= state.AllocatedStack)
            return -1;
        int spi = slot / FuncState.RegSize, off = slot % FuncState.RegSize;
        int baseIdx = spi * FuncState.RegSize;
        int zeroSize = 0;
        for (int i = off; i >= 0 && state.Slots[baseIdx + i] == SlotType.Zero; i--)
            zeroSize++;
        if (zeroSize >= keySize)
            return 0;
        if (!state.IsSpilledReg(spi) || state.Spilled[spi].Type != RegType.Scalar)
            return -1;
        int spillSize = 0;
        for (int i = off; i >= 0 && state.Slots[baseIdx + i] == SlotType.Spill; i--)
            spillSize++;
        if (spillSize != keySize || !state.Spilled[spi].Bounds.IsConst)
            return -1;
        ulong v = state.Spilled[spi].Bounds.ConstValue;
        return v > long.MaxValue ? -1 : (long)v;
    }

    /// <summary>check_func_arg_reg_off: the types whose offset may be variable (the memory check bounds it later).</summary>
    private static bool VarOffsetAllowed(in RegState reg) =>
        reg.Type is RegType.PtrToStack or RegType.PtrToPacket or RegType.PtrToPacketMeta or RegType.PtrToMapKey
            or RegType.PtrToMapValue or RegType.PtrToMem or RegType.PtrToBuf or RegType.PtrToArena or RegType.Scalar
        && !Dynptrs.IsTaggedSlice(reg);
}
