using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// bpf_kptr_xchg: the destination is a referenced kptr field of a map value (process_kptr_func), the new value a
/// referenced pointer of the field's type or NULL (released), the result the old value (acquired, maybe NULL).
/// </summary>
internal sealed partial class Checker
{
    private const string KptrDestExpected = "map_value, ptr_";

    /// <summary>ARG_KPTR_XCHG_DEST: check_reg_type then process_kptr_func.</summary>
    private void ProcessKptrXchgDest(int regno, ref CallMeta meta)
    {
        var reg = Regs[regno];
        bool local = reg.Type == RegType.PtrToBtfId && reg.Flags == RegFlags.MemAlloc;
        if (reg.Type != RegType.PtrToMapValue && !local)
            Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), KptrDestExpected));
        BtfRecord? rec;
        if (local)
        {
            // check_func_arg_reg_off: a local object may carry a fixed offset, not a variable one.
            if (reg.Off < 0)
                Fail($"negative offset {TypeStr(reg)} ptr R{regno} off={reg.Off} disallowed", Eacces);
            if (!reg.Bounds.IsConst || reg.Bounds.ConstValue != 0)
                Fail($"variable {TypeStr(reg)} access var_off={ScalarText.TnumText(reg.Bounds.VarOff)} disallowed", Eacces);
            rec = LocalRecord(reg.BtfId);
        }
        else
        {
            var map = _maps[reg.MapIndex];
            if (map.BtfValueTypeId == 0 || _obj.Btf == null)
                Fail($"map '{map.KernelName}' has to have BTF in order to use bpf_kptr_xchg", Einval);
            meta.MapArg = reg.MapIndex;
            rec = MapRecord(reg.MapIndex);
        }
        if (!reg.Bounds.IsConst)
            Fail($"R{regno} doesn't have constant offset. kptr has to be at the constant offset", Einval);
        if (rec == null || !rec.Has(BtfFieldMask.Kptr))
            Fail($"R{regno} has no valid kptr", Einval);
        int off = reg.Off + (int)reg.Bounds.ConstValue;
        var found = rec.FindAt(off, BtfFieldMask.Kptr);
        if (found == null)
            Fail($"off={off} doesn't point to kptr", Eacces);
        var field = found.Value;
        if (field.Kind is not (BtfFieldKind.KptrRef or BtfFieldKind.KptrPercpu))
            Fail($"off={off} kptr isn't referenced kptr", Eacces);
        if (field.Kind == BtfFieldKind.KptrPercpu)
            Unsupported("bpf_kptr_xchg of a percpu kptr");
        meta.KptrField = field;
    }

    /// <summary>The new value of bpf_kptr_xchg: NULL, or a referenced pointer matching the kptr field (map_kptr_match_type).</summary>
    private void CheckKptrXchgSource(int regno, ref CallMeta meta)
    {
        var reg = Regs[regno];
        meta.ReleaseRegno = regno;
        if (reg.Type == RegType.Scalar && reg.Bounds.IsConst && reg.Bounds.ConstValue == 0)
            return;
        uint target = KptrKernelId(meta.KptrField);
        if (target == 0 || (reg.Type == RegType.PtrToBtfId && (reg.Flags & RegFlags.MemAlloc) != 0))
        {
            CheckLocalKptrXchgSource(regno, reg, ref meta);
            return;
        }
        // check_reg_type: btf_ptr_types once PTR_MAYBE_NULL is set aside.
        var flags = reg.Flags & ~RegFlags.MaybeNull;
        if (reg.Type != RegType.PtrToBtfId || flags is not (RegFlags.None or RegFlags.PtrTrusted or RegFlags.MemRcu))
            Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), "ptr_, trusted_ptr_, rcu_ptr_"));
        // check_reg_type: a release argument takes no maybe-NULL pointer, before the kptr type is matched.
        if (reg.IsMaybeNull)
            Fail(HelperMessages.PossiblyNullArg(regno), Eacces);
        if (!reg.Bounds.IsConst || reg.Bounds.ConstValue != 0 || reg.Off < 0)
            Unsupported("bpf_kptr_xchg of a pointer with a variable or negative offset");
        // btf_struct_ids_match in strict mode: the very type, at offset 0.
        if (reg.Off != 0 || reg.BtfId != target)
        {
            Fail($"invalid kptr access, R{regno} type={TypeStr(reg)}{KernelTypes.Name(reg.BtfId)} " +
                $"expected=ptr_{KernelTypes.Name(target)}", Einval);
        }
        if (reg.RefObjId == 0)
            Fail(HelperMessages.MustBeReferenced(regno), Einval);
        meta.RefObjId = reg.RefObjId;
    }

    /// <summary>R0 of bpf_kptr_xchg before the acquire: the field's type, maybe NULL.</summary>
    private RegState KptrXchgReturn(in CallMeta meta)
    {
        uint kernelId = KptrKernelId(meta.KptrField);
        // A kptr to a program-local type holds a bpf_obj_new object (MEM_ALLOC, typed by the program BTF).
        var r0 = KnownZeroPtr(RegType.PtrToBtfId, RegFlags.MaybeNull | (kernelId == 0 ? RegFlags.MemAlloc : 0));
        r0.BtfId = kernelId != 0 ? kernelId : meta.KptrField.PointeeId;
        return r0;
    }

    /// <summary>
    /// map_kptr_match_type for a kptr of a program-local type: the new value is a local object of exactly that
    /// type at offset 0 (owning: non-owning references carry a flag outside the permitted ones).
    /// </summary>
    private void CheckLocalKptrXchgSource(int regno, in RegState reg, ref CallMeta meta)
    {
        var field = meta.KptrField;
        string target = LocalTypeName(field.PointeeId);
        bool local = reg.Type == RegType.PtrToBtfId && (reg.Flags & RegFlags.MemAlloc) != 0;
        // check_reg_type sets MEM_ALLOC aside for this argument, then wants a plain, trusted or RCU pointer.
        var rest = reg.Flags & ~(RegFlags.MaybeNull | RegFlags.MemAlloc);
        if (reg.Type != RegType.PtrToBtfId || rest is not (RegFlags.None or RegFlags.PtrTrusted or RegFlags.MemRcu))
            Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), "ptr_, trusted_ptr_, rcu_ptr_"));
        if (!local || rest != RegFlags.None)
            Unsupported($"bpf_kptr_xchg of {TypeStr(reg)} into a program-local kptr");
        if (reg.Off < 0)
            Fail($"negative offset {TypeStr(reg)} ptr R{regno} off={reg.Off} disallowed", Eacces);
        if (!reg.Bounds.VarOff.IsConst || reg.Bounds.VarOff.Value != 0)
            Fail($"variable {TypeStr(reg)} access var_off={ScalarText.TnumText(reg.Bounds.VarOff)} disallowed", Eacces);
        if (reg.Off != 0 || reg.BtfId != field.PointeeId)
            Fail($"invalid kptr access, R{regno} type={TypeStr(reg)}{LocalTypeName(reg.BtfId)} expected=ptr_{target}", Einval);
        if (reg.RefObjId == 0)
            Fail(HelperMessages.MustBeReferenced(regno), Einval);
        meta.RefObjId = reg.RefObjId;
    }
}
