using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// The list/rbtree/refcount kfuncs of local objects (check_kfunc_args' graph argument kinds and check_kfunc_call's
/// special returns): roots live in map values or local objects and need their bpf_spin_lock held; a node pushed
/// or added becomes a non-owning reference until the lock is released; popped/removed nodes are owning (acquired).
/// </summary>
internal sealed partial class Checker
{
    /// <summary>How each graph kfunc's arguments are checked (get_kfunc_ptr_arg_type, from the parameter types).</summary>
    private enum GraphArg : byte
    {
        Ignore,
        Scalar,
        Refcounted,
        ListHead,
        ListNode,
        RbRoot,
        RbNode,
        Callback,
    }

    /// <summary>The graph kfuncs bpfv models and their parameters (the 6.18 prototypes).</summary>
    private static GraphArg[]? GraphKfuncArgs(string name) => name switch
    {
        "bpf_refcount_acquire_impl" => [GraphArg.Refcounted, GraphArg.Ignore],
        "bpf_list_push_front_impl" or "bpf_list_push_back_impl" => [GraphArg.ListHead, GraphArg.ListNode, GraphArg.Ignore, GraphArg.Scalar],
        "bpf_list_pop_front" or "bpf_list_pop_back" or "bpf_list_front" or "bpf_list_back" => [GraphArg.ListHead],
        "bpf_rbtree_add_impl" => [GraphArg.RbRoot, GraphArg.RbNode, GraphArg.Callback, GraphArg.Ignore, GraphArg.Scalar],
        "bpf_rbtree_remove" or "bpf_rbtree_left" or "bpf_rbtree_right" => [GraphArg.RbRoot, GraphArg.RbNode],
        "bpf_rbtree_first" or "bpf_rbtree_root" => [GraphArg.RbRoot],
        _ => null,
    };

    /// <summary>What the arguments of one graph kfunc call established (the graph part of bpf_kfunc_call_arg_meta).</summary>
    private struct GraphCall
    {
        public BtfField Root;
        public bool HasRoot;
        public uint ArgBtfId;
        public bool ArgOwningRef;
        public int CallbackSub;
    }

    private void CheckGraphKfunc(string name, GraphArg[] args)
    {
        var g = new GraphCall { CallbackSub = -1 };
        for (int i = 0; i < args.Length; i++)
        {
            int regno = i + 1;
            if (args[i] == GraphArg.Ignore)
                continue;
            _scratch.MarkReg(regno);
            var reg = Regs[regno];
            if (args[i] == GraphArg.Scalar)
            {
                if (reg.Type != RegType.Scalar)
                    Fail($"R{regno} is not a scalar", Einval);
                continue;
            }
            bool isNull = reg.Type == RegType.Scalar && reg.Bounds.IsConst && reg.Bounds.ConstValue == 0;
            // bpf_refcount_acquire_impl is KF_RCU, and the node a push or add takes over is checked as a trusted
            // argument too (live 6.18 kernel): neither may be NULL.
            bool owningNode = args[i] == GraphArg.ListNode || (args[i] == GraphArg.RbNode && name == "bpf_rbtree_add_impl");
            if ((args[i] == GraphArg.Refcounted || owningNode) && (isNull || reg.IsMaybeNull))
                Fail($"Possibly NULL pointer passed to trusted arg{i}", Eacces);
            CheckGraphArgRegOff(regno, reg);
            switch (args[i])
            {
                case GraphArg.ListHead or GraphArg.RbRoot:
                    GraphRootArg(regno, i, reg, args[i] == GraphArg.ListHead ? BtfFieldKind.ListHead : BtfFieldKind.RbRoot, ref g);
                    break;
                case GraphArg.ListNode or GraphArg.RbNode:
                    GraphNodeArg(name, regno, i, reg, args[i] == GraphArg.ListNode ? BtfFieldKind.ListNode : BtfFieldKind.RbNode, ref g);
                    break;
                case GraphArg.Callback:
                    if (reg.Type != RegType.PtrToFunc)
                        Fail($"arg{i} expected pointer to func", Einval);
                    g.CallbackSub = reg.Aux;
                    break;
                case GraphArg.Refcounted:
                    RefcountedArg(i, reg, ref g);
                    break;
            }
        }

        if (name == "bpf_rbtree_add_impl")
            PushRbtreeLessCallback(g.CallbackSub, g.Root);
        if (name is "bpf_list_push_front_impl" or "bpf_list_push_back_impl" or "bpf_rbtree_add_impl")
        {
            uint refId = Regs[2].RefObjId;
            ConvertOwningToNonOwning(refId);
            ReleaseReference(refId, name, 0);
        }
        ClobberCallerSaved();
        SetGraphKfuncReturn(name, g);
    }

    /// <summary>check_func_arg_reg_off for a graph argument (no release: fixed offsets are fine on local objects).</summary>
    private void CheckGraphArgRegOff(int regno, in RegState reg)
    {
        // The kernel checks no offset on these (the argument checks that follow reject them if need be).
        if (reg.Flags == RegFlags.None && reg.Type is RegType.PtrToMapValue or RegType.Scalar or RegType.PtrToStack
            or RegType.PtrToPacket or RegType.PtrToPacketMeta or RegType.PtrToMapKey or RegType.PtrToMem or RegType.PtrToBuf
            or RegType.PtrToArena)
            return;
        bool fixedOk = reg.Type == RegType.PtrToBtfId && (reg.Flags is RegFlags.MemAlloc or (RegFlags.MemAlloc | RegFlags.NonOwnRef)
            or (RegFlags.MemAlloc | RegFlags.NonOwnRef | RegFlags.MemRcu) or RegFlags.None or RegFlags.PtrTrusted or RegFlags.MemRcu);
        if (reg.Off < 0)
            Fail($"negative offset {TypeStr(reg)} ptr R{regno} off={reg.Off} disallowed", Eacces);
        if (!fixedOk && reg.Off != 0)
            Fail($"dereference of modified {TypeStr(reg)} ptr R{regno} off={reg.Off} disallowed", Eacces);
        if (!reg.Bounds.VarOff.IsConst || reg.Bounds.VarOff.Value != 0)
            Fail($"variable {TypeStr(reg)} access var_off={ScalarText.TnumText(reg.Bounds.VarOff)} disallowed", Eacces);
    }

    /// <summary>KF_ARG_PTR_TO_LIST_HEAD / KF_ARG_PTR_TO_RB_ROOT (__process_kf_arg_ptr_to_graph_root).</summary>
    private void GraphRootArg(int regno, int argNo, in RegState reg, BtfFieldKind kind, ref GraphCall g)
    {
        bool local = reg.Type == RegType.PtrToBtfId && reg.Flags == RegFlags.MemAlloc;
        if (!(reg.Type == RegType.PtrToMapValue && reg.Flags == RegFlags.None) && !local)
            Fail($"arg#{argNo} expected pointer to map value or allocated object", Einval);
        if (local && reg.RefObjId == 0)
            Fail("allocated object must be referenced", Einval);
        string kname = BtfRecord.KindName(kind);
        if (!reg.Bounds.VarOff.IsConst)
            Fail($"R{regno} doesn't have constant offset. {kname} has to be at the constant offset", Einval);
        var rec = local ? LocalRecord(reg.BtfId) : MapRecord(reg.MapIndex);
        uint off = (uint)(reg.Off + (long)reg.Bounds.VarOff.Value);
        var field = rec?.FindAt((int)off, (BtfFieldMask)(1 << (int)kind));
        if (field == null)
            Fail($"{kname} not found at offset={off}", Einval);
        if (!LockHeldFor(reg, local))
            Fail($"bpf_spin_lock at off={rec!.SpinLockOff} must be held for {kname}", Einval);
        g.Root = field.Value;
        g.HasRoot = true;
    }

    /// <summary>check_reg_allocation_locked: the held lock is the one of this map value or local object.</summary>
    private bool LockHeldFor(in RegState reg, bool local)
    {
        if (!HoldsLock())
            return false;
        int owner = local ? LocalObjectLock : reg.MapIndex;
        foreach (var r in _cur.Refs)
        {
            if (r.Kind == RefKind.Lock && r.Id == reg.Id && r.LockMap == owner)
                return true;
            // The kernel's lookup takes any lock kind (REF_TYPE_LOCK_MASK); a graph guarded by a resilient lock is not modelled.
            if (r.Kind is RefKind.ResLock or RefKind.ResLockIrq && r.Id == reg.Id && r.LockMap == owner)
                Unsupported("graph structure guarded by a bpf_res_spin_lock");
        }
        _log.WriteLine("held lock and object are not in the same allocation");
        return false;
    }

    /// <summary>KF_ARG_PTR_TO_LIST_NODE / KF_ARG_PTR_TO_RB_NODE (__process_kf_arg_ptr_to_graph_node).</summary>
    private void GraphNodeArg(string name, int regno, int argNo, in RegState reg, BtfFieldKind kind, ref GraphCall g)
    {
        if (kind == BtfFieldKind.RbNode && name != "bpf_rbtree_add_impl")
        {
            // Whatever the register holds (a scalar, once an unlock invalidated the node): non-owning or referenced.
            if (!IsNonOwningRef(reg) && reg.RefObjId == 0)
                Fail($"{name} can only take non-owning or refcounted bpf_rb_node pointer", Einval);
            if (!IsLocalObject(reg) || (reg.Flags & ~(RegFlags.MemAlloc | RegFlags.NonOwnRef | RegFlags.MemRcu)) != 0)
                Unsupported($"{name} of {TypeStr(reg)}");
            if (InRbtreeLockRequiredCb())
                Fail($"{name} not allowed in rbtree cb", Einval);
        }
        else
        {
            if (reg.Type != RegType.PtrToBtfId || reg.Flags != RegFlags.MemAlloc)
                Fail($"arg#{argNo} expected pointer to allocated object", Einval);
            if (reg.RefObjId == 0)
                Fail("allocated object must be referenced", Einval);
        }
        string kname = BtfRecord.KindName(kind);
        if (!reg.Bounds.VarOff.IsConst)
            Fail($"R{regno} doesn't have constant offset. {kname} has to be at the constant offset", Einval);
        int nodeOff = reg.Off + (int)reg.Bounds.VarOff.Value;
        if (LocalRecord(reg.BtfId)?.FindAt(nodeOff, (BtfFieldMask)(1 << (int)kind)) == null)
            Fail($"{kname} not found at offset={(uint)nodeOff}", Einval);
        if (!g.HasRoot)
            Unsupported($"{name} without a graph root argument");
        var root = g.Root;
        int expected = GraphNodeOffset(root);
        string rootName = BtfRecord.KindName(kind == BtfFieldKind.ListNode ? BtfFieldKind.ListHead : BtfFieldKind.RbRoot);
        string want = LocalTypeName(root.ValueTypeId);
        if (reg.BtfId != root.ValueTypeId)
        {
            Fail($"operation on {rootName} expects arg#1 {kname} at offset={expected} in struct {want}, " +
                $"but arg is at offset={nodeOff} in struct {LocalTypeName(reg.BtfId)}", Einval);
        }
        g.ArgBtfId = reg.BtfId;
        if (nodeOff != expected)
            Fail($"arg#1 offset={nodeOff}, but expected {kname} at offset={expected} in struct {want}", Einval);
    }

    /// <summary>KF_ARG_PTR_TO_REFCOUNTED_KPTR of bpf_refcount_acquire_impl.</summary>
    private void RefcountedArg(int argNo, in RegState reg, ref GraphCall g)
    {
        if (!IsLocalObject(reg))
            Fail($"arg#{argNo} is neither owning or non-owning ref", Einval);
        if ((reg.Flags & ~(RegFlags.MemAlloc | RegFlags.NonOwnRef | RegFlags.MemRcu)) != 0)
            Unsupported($"bpf_refcount_acquire_impl of {TypeStr(reg)}");
        if (!IsNonOwningRef(reg) && reg.RefObjId != 0)
            g.ArgOwningRef = true;
        var rec = LocalRecord(reg.BtfId);
        if (rec == null || rec.RefcountOff < 0)
            Fail($"arg#{argNo} doesn't point to a type with bpf_refcount field", Einval);
        g.ArgBtfId = reg.BtfId;
    }

    /// <summary>ref_convert_owning_non_owning: every copy of the pushed node stays usable, without ownership, until unlock.</summary>
    private void ConvertOwningToNonOwning(uint refObjId)
    {
        ForEachReg(_cur, (ref RegState r) =>
        {
            if (r.RefObjId != refObjId)
                return;
            r.RefObjId = 0;
            SetNonOwning(ref r);
        });
    }

    /// <summary>ref_set_non_owning: NON_OWN_REF, plus MEM_RCU when the object is refcounted (it may outlive the lock).</summary>
    private void SetNonOwning(ref RegState r)
    {
        r.Flags |= RegFlags.NonOwnRef;
        if (LocalRecord(r.BtfId)?.RefcountOff >= 0)
            r.Flags |= RegFlags.MemRcu;
    }

    /// <summary>check_kfunc_call's return part for the graph kfuncs.</summary>
    private void SetGraphKfuncReturn(string name, in GraphCall g)
    {
        ref var r0 = ref Regs[0];
        if (name is "bpf_list_push_front_impl" or "bpf_list_push_back_impl" or "bpf_rbtree_add_impl")
        {
            // int: an unknown scalar whose upper half the kfunc does not define.
            MarkUnknown(ref r0);
            r0.SubregDef = _insnIdx + 1;
            return;
        }
        bool acquire = name is "bpf_refcount_acquire_impl" or "bpf_list_pop_front" or "bpf_list_pop_back" or "bpf_rbtree_remove";
        bool retNull = !(name == "bpf_refcount_acquire_impl" && g.ArgOwningRef);
        if (name == "bpf_refcount_acquire_impl")
        {
            r0 = KnownZeroPtr(RegType.PtrToBtfId, RegFlags.MemAlloc);
            r0.BtfId = g.ArgBtfId;
        }
        else
        {
            // mark_reg_graph_node: the node inside its container, as the root's contains: tag says.
            r0 = KnownZeroPtr(RegType.PtrToBtfId, RegFlags.MemAlloc);
            r0.BtfId = g.Root.ValueTypeId;
            r0.Off = GraphNodeOffset(g.Root);
        }
        if (retNull)
        {
            r0.Flags |= RegFlags.MaybeNull;
            r0.Id = NewId();
        }
        if (acquire)
        {
            uint id = AcquireReference();
            if (retNull)
                r0.Id = id;
            r0.RefObjId = id;
        }
        else
        {
            SetNonOwning(ref r0);
        }
        if (r0.Id == 0 && MayPointToSpinLock(r0))
            r0.Id = NewId();
    }

    /// <summary>graph_root.node_offset: where the contains: tag's node member sits in the value struct.</summary>
    private static int GraphNodeOffset(in BtfField root) => root.NodeOffset;
}
