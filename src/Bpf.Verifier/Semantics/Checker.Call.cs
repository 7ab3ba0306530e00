using Bpf.Isa;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>check_helper_call / check_func_arg for the helpers in <see cref="HelperTable"/>.</summary>
internal sealed partial class Checker
{
    private const int MaxArgs = 5;

    private void CheckCallInsn(Instruction insn)
    {
        if (Opcode.Src(insn.Code) != Opcode.K || (insn.Src != Pseudo.KfuncCall && insn.Offset != 0) ||
            (insn.Src != Pseudo.Helper && insn.Src != Pseudo.Call && insn.Src != Pseudo.KfuncCall) ||
            insn.Dst != 0 || insn.Class == Opcode.Jmp32)
            Fail(Messages.CallReservedFields, -22);
        if (insn.Src == Pseudo.Call)
        {
            CheckFuncCall(insn);
            return;
        }
        if (insn.Src == Pseudo.KfuncCall)
        {
            CheckKfuncCall(insn);
            return;
        }
        CheckHelperCall(insn.Imm);
    }

    /// <summary>check_func_call for a static subprogram: a new frame with R1-R5 of the caller.</summary>
    private void CheckFuncCall(Instruction insn)
    {
        int target = _insnIdx + insn.Imm + 1;
        int sub = SubprogAt(target);
        if (sub < 0)
            Fail($"verifier bug. No program starts at insn {target}", -14);
        if (_subprogs[sub].IsGlobal)
        {
            CheckGlobalFuncCall(sub);
            return;
        }
        if (_cur.CurFrame + 1 >= VerifierState.MaxCallFrames)
            Fail($"the call stack of {_cur.CurFrame + 2} frames is too deep", -7);
        var caller = _cur.Cur;
        var callee = new FuncState(_cur.CurFrame + 1, _insnIdx, sub);
        for (int r = 1; r <= 5; r++)
            callee.Regs[r] = caller.Regs[r];
        for (int r = 0; r <= 5; r++)
        {
            caller.Regs[r] = RegState.NotInit;
            _scratch.MarkReg(r);
        }
        _cur.CurFrame++;
        _cur.Frames[_cur.CurFrame] = callee;
        if (_log.Level1)
        {
            _log.Write("caller:\n");
            _printer.AppendFrame(_log.Builder, _cur, caller, null);
            _log.Write("callee:\n");
            _printer.AppendFrame(_log.Builder, _cur, callee, null);
        }
        _insnIdx = _subprogs[sub].Start - 1;
    }

    /// <summary>A global function is verified on its own later; the call only checks the arguments against BTF.</summary>
    private void CheckGlobalFuncCall(int sub)
    {
        var sp = _subprogs[sub];
        if (sp.GlobalArgIsCtx == null)
            Unsupported(sp.GlobalUnsupported ?? "global function");
        for (int i = 0; i < sp.GlobalArgIsCtx.Length; i++)
        {
            int regno = i + 1;
            var reg = Regs[regno];
            string? err = null;
            if (!sp.GlobalArgIsCtx[i])
            {
                if (reg.Type != RegType.Scalar)
                    err = $"R{regno} is not a scalar";
            }
            else if (reg.Type != RegType.PtrToCtx)
            {
                err = $"arg#{i} expects pointer to ctx";
            }
            else if (reg.Off != 0 || !reg.Bounds.IsConst || reg.Bounds.ConstValue != 0)
            {
                Unsupported("modified ctx pointer passed to a global function");
            }
            if (err != null)
            {
                _log.WriteLine(err);
                Fail($"Caller passes invalid args into func#{sub} ('{sp.Name}')", -22);
            }
        }
        if (_log.Level1)
            _log.Write($"Func#{sub} ('{sp.Name}') is global and assumed valid.\n");
        sp.Called = true;
        for (int r = 0; r <= 5; r++)
        {
            Regs[r] = RegState.NotInit;
            _scratch.MarkReg(r);
        }
        MarkUnknown(ref Regs[0]);
        if (MayChangePktData(sub, new bool[_subprogs.Count]))
            ClearAllPktPointers();
    }

    /// <summary>
    /// Conservative changes_pkt_data of a function and its callees: a tail call, a kfunc, or any helper outside
    /// bpfv's table (which holds no packet-changing helper) may move packet data.
    /// </summary>
    private bool MayChangePktData(int sub, bool[] seen)
    {
        if (seen[sub])
            return false;
        seen[sub] = true;
        var sp = _subprogs[sub];
        for (int i = sp.Start; i < sp.End; i++)
        {
            var insn = _insns[i];
            if (insn.IsHelperCall && (insn.Imm == TailCallId || HelperTable.Find(insn.Imm) == null))
                return true;
            if (insn.IsKfuncCall)
                return true;
            if (insn.IsPseudoCall)
            {
                int callee = SubprogAt(i + insn.Imm + 1);
                if (callee >= 0 && MayChangePktData(callee, seen))
                    return true;
            }
        }
        return false;
    }

    private int SubprogAt(int start)
    {
        for (int i = 0; i < _subprogs.Count; i++)
        {
            if (_subprogs[i].Start == start)
                return i;
        }
        return -1;
    }

    /// <summary>prepare_func_exit: hand R0 back to the caller and drop the callee frame.</summary>
    private void PrepareFuncExit()
    {
        var callee = _cur.Cur;
        var r0 = callee.Regs[0];
        if (r0.Type == RegType.PtrToStack)
            Fail("cannot return stack pointer to the caller", -22);
        var caller = _cur.Frames[_cur.CurFrame - 1];
        caller.Regs[0] = r0;
        _insnIdx = callee.CallSite + 1;
        if (_log.Level1)
        {
            _log.Write("returning from callee:\n");
            _printer.AppendFrame(_log.Builder, _cur, callee, null);
            _log.Write($"to caller at {_insnIdx}:\n");
            _printer.AppendFrame(_log.Builder, _cur, caller, null);
        }
        _cur.Frames[_cur.CurFrame] = null!;
        _cur.CurFrame--;
        _scratch.MarkAll();
    }

    private long _constMapKey = -1;

    private const string MemArgExpected = "fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_";

    /// <summary>check_reg_type for memory arguments (compatible_reg_types mem_types).</summary>
    private void CheckMemArgType(int regno, in RegState reg)
    {
        bool ok = reg.Type is RegType.PtrToStack or RegType.PtrToPacket or RegType.PtrToPacketMeta or RegType.PtrToMapKey
            or RegType.PtrToMapValue or RegType.PtrToMem or RegType.PtrToBuf && !reg.IsMaybeNull;
        if (!ok)
        {
            if (reg.Type is RegType.PtrToBtfId)
                Unsupported("BTF pointer as helper memory argument");
            Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), MemArgExpected));
        }
    }

    private static bool CanElideNullness(uint mapType) => mapType is 2 or 6; // array, percpu array

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

    private static string HelperName(int id) => HelperNames.TryGetName(id, out var n) ? n : "unknown";

    private void CheckHelperCall(int id)
    {
        if (id < 0 || id >= HelperNames.Count)
            Fail(Messages.InvalidFunc(HelperName(id), id), -22);
        var proto = HelperTable.Find(id);
        if (proto == null)
            Unsupported($"helper {HelperName(id)}#{id}");
        if (_ptype == null)
            Unsupported($"program type {_prog.Type}");
        if ((proto.Family & _ptype.Helpers) == 0)
            Unsupported($"helper {HelperName(id)}#{id} in program type {_prog.Type}");
        if (proto.GplOnly && !_obj.IsGplCompatible)
            Fail(Messages.GplOnly, -22);

        if (id == TailCallId)
        {
            foreach (var rf in _cur.Refs)
            {
                if (rf.Kind == RefKind.Ptr)
                    Fail("tail_call would lead to reference leak", -22);
            }
        }
        int mapArg = -1;
        _constMapKey = -1;
        for (int i = 0; i < proto.Args.Length && i < MaxArgs; i++)
            CheckFuncArg(proto, i, ref mapArg);
        if (mapArg >= 0)
        {
            uint mt = _maps[mapArg].Type;
            switch (MapFuncCompat.Check(mt, id))
            {
                case MapCompat.Refused:
                    Fail($"cannot pass map_type {mt} into func {HelperName(id)}#{id}", -22);
                    break;
                case MapCompat.Unsupported:
                    Unsupported($"map type {mt} with helper {HelperName(id)}#{id}");
                    break;
            }
        }

        // Caller-saved registers are clobbered; R0 gets the return value.
        for (int r = 0; r <= 5; r++)
        {
            Regs[r] = RegState.NotInit;
            _scratch.MarkReg(r);
        }
        ref var r0 = ref Regs[0];
        switch (proto.Ret)
        {
            case RetKind.Integer:
                MarkUnknown(ref r0);
                if (proto.RetRange is { } rr)
                {
                    var b = r0.Bounds;
                    b.SMin = rr.Min;
                    b.SMax = rr.Max;
                    ScalarOps.Sync(ref b);
                    r0.Bounds = b;
                }
                SanityCheck(ref r0, "retval");
                break;
            case RetKind.Void:
                r0 = RegState.NotInit;
                break;
            case RetKind.MapValueOrNull:
                {
                    // 6.18: an array lookup with a constant in-range key cannot fail.
                    bool nonNull = id == 1 && CanElideNullness(_maps[mapArg].Type) && _constMapKey >= 0 && _constMapKey < _maps[mapArg].MaxEntries;
                    r0 = KnownZeroPtr(RegType.PtrToMapValue, nonNull ? RegFlags.None : RegFlags.MaybeNull);
                    r0.MapIndex = mapArg;
                    if (!nonNull)
                        r0.Id = NewId();
                    break;
                }
            default:
                Unsupported($"return type of helper {HelperName(id)}#{id}");
                break;
        }
        if (id == TailCallId && _cur.CurFrame > 0)
        {
            // 6.18: a tail call from a subprogram either happens (the subprogram returns an unknown R0) or falls through.
            PushStack(_insnIdx + 1, _insnIdx, false);
            ClearAllPktPointers();
            MarkUnknown(ref Regs[0]);
            PrepareFuncExit();
            _insnIdx--;
        }
    }

    private const int TailCallId = 12;

    /// <summary>clear_all_pkt_pointers: packet data may have moved.</summary>
    private void ClearAllPktPointers() => ForEachReg(_cur, (ref RegState r) =>
    {
        if (r.IsPacketPtr || r.Type == RegType.PtrToPacketEnd)
            MarkUnknown(ref r);
    });

    private void CheckFuncArg(HelperProto proto, int arg, ref int mapArg)
    {
        int regno = arg + 1;
        var kind = proto.Args[arg];
        if (kind == ArgKind.DontCare)
            return;
        CheckRegArg(regno, RegUse.Src);
        var reg = Regs[regno];
        switch (kind)
        {
            case ArgKind.Anything:
                return;
            case ArgKind.ConstMapPtr:
                if (reg.Type != RegType.ConstPtrToMap)
                    Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), "map_ptr"));
                mapArg = reg.MapIndex;
                return;
            case ArgKind.PtrToCtx:
                if (reg.Type != RegType.PtrToCtx)
                    Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), "ctx"));
                if (reg.Off != 0)
                    Fail(Messages.ModifiedCtx(TypeStr(reg), regno, reg.Off));
                return;
            case ArgKind.PtrToMapKey:
            case ArgKind.PtrToMapValue:
                {
                    if (mapArg < 0)
                        Fail("invalid map_ptr to access map->key", -13);
                    var m = _maps[mapArg];
                    int size = (int)(kind == ArgKind.PtrToMapKey ? m.KeySize : m.ValueSize);
                    if (kind == ArgKind.PtrToMapKey && CanElideNullness(m.Type))
                        _constMapKey = ConstantMapKey(reg, size);
                    CheckMemArgType(regno, reg);
                    CheckHelperMem(regno, size, MemArgExpected, write: false);
                    return;
                }
            case ArgKind.PtrToMemRdonly:
            case ArgKind.PtrToUninitMem:
                {
                    CheckMemArgType(regno, reg);
                    // The size comes from the next argument, which must be a bounded scalar.
                    CheckRegArg(regno + 1, RegUse.Src);
                    var sz = Regs[regno + 1];
                    if (sz.Type != RegType.Scalar)
                        Fail(Messages.ArgTypeMismatch(regno + 1, TypeStr(sz), "scalar"));
                    if (sz.Bounds.SMin < 0)
                        Fail(Messages.UnboundedMinSize(regno + 1));
                    bool zeroOk = arg + 1 < proto.Args.Length && proto.Args[arg + 1] == ArgKind.ConstSizeOrZero;
                    if (sz.Bounds.UMin == 0 && !zeroOk)
                        Fail($"R{regno + 1} invalid zero-sized read: u64=[{(long)sz.Bounds.UMin},{sz.Bounds.UMax}]");
                    if (sz.Bounds.UMax >= MaxVarOff)
                        Fail(Messages.UnboundedSize(regno + 1));
                    if (reg.IsPacketPtr && !proto.PktAccess)
                        Fail("helper access to the packet is not allowed");
                    CheckHelperMem(regno, (int)sz.Bounds.UMax, MemArgExpected, write: kind == ArgKind.PtrToUninitMem);
                    return;
                }
            case ArgKind.ConstSize:
            case ArgKind.ConstSizeOrZero:
                return; // checked with the memory argument before it
            default:
                Unsupported($"argument kind {kind}");
                return;
        }
    }

    /// <summary>check_helper_mem_access for the memory kinds modelled (stack, map value/key, packet).</summary>
    private void CheckHelperMem(int regno, int size, string expected, bool write)
    {
        var reg = Regs[regno];
        switch (reg.Type)
        {
            case RegType.PtrToStack:
                {
                    CheckStackAccessWithinBounds(regno, reg.Off, size, write ? " write to" : " read from", write);
                    var state = FrameOf(reg);
                    if (!reg.Bounds.IsConst)
                    {
                        // Variable offset: every byte that may be touched must be readable; nothing is marked written.
                        long lo = reg.Bounds.SMin + reg.Off, hi = reg.Bounds.SMax + reg.Off + size;
                        for (long b = lo; b < hi; b++)
                        {
                            int slot = (int)(-b - 1);
                            var t = state.Slots[slot];
                            if (t is SlotType.Misc or SlotType.Zero or SlotType.Invalid)
                                continue;
                            if (t == SlotType.Spill && state.Spilled[slot / FuncState.RegSize].Type == RegType.Scalar)
                                continue;
                            Fail($"invalid read from stack R{regno} var_off {ScalarText.TnumText(reg.Bounds.VarOff)}+{reg.Off} size {size}");
                        }
                        return;
                    }
                    int off = reg.Off + (int)reg.Bounds.ConstValue;
                    for (int i = 0; i < size; i++)
                    {
                        int slot = -(off + i) - 1;
                        int spi = slot / FuncState.RegSize;
                        if (write)
                        {
                            // The helper may write anything: spilled state is lost.
                            if (state.Slots[slot] == SlotType.Spill || IsSpecialSlot(state, spi))
                                ScrubSpecialSlot(state, spi);
                            state.Slots[slot] = SlotType.Misc;
                            continue;
                        }
                        var t = state.Slots[slot];
                        if (t is SlotType.Misc or SlotType.Zero or SlotType.Invalid or SlotType.Spill)
                            continue;
                        Fail(Messages.IndirectStackRead(" indirect", regno, off, i, size));
                    }
                    return;
                }
            case RegType.PtrToMapValue when !reg.IsMaybeNull:
                {
                    var map = _maps[reg.MapIndex];
                    if (write && (map.IsReadOnlyGlobal || (map.Flags & MapFlagRdonlyProg) != 0))
                        Fail("write into map forbidden");
                    CheckMemRegion(regno, reg.Off, size, (int)map.ValueSize, "invalid access to map value, value_size");
                    return;
                }
            case RegType.PtrToMapKey when !reg.IsMaybeNull:
                CheckMemRegion(regno, reg.Off, size, (int)_maps[reg.MapIndex].KeySize, "invalid access to map key, key_size");
                return;
            case RegType.PtrToPacket:
            case RegType.PtrToPacketMeta:
                CheckPacketAccess(regno, reg.Off, size);
                return;
            case RegType.PtrToMem when !reg.IsMaybeNull:
                CheckMemRegion(regno, reg.Off, size, reg.Aux, "invalid access to memory, mem_size");
                return;
            default:
                if (reg.Type == RegType.Scalar || reg.Type == RegType.PtrToCtx || reg.Type == RegType.ConstPtrToMap || reg.IsMaybeNull)
                    Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), expected));
                Unsupported($"helper memory argument of type {TypeStr(reg)}");
                return;
        }
    }
}
