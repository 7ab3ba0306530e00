using Bpf.Isa;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Platform;
using Bpf.Verifier.Platform.Helpers;

namespace Bpf.Verifier.Semantics;

/// <summary>check_helper_call: availability, prototype arguments, map compatibility, references and R0.</summary>
internal sealed partial class Checker
{
    private const int MaxArgs = 5;
    private const int TailCallId = 12, SpinLockId = 93, SpinUnlockId = 94, GetLocalStorageId = 81, GetFuncIpId = 173;
    private const long MaxErrno = 4095;

    /// <summary>What argument checking learnt for the rest of the call (struct bpf_call_arg_meta, the part modelled).</summary>
    private struct CallMeta
    {
        public int MapArg;
        public long ConstMapKey;
        public uint RefObjId;
        public int ReleaseRegno;
        /// <summary>umax of the last size argument (msize_max_value).</summary>
        public ulong MsizeMax;
        /// <summary>ARG_CONST_ALLOC_SIZE_OR_ZERO value.</summary>
        public int MemSize;
        /// <summary>The released argument is a dynptr on the stack (unmark_stack_slots_dynptr).</summary>
        public bool DynptrRelease;
        /// <summary>bpf_dynptr_data: id of the dynptr the slice comes from.</summary>
        public uint DynptrId;
        /// <summary>bpf_dynptr_write into an skb dynptr: packet pointers are invalidated.</summary>
        public bool DynptrChangesData;
        /// <summary>bpf_kptr_xchg: the referenced kptr field the destination points to.</summary>
        public BtfField KptrField;
        /// <summary>ARG_PTR_TO_FUNC: the subprogram a timer calls back.</summary>
        public int CallbackSubprog;
    }

    private static string HelperName(int id) => HelperNames.TryGetName(id, out var n) ? n : "unknown";

    private bool HoldsLock()
    {
        foreach (var r in _cur.Refs)
        {
            if (r.Kind is RefKind.Lock or RefKind.ResLock or RefKind.ResLockIrq)
                return true;
        }
        return false;
    }

    private void CheckHelperCall(int id)
    {
        if (id < 0 || id >= HelperNames.Count)
            Fail(Messages.InvalidFunc(HelperName(id), id), -22);
        if (_ptype == null)
            Unsupported($"program type {_prog.Type}");
        switch (HelperAvailability.Check(_prog, id))
        {
            case HelperAccess.Refused:
                Fail(HelperMessages.CannotUse(HelperName(id), id), -22);
                break;
            case HelperAccess.UnknownProgramType:
                Unsupported($"helper {HelperName(id)}#{id} in program type {_prog.Type}");
                break;
        }
        if (TryCheckCallbackHelper(id))
            return;
        var proto = HelperTable.Find(id, _prog.Type);
        if (proto == null)
            Unsupported($"helper {HelperName(id)}#{id}");
        if (proto.GplOnly && !_obj.IsGplCompatible)
            Fail(Messages.GplOnly, -22);
        CheckHelperAllowed(proto);
        CheckDPathAllowed(id);
        if (proto.MightSleep && !InSleepableCtx)
            Fail(HelperMessages.MightSleep, -22);
        CheckSleepableHelperInRegion(proto, id);
        _helperId = id;

        var meta = new CallMeta { MapArg = -1, ConstMapKey = -1 };
        for (int i = 0; i < proto.Args.Length && i < MaxArgs; i++)
            CheckFuncArg(proto, i, ref meta);

        RecordFuncMap(id, meta);
        if (meta.ReleaseRegno != 0)
            ReleaseHelperArg(id, meta);
        CheckDynptrHelperEffects(proto, id, ref meta);
        CheckSnprintfCall(id);
        if (id == TimerSetCallbackId)
            PushAsyncCallback(meta);
        // precision: mark R3 (record_func_key: the tail call index)
        if (id == TailCallId)
            CheckResourceLeak(HelperMessages.TailCall, checkLock: true);
        if (id == GetLocalStorageId)
        {
            var flags = Regs[2];
            if (!(flags.Type == RegType.Scalar && flags.Bounds.IsConst && flags.Bounds.ConstValue == 0))
                Fail(HelperMessages.LocalStorageFlags, -22);
            // precision: mark R2
        }

        // Caller-saved registers are clobbered; R0 gets the return value.
        for (int r = 0; r <= 5; r++)
        {
            Regs[r] = RegState.NotInit;
            _scratch.MarkReg(r);
        }
        SetHelperReturn(proto, id, meta);

        if (meta.MapArg >= 0)
        {
            uint mt = _maps[meta.MapArg].Type;
            switch (MapFuncCompat.Check(mt, id))
            {
                case MapCompat.Refused:
                    Fail(HelperMessages.MapFuncMismatch(mt, HelperName(id), id), -22);
                    break;
                case MapCompat.SockmapUpdate:
                    if (!MapFuncCompat.MayUpdateSockmap(_prog.Type, _prog.ExpectedAttachType, id))
                    {
                        _log.WriteLine("cannot update sockmap in this context");
                        Fail(HelperMessages.MapFuncMismatch(mt, HelperName(id), id), -22);
                    }
                    break;
                case MapCompat.Unsupported:
                    Unsupported($"map type {mt} with helper {HelperName(id)}#{id}");
                    break;
            }
        }

        if (id == GetFuncIpId)
            CheckGetFuncIp();
        // A failed tail call falls through with the packet untouched (the live 6.18 kernel keeps packet pointers
        // valid after one in the main program); only a tail call that happened from a subprogram comes back, below.
        if ((HelperTable.ChangesPktData(id) && id != TailCallId) || meta.DynptrChangesData)
            ClearAllPktPointers();
        if (id == TailCallId && _cur.CurFrame > 0)
        {
            // 6.18: a tail call from a subprogram either happens (the subprogram returns an unknown R0) or falls through.
            PushStack(_insnIdx + 1, _insnIdx, false);
            // The called program may have moved the packet its caller points into.
            ClearAllPktPointers();
            MarkUnknown(ref Regs[0]);
            PrepareFuncExit();
            _insnIdx--;
        }
    }

    /// <summary>check_get_func_ip: only kprobes and trampoline programs (fentry/fexit/fmod_ret) know their function.</summary>
    private void CheckGetFuncIp()
    {
        if (_prog.Type == Bpf.Object.ProgramType.Kprobe)
            return;
        string name = HelperName(GetFuncIpId);
        if (_prog.Type == Bpf.Object.ProgramType.Tracing)
            Fail($"func {name}#{GetFuncIpId} supported only for fentry/fexit/fmod_ret programs", -524);
        Fail($"func {name}#{GetFuncIpId} not supported for program type {(int)_prog.Type}", -524);
    }

    /// <summary>record_func_map: a read-only map refuses the modifying helpers; a tail call needs a program array.</summary>
    private void RecordFuncMap(int id, in CallMeta meta)
    {
        if (meta.MapArg < 0)
            return;
        var map = _maps[meta.MapArg];
        bool rdonly = IsProgReadOnly(map);
        if (rdonly && id is 2 or 3 or 87 or 88)
            Fail("write into map forbidden");
        if (id == TailCallId && map.Type != 3)
        {
            // The kernel prints this one without a newline.
            _log.Write("expected prog array map for tail call");
            throw new VerifierException("expected prog array map for tail call", -22);
        }
    }

    /// <summary>R0 after the call, from the prototype's return kind (and the reference it may carry).</summary>
    private void SetHelperReturn(HelperProto proto, int id, in CallMeta meta)
    {
        ref var r0 = ref Regs[0];
        switch (proto.Ret)
        {
            case RetKind.Integer:
                MarkUnknown(ref r0);
                var b = r0.Bounds;
                if (proto.RetRange is { } rr)
                {
                    b.SMin = rr.Min;
                    b.SMax = rr.Max;
                }
                else if (proto.RetCpuId)
                {
                    b.SMin = 0;
                    b.SMax = _opt.NrCpus - 1;
                }
                else if (proto.RetBySize)
                {
                    // do_refine_retval_range: the helper returns a length no larger than the buffer, or -errno.
                    b.SMax = (long)meta.MsizeMax;
                    b.S32Max = (int)meta.MsizeMax;
                    b.SMin = -MaxErrno;
                    b.S32Min = -(int)MaxErrno;
                }
                ScalarOps.Sync(ref b);
                r0.Bounds = b;
                SanityCheck(ref r0, "retval");
                return;
            case RetKind.Void:
                r0 = RegState.NotInit;
                return;
            case RetKind.MapValue:
                r0 = KnownZeroPtr(RegType.PtrToMapValue);
                r0.MapIndex = meta.MapArg;
                if (MayPointToSpinLock(r0))
                    r0.Id = NewId();
                return;
            case RetKind.MapValueOrNull:
                SetMapLookupReturn(ref r0, id, meta);
                return;
            case RetKind.KptrOrNull:
                r0 = KptrXchgReturn(meta);
                break;
            case RetKind.SocketOrNull:
                r0 = KnownZeroPtr(RegType.PtrToSocket, RegFlags.MaybeNull);
                break;
            case RetKind.SockCommonOrNull:
                r0 = KnownZeroPtr(RegType.PtrToSockCommon, RegFlags.MaybeNull);
                break;
            case RetKind.TcpSockOrNull:
                r0 = KnownZeroPtr(RegType.PtrToTcpSock, RegFlags.MaybeNull);
                break;
            case RetKind.RingbufMemOrNull:
                r0 = KnownZeroPtr(RegType.PtrToMem, RegFlags.MemRingbuf | RegFlags.MaybeNull);
                r0.Aux = meta.MemSize;
                break;
            case RetKind.DynptrMemOrNull:
                SetDynptrDataReturn(ref r0, meta);
                return;
            case RetKind.BtfId:
                SetBtfIdReturn(ref r0, proto, id);
                return;
            case RetKind.BtfIdOrNull:
                SetBtfIdReturn(ref r0, proto, id);
                break;
            case RetKind.BtfIdTrusted:
                {
                    uint btfId = KernelTypes.StructId(proto.RetStruct!);
                    if (btfId == 0)
                        Unsupported($"return type of helper {HelperName(id)}#{id}");
                    r0 = KnownZeroPtr(RegType.PtrToBtfId, RegFlags.PtrTrusted);
                    r0.BtfId = btfId;
                    return;
                }
        }
        // A pointer that may be NULL gets an id for the NULL check; an acquired object a second one, its reference.
        r0.Id = NewId();
        if (proto.PtrCast)
        {
            // The cast shares the argument's reference but has its own id, so a NULL check of the cast does not
            // end the reference (mark_ptr_or_null_regs releases only when ref_obj_id == id).
            r0.RefObjId = meta.RefObjId;
        }
        else if (proto.Acquire)
        {
            uint refId = NewId();
            _cur.AddRef(new ReferenceState(RefKind.Ptr, refId, _insnIdx));
            r0.Id = refId;
            r0.RefObjId = refId;
        }
    }

    private const uint XskmapType = 17;

    /// <summary>map_lookup_elem and lookup_percpu_elem: a value, or for a map-in-map the inner map.</summary>
    private void SetMapLookupReturn(ref RegState r0, int id, in CallMeta meta)
    {
        var map = _maps[meta.MapArg];
        if (map.Type is 12 or 13)
        {
            // A map_value_or_null of the outer map until the NULL check makes it the inner map template
            // (mark_ptr_not_null_reg).
            if (map.InnerMap == null)
                Unsupported("map-in-map without an inner map template");
            r0 = KnownZeroPtr(RegType.PtrToMapValue, RegFlags.MaybeNull);
            r0.MapIndex = meta.MapArg;
            r0.Id = NewId();
            return;
        }
        if (map.Type is SockmapType or SockhashType or XskmapType)
        {
            // A map_value_or_null until the NULL check makes it the socket (mark_ptr_or_null_reg); a sockmap or
            // sockhash lookup takes a reference on the socket (is_acquire_function).
            r0 = KnownZeroPtr(RegType.PtrToMapValue, RegFlags.MaybeNull);
            r0.MapIndex = meta.MapArg;
            r0.Id = NewId();
            if (map.Type != XskmapType)
            {
                uint refId = NewId();
                _cur.AddRef(new ReferenceState(RefKind.Ptr, refId, _insnIdx));
                r0.Id = refId;
                r0.RefObjId = refId;
            }
            return;
        }
        // 6.18: an array lookup with a constant in-range key cannot fail.
        bool nonNull = id == 1 && CanElideNullness(map.Type) && meta.ConstMapKey >= 0 && meta.ConstMapKey < map.MaxEntries;
        r0 = KnownZeroPtr(RegType.PtrToMapValue, nonNull ? RegFlags.None : RegFlags.MaybeNull);
        r0.MapIndex = meta.MapArg;
        if (!nonNull || MayPointToSpinLock(r0))
            r0.Id = NewId();
    }

    /// <summary>
    /// Index in <see cref="_maps"/> of the inner-map template of outer map <paramref name="outer"/>. The kernel makes
    /// one inner_map_meta per outer map (bpf_map_meta_alloc, with no name), so the inner maps of two outer maps sharing
    /// a template (legacy objects' inner_map_idx) are different map pointers to state equivalence.
    /// </summary>
    private int InnerMapIndex(int outer)
    {
        int i = _innerOf.IndexOf(outer);
        if (i >= 0)
            return _obj.Maps.Count + i;
        _innerOf.Add(outer);
        _maps.Add(_maps[outer].InnerMap! with { Name = "" });
        return _maps.Count - 1;
    }

    private readonly List<int> _innerOf = [];

    private static bool CanElideNullness(uint mapType) => mapType is 2 or 6; // array, percpu array

    /// <summary>release_reference for an OBJ_RELEASE argument: the reference ends, every copy of the pointer dies.</summary>
    private void ReleaseHelperArg(int id, in CallMeta meta)
    {
        if (meta.DynptrRelease)
        {
            UnmarkDynptrSlots(Regs[meta.ReleaseRegno]);
            return;
        }
        uint refId = meta.RefObjId;
        if (refId == 0)
        {
            // Only a NULL register can reach here without a reference; releasing NULL is a no-op.
            return;
        }
        if (!_cur.RemoveRef(refId))
            Fail(HelperMessages.NotAcquired(HelperName(id), id), -22);
        // mark_reg_invalid: with allow_ptr_leaks (root) the copies become unknown scalars.
        ForEachReg(_cur, (ref RegState r) =>
        {
            if (r.RefObjId == refId)
                MarkUnknown(ref r);
        });
    }

    /// <summary>clear_all_pkt_pointers: packet data may have moved.</summary>
    private void ClearAllPktPointers() => ForEachReg(_cur, (ref RegState r) =>
    {
        if (r.IsPacketPtr || r.Type == RegType.PtrToPacketEnd || Dynptrs.IsPacketSlice(r))
            MarkUnknown(ref r);
    });
}
