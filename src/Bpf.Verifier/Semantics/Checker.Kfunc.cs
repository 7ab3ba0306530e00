using Bpf.Btf;
using Bpf.Isa;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Platform;
using Bpf.Verifier.Platform.Kfuncs;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// check_kfunc_call: resolution and permission of the kernel function, its arguments against the BTF prototype
/// (Checker.KfuncArgs.cs), the lock/RCU/preemption bookkeeping, releases, and the return value.
/// </summary>
internal sealed partial class Checker
{
    /// <summary>What one kfunc call has learned while checking its arguments (struct bpf_kfunc_call_arg_meta).</summary>
    private sealed class KfuncCall
    {
        public required KfuncInfo Info;
        public required uint FuncId;
        public required uint ProtoId;
        public int ReleaseRegno;
        public uint RefObjId;
        public ulong? Constant;
        /// <summary>The iterator argument's frame and first slot (meta->iter).</summary>
        public int IterFrame;
        public int IterSpi;
        /// <summary>The initialized dynptr argument (meta->initialized_dynptr): id, kind, reference.</summary>
        public uint DynptrId;
        public DynptrKind DynptrKind;
        public uint DynptrRef;
        /// <summary>The map of a bpf_wq/bpf_task_work argument or of a __map argument (meta->map.ptr), -1 if none.</summary>
        public int MapArg = -1;
        /// <summary>The subprogram of a callback argument (meta->subprogno), -1 if none.</summary>
        public int CallbackSub = -1;
    }

    private static BtfSpec Kbtf => KernelTypes.Btf;

    private void CheckKfuncCall(Instruction insn)
    {
        // do_check: under bpf_spin_lock only the graph, iter_num and res_spin_lock kfuncs of vmlinux may be called.
        if (HoldsLock() && (insn.Offset != 0 || !KfuncAllowedUnderLock()))
            Fail(KfuncMessages.CallUnderLock, Einval);
        if (TryCheckLocalObjectKfunc())
            return;
        var call = FetchKfunc(insn);
        string name = call.Info.Name;
        if (name == "__bpf_trap")
            Fail(KfuncMessages.BpfTrap, -14);
        if (call.Info.Has(KfuncFlags.Sleepable) && !InSleepableCtx)
            Fail(KfuncMessages.MustBeSleepable(name), Eacces);
        if (IsResLockAcquire(name))
            PushResLockFailure();

        CheckKfuncArgs(call);
        PushKfuncAsyncCallback(call);

        bool rcuLock = name == "bpf_rcu_read_lock", rcuUnlock = name == "bpf_rcu_read_unlock";
        bool preemptOff = name == "bpf_preempt_disable", preemptOn = name == "bpf_preempt_enable";
        bool sleepable = call.Info.Has(KfuncFlags.Sleepable);
        if (_cur.ActiveRcuLock != 0)
        {
            if (rcuLock)
                Fail(KfuncMessages.NestedRcu(name), Einval);
            if (rcuUnlock)
            {
                // Pointers that were only valid inside the critical section become untrusted.
                ForEachReg(_cur, (ref RegState r) =>
                {
                    if ((r.Flags & RegFlags.MemRcu) != 0)
                        r.Flags = (r.Flags & ~(RegFlags.MemRcu | RegFlags.MaybeNull)) | RegFlags.PtrUntrusted;
                });
                UntrustRcuIterSlots();
                _cur.ActiveRcuLock = 0;
            }
            else if (sleepable)
            {
                Fail(KfuncMessages.SleepableInRcu(name), Eacces);
            }
        }
        else if (rcuLock)
        {
            _cur.ActiveRcuLock = 1;
        }
        else if (rcuUnlock)
        {
            Fail(KfuncMessages.UnmatchedRcuUnlock(name), Einval);
        }

        if (_cur.ActivePreemptLock != 0)
        {
            if (preemptOff)
                _cur.ActivePreemptLock++;
            else if (preemptOn)
                _cur.ActivePreemptLock--;
            else if (sleepable)
                Fail(KfuncMessages.SleepableInPreemptOff(name), Eacces);
        }
        else if (preemptOff)
        {
            _cur.ActivePreemptLock++;
        }
        else if (preemptOn)
        {
            Fail(KfuncMessages.UnmatchedPreemptEnable(name), Einval);
        }

        if (sleepable && ActiveIrqId != 0)
            Fail(LockMessages.SleepableKfuncInIrq(name), Eacces);

        if (call.Info.Has(KfuncFlags.RcuProtected) && !InRcuCs)
            Fail(KfuncMessages.NeedsRcu(name), Eacces);

        if (call.Info.Has(KfuncFlags.PktChanging))
            ClearAllPktPointers();
        if (call.ReleaseRegno != 0)
            ReleaseReference(Regs[call.ReleaseRegno].RefObjId, name, call.FuncId);
        bool isThrow = name == "bpf_throw";
        if (isThrow)
            CheckThrowCookie();

        for (int r = 0; r <= 5; r++)
        {
            Regs[r] = RegState.NotInit;
            _scratch.MarkReg(r);
        }
        if (call.Info.Has(KfuncFlags.IterNext))
        {
            SetIterNextReturn(call);
            ProcessIterNextCall(call);
        }
        else
        {
            SetKfuncReturn(call);
            if (IsResLockAcquire(name))
                SetResLockAcquired();
        }
        if (isThrow)
            ThrowExit();
    }

    /// <summary>kfunc_spin_allowed: the list/rbtree/refcount API, open-coded number iterators, resilient spin locks.</summary>
    private bool KfuncAllowedUnderLock()
    {
        string name = _prog.Kfuncs.TryGetValue(_insnIdx, out var k) ? k.Name : "";
        return name.StartsWith("bpf_list_", StringComparison.Ordinal) || name.StartsWith("bpf_rbtree_", StringComparison.Ordinal)
            || name == "bpf_refcount_acquire_impl" || name.StartsWith("bpf_iter_num_", StringComparison.Ordinal)
            || name.StartsWith("bpf_res_spin_", StringComparison.Ordinal);
    }

    /// <summary>fetch_kfunc_meta: the FUNC in the kernel BTF, its set membership for this program type.</summary>
    private KfuncCall FetchKfunc(Instruction insn)
    {
        if (!_prog.Kfuncs.TryGetValue(_insnIdx, out var k) || !k.IsFunction)
            Unsupported("kfunc call without a resolved kernel function");
        if (k.BtfObjFd != 0)
            Unsupported($"kfunc {k.Name} of a kernel module");
        var btf = Kbtf;
        uint funcId = (uint)insn.Imm;
        if (!btf.IsValidId(funcId) || btf.Kind(funcId) != BtfKind.Func || btf.Name(funcId) != k.Name)
            funcId = btf.FindByName(k.Name, BtfKind.Func);
        if (funcId == 0)
            Unsupported($"kfunc {k.Name} absent from the kernel BTF");
        var info = KfuncTable.Find(k.Name);
        if (info == null)
            Fail(KfuncMessages.NotAllowed(k.Name), Eacces);
        CheckKfuncAllowed(info);
        if (!info.IsModelled)
            Unsupported($"kfunc {k.Name}");
        return new KfuncCall { Info = info, FuncId = funcId, ProtoId = btf.RefType(funcId) };
    }

    /// <summary>release_reference: drop the reference and invalidate every copy of the released pointer.</summary>
    private void ReleaseReference(uint refObjId, string name, uint funcId)
    {
        if (!_cur.RemoveRef(refObjId))
            Fail(KfuncMessages.RefNotAcquired(name, funcId), Einval);
        // mark_reg_invalid with allow_ptr_leaks (root): the copies become unknown scalars.
        ForEachReg(_cur, (ref RegState r) =>
        {
            if (r.RefObjId == refObjId)
                MarkUnknown(ref r);
        });
    }

    private uint AcquireReference()
    {
        uint id = NewId();
        _cur.AddRef(new ReferenceState(RefKind.Ptr, id, _insnIdx));
        return id;
    }

    /// <summary>The "Check return type" part of check_kfunc_call.</summary>
    private void SetKfuncReturn(KfuncCall call)
    {
        var btf = Kbtf;
        string name = call.Info.Name;
        uint retId = btf.SkipModsAndTypedefs(btf.RefType(call.ProtoId));
        var kind = btf.Kind(retId);
        bool acquire = call.Info.Has(KfuncFlags.Acquire);
        ref var r0 = ref Regs[0];
        if (acquire && !IsStructPtr(btf, retId))
            Fail(KfuncMessages.AcquireNotBtfId, Einval);
        if (retId == 0)
            return;
        if (kind is BtfKind.Int or BtfKind.Enum or BtfKind.Enum64)
        {
            MarkUnknown(ref r0);
            r0.SubregDef = btf.RawSize(retId) < 8 ? _insnIdx + 1 : 0;
            return;
        }
        if (kind != BtfKind.Ptr)
            Unsupported($"return type of kfunc {name}");
        uint targetId = btf.SkipModsAndTypedefs(btf.RefType(retId));
        var target = btf.Kind(targetId);
        if (name == "bpf_cast_to_kern_ctx")
        {
            r0 = KnownZeroPtr(RegType.PtrToBtfId, RegFlags.PtrTrusted);
            r0.BtfId = KernCtxStructId();
        }
        else if (name == "bpf_rdonly_cast")
        {
            SetRdonlyCastReturn(ref r0, call.Constant ?? 0);
        }
        else if (name == "bpf_session_cookie")
        {
            r0 = KnownZeroPtr(RegType.PtrToMem);
            r0.Aux = 8;
        }
        else if (name is "bpf_dynptr_slice" or "bpf_dynptr_slice_rdwr")
        {
            SetDynptrSliceReturn(ref r0, call);
        }
        else if (targetId == 0)
        {
            // A kfunc returning 'void *' returns a scalar.
            MarkUnknown(ref r0);
            return;
        }
        else if (target is not (BtfKind.Struct))
        {
            Unsupported($"kfunc {name} returning a pointer to memory");
        }
        else
        {
            // bpf_get_kmem_cache looks up any address: its cache is only safe to read through probe loads.
            var retFlags = name == "bpf_get_kmem_cache" ? RegFlags.PtrUntrusted
                : call.Info.Has(KfuncFlags.RcuProtected) ? RegFlags.MemRcu : RegFlags.None;
            r0 = KnownZeroPtr(RegType.PtrToBtfId, retFlags);
            r0.BtfId = targetId;
        }
        if (call.Info.Has(KfuncFlags.RetNull))
        {
            r0.Flags |= RegFlags.MaybeNull;
            r0.Id = NewId();
        }
        if (acquire)
        {
            uint id = AcquireReference();
            if (call.Info.Has(KfuncFlags.RetNull))
                r0.Id = id;
            r0.RefObjId = id;
        }
    }

    private static bool IsStructPtr(BtfSpec btf, uint id) =>
        btf.Kind(id) == BtfKind.Ptr && btf.Kind(btf.SkipModsAndTypedefs(btf.RefType(id))) == BtfKind.Struct;

    /// <summary>get_kern_ctx_btf_id: the kernel struct behind the program type's context.</summary>
    private uint KernCtxStructId()
    {
        string? kern = KfuncContexts.KernelContextStruct(_prog.Type);
        if (kern == null)
            Unsupported($"bpf_cast_to_kern_ctx in program type {_prog.Type}");
        uint id = KernelTypes.StructId(kern);
        if (id == 0)
            Unsupported($"kernel context struct {kern}");
        return id;
    }

    /// <summary>bpf_rdonly_cast: an untrusted pointer to the struct named by the constant type id (or read-only memory for void).</summary>
    private void SetRdonlyCastReturn(ref RegState r0, ulong typeId)
    {
        var btf = Kbtf;
        if (typeId > uint.MaxValue || !btf.IsValidId((uint)typeId))
            Fail($"Unknown type ID {(long)typeId} passed to kfunc bpf_rdonly_cast", Einval);
        uint id = (uint)typeId;
        if (btf.Kind(id) is BtfKind.Struct or BtfKind.Union)
        {
            r0 = KnownZeroPtr(RegType.PtrToBtfId, RegFlags.PtrUntrusted);
            r0.BtfId = id;
        }
        else if (id == 0)
        {
            r0 = UntrustedMem();
        }
        else
        {
            Fail(KfuncMessages.RdonlyCastType, Einval);
        }
    }

    /// <summary>The program type's kfunc sets (btf_kfunc_id_set_contains): unknown membership is unsupported.</summary>
    private void CheckKfuncAllowed(KfuncInfo info)
    {
        switch (KfuncTable.IsAllowed(info.Set, _prog))
        {
            case null:
                Unsupported($"kfunc {info.Name}");
                break;
            case false:
                Fail(KfuncMessages.NotAllowed(info.Name), Eacces);
                break;
        }
    }
}
