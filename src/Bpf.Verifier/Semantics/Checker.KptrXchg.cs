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
        if (reg.Type == RegType.PtrToBtfId && (reg.Flags & RegFlags.MemAlloc) != 0 && !reg.IsMaybeNull)
            Unsupported("bpf_kptr_xchg into a local object");
        if (reg.Type != RegType.PtrToMapValue || reg.IsMaybeNull)
            Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), KptrDestExpected));
        var map = _maps[reg.MapIndex];
        if (map.BtfValueTypeId == 0 || _obj.Btf == null)
            Fail($"map '{map.KernelName}' has to have BTF in order to use bpf_kptr_xchg", Einval);
        meta.MapArg = reg.MapIndex;
        if (!reg.Bounds.IsConst)
            Fail($"R{regno} doesn't have constant offset. kptr has to be at the constant offset", Einval);
        var rec = MapRecord(reg.MapIndex);
        if (rec == null || !rec.Has(BtfFieldMask.Kptr))
            Fail($"R{regno} has no valid kptr", Einval);
        int off = reg.Off + (int)reg.Bounds.ConstValue;
        var found = rec.FindAt(off, BtfFieldMask.Kptr);
        if (found == null)
            Fail($"off={off} doesn't point to kptr", Eacces);
        var field = found.Value;
        if (field.Kind is not (BtfFieldKind.KptrRef or BtfFieldKind.KptrPercpu))
            Fail($"off={off} kptr isn't referenced kptr", Eacces);
        if (field.Kind == BtfFieldKind.KptrPercpu || KptrKernelId(field) == 0)
            Unsupported("bpf_kptr_xchg of a program-local or percpu kptr");
        meta.KptrField = field;
    }

    /// <summary>The new value of bpf_kptr_xchg: NULL, or a referenced pointer matching the kptr field (map_kptr_match_type).</summary>
    private void CheckKptrXchgSource(int regno, ref CallMeta meta)
    {
        var reg = Regs[regno];
        meta.ReleaseRegno = regno;
        if (reg.Type == RegType.Scalar && reg.Bounds.IsConst && reg.Bounds.ConstValue == 0)
            return;
        if (reg.Type == RegType.PtrToBtfId && (reg.Flags & RegFlags.MemAlloc) != 0)
            Unsupported("bpf_kptr_xchg of a local object");
        uint target = KptrKernelId(meta.KptrField);
        // check_reg_type: btf_ptr_types once PTR_MAYBE_NULL is set aside.
        var flags = reg.Flags & ~RegFlags.MaybeNull;
        if (reg.Type != RegType.PtrToBtfId || flags is not (RegFlags.None or RegFlags.PtrTrusted or RegFlags.MemRcu))
            Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), "ptr_, trusted_ptr_, rcu_ptr_"));
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
        var r0 = KnownZeroPtr(RegType.PtrToBtfId, RegFlags.MaybeNull);
        r0.BtfId = KptrKernelId(meta.KptrField);
        return r0;
    }
}
