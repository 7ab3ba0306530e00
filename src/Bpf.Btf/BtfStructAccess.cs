namespace Bpf.Btf;

/// <summary>Pointer flags a BTF struct walk can add (the verifier maps them onto its register type flags).</summary>
[Flags]
public enum BtfPtrFlags
{
    None = 0,
    /// <summary>Walked through a union with more than one member (PTR_UNTRUSTED).</summary>
    Untrusted = 1,
    /// <summary>Pointer member tagged __user (MEM_USER).</summary>
    User = 2,
    /// <summary>Pointer member tagged __percpu (MEM_PERCPU).</summary>
    Percpu = 4,
    /// <summary>Pointer member tagged __rcu (MEM_RCU).</summary>
    Rcu = 8,
}

/// <summary>Result of one btf_struct_walk step.</summary>
public enum BtfWalkResult
{
    Error = -1,
    Scalar = 0,
    Ptr = 1,
    Struct = 2,
    /// <summary>A pointer to something other than a struct (6.17+: read-only untrusted memory).</summary>
    PtrUntrusted = 3,
}

/// <summary>Result of <see cref="BtfStructAccess.Access"/>: what a load through a PTR_TO_BTF_ID produces.</summary>
public enum BtfAccessResult
{
    Error = -1,
    Scalar = 0,
    PtrToBtfId = 1,
    /// <summary>PTR_TO_MEM | MEM_RDONLY | PTR_UNTRUSTED of size 0: probe-read memory behind a non-struct pointer.</summary>
    UntrustedMem = 2,
}

/// <summary>
/// The kernel's btf_struct_walk / btf_struct_access / btf_struct_ids_match (kernel/bpf/btf.c): what lies at
/// [off, off+size) of a BTF struct, with the kernel's verifier-log messages on failure.
/// </summary>
public static class BtfStructAccess
{
    /// <summary>
    /// One walk step from struct/union <paramref name="typeId"/> (modifiers skipped). On <see cref="BtfWalkResult.Struct"/>
    /// <paramref name="nextId"/> is the nested struct at exactly <paramref name="off"/>; on <see cref="BtfWalkResult.Ptr"/>
    /// it is the pointed-to struct. <paramref name="error"/> is the verifier-log line (without newline) on failure.
    /// </summary>
    public static BtfWalkResult Walk(BtfSpec btf, uint typeId, int off, int size, bool walkFlexArrays,
        ref BtfPtrFlags flags, out uint nextId, out string? fieldName, out string? error)
    {
        nextId = 0;
        fieldName = null;
        error = null;
        uint t = typeId;
        for (int guard = 0; guard < 4 * BtfSpec.MaxResolveDepth; guard++)
        {
            if (IsKernelModifier(btf.Kind(t)))
                t = btf.SkipModsAndTypedefs(btf.RefType(t));
            // Names are materialised only for a message: a walk over a large struct would otherwise decode a
            // string for every member it passes.
            uint tnameOff = btf.NameOff(t);
            var kind = btf.Kind(t);
            if (!kind.IsComposite())
            {
                error = $"Type '{btf.KernelNameByOffset(tnameOff)}' is not a struct";
                return BtfWalkResult.Error;
            }
            int vlen = btf.Vlen(t);
            if (kind == BtfKind.Union && vlen != 1)
                flags |= BtfPtrFlags.Untrusted; // walking unions yields untrusted pointers (except __bpf_md_ptr-like)

            uint tsize = btf.RawSize(t);
            if ((long)off + size > tsize)
            {
                // A trailing flexible array may be walked past the struct's size.
                if (!walkFlexArrays || vlen == 0)
                    return Beyond(btf.KernelNameByOffset(tnameOff), off, size, out error);
                var last = btf.Member(t, vlen - 1);
                uint lastType = btf.SkipModsAndTypedefs(last.TypeId);
                if (btf.Kind(lastType) != BtfKind.Array || btf.ArrayInfo(lastType).NElems != 0)
                    return Beyond(btf.KernelNameByOffset(tnameOff), off, size, out error);
                uint lastOff = last.BitOffset / 8;
                if (off < lastOff)
                    return Beyond(btf.KernelNameByOffset(tnameOff), off, size, out error);
                uint elem = btf.SkipModsAndTypedefs(btf.ArrayInfo(lastType).ElemType);
                if (btf.Kind(elem) == BtfKind.Int)
                    return BtfWalkResult.Scalar;
                if (!btf.Kind(elem).IsComposite() || btf.RawSize(elem) == 0)
                    return Beyond(btf.KernelNameByOffset(tnameOff), off, size, out error);
                off = (int)((off - lastOff) % btf.RawSize(elem));
                t = elem;
                // Linux 6.18 (live kernel): pointers read from an element of a flexible array are untrusted.
                flags |= BtfPtrFlags.Untrusted;
                continue;
            }

            bool descended = false;
            for (int i = 0; i < vlen && !descended; i++)
            {
                var m = btf.Member(t, i);
                uint moff = m.BitOffset / 8;
                if ((long)off + size <= moff)
                    break; // already past the access
                if (m.BitfieldSize != 0)
                {
                    uint endBit = m.BitOffset + m.BitfieldSize;
                    if (off <= moff && (endBit + 7) / 8 <= (long)off + size)
                        return BtfWalkResult.Scalar;
                    continue;
                }
                if (off < moff)
                    break; // a hole
                if (!ResolveMemberSize(btf, m.TypeId, out uint msize, out uint mtype, out uint mid, out uint elemType, out uint elemId, out uint nelems))
                {
                    error = $"field {btf.KernelNameByOffset(m.NameOff)} doesn't have size";
                    return BtfWalkResult.Error;
                }
                uint trueEnd = moff + msize;
                if (off >= trueEnd)
                    continue;
                if (btf.Kind(mtype) == BtfKind.Array)
                {
                    if (moff == trueEnd)
                        continue; // empty array
                    msize /= nelems;
                    uint idx = (uint)(off - moff) / msize;
                    moff += idx * msize;
                    mtype = elemType;
                    mid = elemId;
                }
                if (btf.Kind(mtype).IsComposite())
                {
                    if (off == moff)
                    {
                        nextId = mid;
                        return BtfWalkResult.Struct;
                    }
                    off -= (int)moff;
                    t = mtype;
                    descended = true;
                    continue;
                }
                if (btf.Kind(mtype) == BtfKind.Ptr)
                {
                    if (msize != size || off != moff)
                    {
                        error = $"cannot access ptr member {btf.KernelNameByOffset(m.NameOff)} with moff {moff} in struct {btf.KernelNameByOffset(tnameOff)} with off {off} size {size}";
                        return BtfWalkResult.Error;
                    }
                    uint pointee = btf.RefType(mtype);
                    var tagFlag = BtfPtrFlags.None;
                    if (btf.Kind(pointee) == BtfKind.TypeTag && !btf.KindFlag(pointee))
                    {
                        tagFlag = btf.Name(pointee) switch
                        {
                            "user" => BtfPtrFlags.User,
                            "percpu" => BtfPtrFlags.Percpu,
                            "rcu" => BtfPtrFlags.Rcu,
                            _ => BtfPtrFlags.None,
                        };
                    }
                    uint target = btf.SkipModsAndTypedefs(pointee);
                    if (btf.Kind(target).IsComposite())
                    {
                        nextId = target;
                        flags |= tagFlag;
                        fieldName = btf.KernelNameByOffset(m.NameOff);
                        return BtfWalkResult.Ptr;
                    }
                    return BtfWalkResult.PtrUntrusted;
                }
                // Scalars may be accessed anywhere inside the member (e.g. skb->cb[]).
                if ((long)off + size > trueEnd && (flags & BtfPtrFlags.Untrusted) == 0)
                {
                    error = $"access beyond the end of member {btf.KernelNameByOffset(m.NameOff)} (mend:{trueEnd}) in struct {btf.KernelNameByOffset(tnameOff)} with off {off} size {size}";
                    return BtfWalkResult.Error;
                }
                return BtfWalkResult.Scalar;
            }
            if (descended)
                continue;
            error = $"struct {btf.KernelNameByOffset(tnameOff)} doesn't have field at offset {off}";
            return BtfWalkResult.Error;
        }
        error = "struct nesting too deep";
        return BtfWalkResult.Error;
    }

    /// <summary>
    /// btf_struct_access without the allocated-object special-field check (the verifier owns btf_record):
    /// walks nested structs until a scalar or pointer member is found. <paramref name="isAllocObj"/> disables
    /// flexible-array walking and turns pointer results into scalars, as for bpf_obj_new objects.
    /// </summary>
    public static BtfAccessResult Access(BtfSpec btf, uint typeId, int off, int size, bool isAllocObj,
        out uint nextBtfId, out BtfPtrFlags flags, out string? fieldName, out string? error)
    {
        nextBtfId = 0;
        flags = BtfPtrFlags.None;
        fieldName = null;
        var tmp = BtfPtrFlags.None;
        uint id = typeId;
        for (int guard = 0; guard < 4 * BtfSpec.MaxResolveDepth; guard++)
        {
            var r = Walk(btf, id, off, size, !isAllocObj, ref tmp, out uint next, out string? name, out error);
            if (name != null)
                fieldName = name;
            switch (r)
            {
                case BtfWalkResult.Ptr:
                    if (isAllocObj)
                        return BtfAccessResult.Scalar;
                    nextBtfId = next;
                    flags = tmp;
                    return BtfAccessResult.PtrToBtfId;
                case BtfWalkResult.Scalar:
                    return BtfAccessResult.Scalar;
                case BtfWalkResult.PtrUntrusted:
                    return BtfAccessResult.UntrustedMem;
                case BtfWalkResult.Struct:
                    id = next;
                    off = 0;
                    continue;
                default:
                    return BtfAccessResult.Error;
            }
        }
        error = "struct nesting too deep";
        return BtfAccessResult.Error;
    }

    /// <summary>
    /// btf_struct_ids_match: whether the object at <paramref name="off"/> of type <paramref name="id"/> is (or starts
    /// with, through nested first members) <paramref name="needTypeId"/> of <paramref name="needBtf"/>.
    /// </summary>
    public static bool IdsMatch(BtfSpec btf, uint id, int off, BtfSpec needBtf, uint needTypeId, bool strict, bool walkFlexArrays) =>
        IdsMatch(btf, id, off, needBtf, needTypeId, strict, walkFlexArrays, out _);

    /// <summary>
    /// The same, with the line the walk logged where it stopped (<paramref name="walkError"/>, null when it did not
    /// fail): the kernel's log shows it even when the caller then accepts the pointer by another rule.
    /// </summary>
    public static bool IdsMatch(BtfSpec btf, uint id, int off, BtfSpec needBtf, uint needTypeId, bool strict, bool walkFlexArrays,
        out string? walkError)
    {
        walkError = null;
        if (off == 0 && SameType(btf, id, needBtf, needTypeId))
            return true;
        if (strict)
            return false;
        var flags = BtfPtrFlags.None;
        for (int guard = 0; guard < 4 * BtfSpec.MaxResolveDepth; guard++)
        {
            if (!btf.IsValidId(id))
                return false;
            if (Walk(btf, id, off, 1, walkFlexArrays, ref flags, out uint next, out _, out walkError) != BtfWalkResult.Struct)
                return false;
            id = next;
            if (SameType(btf, id, needBtf, needTypeId))
                return true;
            off = 0;
        }
        return false;
    }

    private static bool SameType(BtfSpec a, uint ida, BtfSpec b, uint idb) => ida == idb && ReferenceEquals(a, b);

    private static BtfWalkResult Beyond(string tname, int off, int size, out string? error)
    {
        error = $"access beyond struct {tname} at off {off} size {size}";
        return BtfWalkResult.Error;
    }

    private static bool IsKernelModifier(BtfKind k) => k.IsModifier() || k == BtfKind.Typedef;

    /// <summary>
    /// The kernel's __btf_resolve_size: size of a member type with arrays linearized. Returns the outermost array
    /// (or the resolved type), the innermost element type/id and the total element count. <paramref name="mid"/>
    /// follows the kernel: the last modifier target when modifiers were skipped, else the member's own type id.
    /// </summary>
    private static bool ResolveMemberSize(BtfSpec btf, uint memberType, out uint size, out uint resolved, out uint mid,
        out uint elemType, out uint elemId, out uint nelems)
    {
        size = 0;
        resolved = 0;
        mid = memberType;
        elemType = 0;
        elemId = 0;
        nelems = 1;
        uint t = memberType, firstArray = 0, lastArrayElem = 0;
        bool sawArray = false;
        for (int i = 0; i < BtfSpec.MaxResolveDepth; i++)
        {
            switch (btf.Kind(t))
            {
                case BtfKind.Int:
                case BtfKind.Struct:
                case BtfKind.Union:
                case BtfKind.Enum:
                case BtfKind.Float:
                case BtfKind.Enum64:
                case BtfKind.Ptr:
                    {
                        uint sz = btf.Kind(t) == BtfKind.Ptr ? 8u : btf.RawSize(t);
                        if (nelems != 0 && sz > uint.MaxValue / nelems)
                            return false;
                        size = nelems * sz;
                        elemType = t;
                        elemId = sawArray ? lastArrayElem : 0;
                        resolved = sawArray ? firstArray : t;
                        return true;
                    }
                case BtfKind.Typedef:
                case BtfKind.Volatile:
                case BtfKind.Const:
                case BtfKind.Restrict:
                case BtfKind.TypeTag:
                    t = btf.RefType(t);
                    mid = t;
                    break;
                case BtfKind.Array:
                    {
                        if (!sawArray)
                            firstArray = t;
                        sawArray = true;
                        var a = btf.ArrayInfo(t);
                        if (nelems != 0 && a.NElems > uint.MaxValue / nelems)
                            return false;
                        nelems *= a.NElems;
                        lastArrayElem = a.ElemType;
                        t = a.ElemType;
                        break;
                    }
                default:
                    return false;
            }
        }
        return false;
    }
}
