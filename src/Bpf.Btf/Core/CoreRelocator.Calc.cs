namespace Bpf.Btf;

public sealed partial class CoreRelocator
{
    // Value computation (libbpf bpf_core_calc_relo): original and new values of one relocation.
    private const int Poison = 1, Ok = 0, Error = -1;

    private static bool TryCalc(CoreRelo relo, CoreSpec local, CoreSpec? targ, out CoreResult res, out string? error)
    {
        error = null;
        ulong origVal = 0, newVal = 0;
        uint origSz = 0, newSz = 0, origType = 0, newType = 0;
        bool validate = true, failMemSz = false;
        int rc;
        var kind = relo.Kind;
        if (kind.IsFieldBased())
        {
            rc = CalcField(kind, local, ref origVal, ref origSz, ref origType, ref validate, true, out error);
            bool dummy = false;
            if (rc == Ok)
                rc = CalcField(kind, targ, ref newVal, ref newSz, ref newType, ref dummy, false, out error);
            if (rc == Ok && origSz != newSz)
            {
                // Load/store size can follow the field only for pointers and unsigned integers.
                var ob = local.Btf;
                bool bothPtr = ob.Kind(origType) == BtfKind.Ptr && targ!.Btf.Kind(newType) == BtfKind.Ptr;
                bool bothUnsignedInt = ob.Kind(origType) == BtfKind.Int && targ!.Btf.Kind(newType) == BtfKind.Int
                    && ob.IntEncoding(origType).Encoding != BtfIntEncoding.SignedFlag
                    && targ.Btf.IntEncoding(newType).Encoding != BtfIntEncoding.SignedFlag;
                failMemSz = !bothPtr && !bothUnsignedInt;
            }
        }
        else if (kind.IsTypeBased())
        {
            rc = CalcType(kind, local, ref origVal, ref validate, true, out error);
            bool dummy = false;
            if (rc == Ok)
                rc = CalcType(kind, targ, ref newVal, ref dummy, false, out error);
        }
        else if (kind.IsEnumvalBased())
        {
            rc = CalcEnumval(kind, local, ref origVal);
            if (rc == Ok)
                rc = CalcEnumval(kind, targ, ref newVal);
        }
        else
        {
            rc = Error;
            error = $"unrecognized CO-RE relocation kind ({(uint)kind})";
        }
        res = new CoreResult(origVal, newVal, rc == Poison, validate, failMemSz, origSz, newSz, origType, newType);
        if (rc == Error)
        {
            error ??= "relocation decision failed";
            return false;
        }
        return true;
    }

    private static int CalcField(CoreReloKind kind, CoreSpec? spec, ref ulong val, ref uint fieldSz, ref uint typeId,
        ref bool validate, bool isLocal, out string? error)
    {
        error = null;
        fieldSz = 0;
        if (kind == CoreReloKind.FieldExists)
        {
            val = spec != null ? 1UL : 0UL;
            return Ok;
        }
        if (spec == null)
            return Poison;
        var btf = spec.Btf;
        ref var acc = ref spec.Last;
        if (acc.Name == null)
        {
            // Array element (or root) access: only offset and size make sense.
            if (!btf.TryGetSize(acc.TypeId, out uint sz))
                return Fail("type has no size", out error);
            if (kind == CoreReloKind.FieldByteOffset)
            {
                val = (ulong)(spec.BitOffset / 8);
                fieldSz = sz;
                typeId = acc.TypeId;
            }
            else if (kind == CoreReloKind.FieldByteSize)
            {
                val = sz;
            }
            else
            {
                return Fail($"relo {(uint)kind} can't be applied to array access", out error);
            }
            if (isLocal)
                validate = true;
            return Ok;
        }

        var m = btf.Member(acc.TypeId, acc.Index);
        uint fieldType = btf.SkipModsAndTypedefs(m.TypeId);
        ulong bitOff = (ulong)spec.BitOffset;
        ulong bitSz = m.BitfieldSize;
        bool bitfield = bitSz > 0;
        ulong byteSz, byteOff;
        if (bitfield)
        {
            byteSz = btf.RawSize(fieldType);
            if (byteSz == 0)
                return Fail("bitfield of zero-sized type", out error);
            byteOff = bitOff / 8 / byteSz * byteSz;
            while (bitOff + bitSz - byteOff * 8 > byteSz * 8)
            {
                if (byteSz >= 8)
                    return Fail("unsupported bitfield layout", out error);
                byteSz *= 2;
                byteOff = bitOff / 8 / byteSz * byteSz;
            }
        }
        else
        {
            if (!btf.TryGetSize(fieldType, out uint sz))
                return Fail("field type has no size", out error);
            byteSz = sz;
            byteOff = bitOff / 8;
            bitSz = byteSz * 8;
        }
        if (isLocal)
            validate = !bitfield;

        switch (kind)
        {
            case CoreReloKind.FieldByteOffset:
                val = byteOff;
                if (!bitfield)
                {
                    fieldSz = (uint)byteSz;
                    typeId = fieldType;
                }
                break;
            case CoreReloKind.FieldByteSize:
                val = byteSz;
                break;
            case CoreReloKind.FieldSigned:
                {
                    var fk = btf.Kind(fieldType);
                    val = (fk.IsAnyEnum() && btf.KindFlag(fieldType)) || (fk == BtfKind.Int && btf.IntEncoding(fieldType).IsSigned) ? 1UL : 0UL;
                    if (isLocal)
                        validate = true;
                    break;
                }
            case CoreReloKind.FieldLShiftU64:
                val = 64 - (bitOff + bitSz - byteOff * 8);
                break;
            case CoreReloKind.FieldRShiftU64:
                val = 64 - bitSz;
                if (isLocal)
                    validate = true;
                break;
            default:
                return Fail("unsupported field relocation", out error);
        }
        return Ok;
    }

    private static int CalcType(CoreReloKind kind, CoreSpec? spec, ref ulong val, ref bool validate, bool isLocal, out string? error)
    {
        error = null;
        if (isLocal)
            validate = true;
        if (spec == null)
        {
            val = 0;
            return Ok;
        }
        switch (kind)
        {
            case CoreReloKind.TypeIdTarget:
                val = spec.RootTypeId;
                if (isLocal)
                    validate = false;
                return Ok;
            case CoreReloKind.TypeExists:
            case CoreReloKind.TypeMatches:
                val = 1;
                return Ok;
            case CoreReloKind.TypeSize:
                if (!spec.Btf.TryGetSize(spec.RootTypeId, out uint sz))
                    return Fail("type has no size", out error);
                val = sz;
                return Ok;
            default:
                return Fail("unsupported type relocation", out error);
        }
    }

    private static int CalcEnumval(CoreReloKind kind, CoreSpec? spec, ref ulong val)
    {
        if (kind == CoreReloKind.EnumvalExists)
        {
            val = spec != null ? 1UL : 0UL;
            return Ok;
        }
        if (spec == null)
            return Poison;
        var btf = spec.Btf;
        var a = spec.Acc[0];
        // A 32-bit enumerator is read as s32 and sign-extended whatever the enum's signedness, as libbpf does.
        ulong raw = btf.EnumValue(a.TypeId, a.Index).Value;
        val = btf.Kind(a.TypeId) == BtfKind.Enum ? (ulong)(long)(int)(uint)raw : raw;
        return Ok;
    }

    private static int Fail(string message, out string? error)
    {
        error = message;
        return Error;
    }
}
