using Bpf.Btf;
using Bpf.Isa;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// Local objects: bpf_obj_new_impl allocates a program-BTF struct (PTR_TO_BTF_ID | MEM_ALLOC, referenced),
/// bpf_obj_drop_impl frees it. Their btf_record (btf_parse_struct_metas) gives the lock, graph roots and nodes and
/// the refcount and the kptrs a local object may hold (Checker.GraphKfuncs.cs). Percpu objects stay unsupported.
/// </summary>
internal sealed partial class Checker
{
    private Dictionary<uint, BtfRecord?>? _localRecords;

    /// <summary>The struct meta record of program-BTF struct <paramref name="typeId"/>, null when it has none.</summary>
    private BtfRecord? LocalRecord(uint typeId)
    {
        var btf = _obj.Btf;
        if (btf == null || !btf.IsValidId(typeId))
            return null;
        _localRecords ??= [];
        if (!_localRecords.TryGetValue(typeId, out var rec))
        {
            rec = btf.Kind(typeId) == BtfKind.Struct
                ? BtfRecordParser.Parse(btf, typeId, BtfRecordParser.LocalObjectMask, out _)
                : null;
            _localRecords[typeId] = rec;
        }
        return rec;
    }

    private static bool IsLocalObject(in RegState reg) =>
        reg.Type == RegType.PtrToBtfId && (reg.Flags & RegFlags.MemAlloc) != 0;

    /// <summary>bpf_obj_new_impl and bpf_obj_drop_impl; false for every other kfunc.</summary>
    private bool TryCheckLocalObjectKfunc()
    {
        if (!_prog.Kfuncs.TryGetValue(_insnIdx, out var k) || k.BtfObjFd != 0)
            return false;
        var graphArgs = GraphKfuncArgs(k.Name);
        if (graphArgs == null && k.Name is not ("bpf_obj_new_impl" or "bpf_obj_drop_impl"))
            return false;
        var info = Platform.Kfuncs.KfuncTable.Find(k.Name);
        if (info == null || Kbtf.FindByName(k.Name, BtfKind.Func) == 0)
            return false;
        CheckKfuncAllowed(info);
        if (graphArgs != null)
            CheckGraphKfunc(k.Name, graphArgs);
        else if (k.Name == "bpf_obj_new_impl")
            ObjNew();
        else
            ObjDrop();
        return true;
    }

    /// <summary>bpf_obj_new_impl(local_type_id__k, meta__ign): a new, maybe NULL, referenced local object.</summary>
    private void ObjNew()
    {
        // meta__ign is not looked at; local_type_id__k must be a known constant.
        var r1 = Regs[1];
        if (r1.Type != RegType.Scalar)
            Fail("R1 is not a scalar", Einval);
        if (!r1.Bounds.IsConst)
            Fail("R1 must be a known constant", Einval);
        MarkChainPrecision(1);
        ulong value = r1.Bounds.ConstValue;
        if (value > uint.MaxValue)
            Fail("local type ID argument must be in range [0, U32_MAX]", Einval);
        var btf = _obj.Btf;
        if (btf == null)
            Fail("bpf_obj_new/bpf_percpu_obj_new requires prog BTF", Einval);
        uint typeId = (uint)value;
        if (!btf.IsValidId(typeId) || btf.Kind(typeId) != BtfKind.Struct)
            Fail("bpf_obj_new/bpf_percpu_obj_new type ID argument must be of a struct", Einval);
        var rec = LocalRecord(typeId);
        if (rec != null && rec.Has(BtfFieldMask.KptrPercpu | BtfFieldMask.Uptr))
            Unsupported("bpf_obj_new_impl of a struct with percpu kptr fields");
        ClobberCallerSaved();
        ref var r0 = ref Regs[0];
        r0 = KnownZeroPtr(RegType.PtrToBtfId, RegFlags.MemAlloc | RegFlags.MaybeNull);
        r0.BtfId = typeId;
        // is_kfunc_ret_null takes an id for the NULL check before acquire_reference takes the reference's.
        _ = NewId();
        uint id = AcquireReference();
        r0.Id = id;
        r0.RefObjId = id;
    }

    /// <summary>bpf_obj_drop_impl(p__alloc, meta__ign): releases a referenced local object.</summary>
    private void ObjDrop()
    {
        var reg = Regs[1];
        bool isNull = reg.Type == RegType.Scalar && reg.Bounds.IsConst && reg.Bounds.ConstValue == 0;
        // A release kfunc takes trusted arguments.
        if (isNull || reg.IsMaybeNull)
            Fail("Possibly NULL pointer passed to trusted arg0", Eacces);
        if (!IsLocalObject(reg))
        {
            if (reg.Type == RegType.PtrToBtfId && IsTrustedReg(reg))
                Fail("arg#0 expected pointer to allocated object", Einval);
            if (reg.Type is RegType.NotInit or RegType.Scalar or RegType.PtrToStack or RegType.PtrToMapValue)
                Fail("R1 must be referenced or trusted", Einval);
            Unsupported($"bpf_obj_drop_impl of {TypeStr(reg)}");
        }
        if ((reg.Flags & ~RegFlags.MemAlloc) != 0)
            Unsupported($"bpf_obj_drop_impl of {TypeStr(reg)}");
        if (reg.RefObjId != 0 && reg.Off != 0)
            Fail(HelperMessages.ReleaseOffset(1), Einval);
        if (!reg.Bounds.IsConst || reg.Bounds.ConstValue != 0 || reg.Off != 0)
            Unsupported("bpf_obj_drop_impl of an offset pointer");
        if (reg.RefObjId == 0)
            Fail("allocated object must be referenced", Einval);
        ReleaseReference(reg.RefObjId, "bpf_obj_drop_impl", 0);
        ClobberCallerSaved();
    }

    private void ClobberCallerSaved()
    {
        for (int r = 0; r <= 5; r++)
        {
            Regs[r] = RegState.NotInit;
            _scratch.MarkReg(r);
        }
    }

    /// <summary>The helper-argument offset rule for a local object (check_func_arg_reg_off: a fixed offset is fine).</summary>
    private void CheckLocalObjectArgOff(int regno, in RegState reg)
    {
        if (reg.Off < 0)
            Fail($"negative offset {TypeStr(reg)} ptr R{regno} off={reg.Off} disallowed");
        if (!reg.Bounds.IsConst || reg.Bounds.ConstValue != 0)
            Fail($"variable {TypeStr(reg)} access var_off={ScalarText.TnumText(reg.Bounds.VarOff)} disallowed");
    }
}
