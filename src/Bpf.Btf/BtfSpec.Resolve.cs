namespace Bpf.Btf;

public sealed partial class BtfSpec
{
    /// <summary>Follows const/volatile/restrict/type_tag (not typedefs). Stops at a depth limit on cyclic input.</summary>
    public uint SkipModifiers(uint id)
    {
        for (int depth = 0; depth < MaxResolveDepth && id != 0 && Kind(id).IsModifier(); depth++)
            id = RefType(id);
        return id;
    }

    /// <summary>Follows modifiers and typedefs to the underlying type (btf_type_skip_modifiers with typedefs).</summary>
    public uint SkipModsAndTypedefs(uint id)
    {
        for (int depth = 0; depth < MaxResolveDepth && id != 0; depth++)
        {
            var k = Kind(id);
            if (!k.IsModifier() && k != BtfKind.Typedef)
                break;
            id = RefType(id);
        }
        return id;
    }

    /// <summary>Follows modifiers, typedefs, vars (to their type) and decl tags.</summary>
    public uint Resolve(uint id)
    {
        for (int depth = 0; depth < MaxResolveDepth && id != 0; depth++)
        {
            var k = Kind(id);
            if (!k.IsModifier() && k is not (BtfKind.Typedef or BtfKind.Var or BtfKind.DeclTag))
                break;
            id = RefType(id);
        }
        return id;
    }

    /// <summary>
    /// Size in bytes as libbpf's btf__resolve_size computes it (pointers are 8 bytes).
    /// Returns false for unsized kinds (void, fwd, func, func_proto), cycles and overflow.
    /// </summary>
    public bool TryGetSize(uint id, out uint size)
    {
        ulong nelems = 1;
        size = 0;
        for (int depth = 0; depth < MaxResolveDepth; depth++)
        {
            switch (Kind(id))
            {
                case BtfKind.Int:
                case BtfKind.Struct:
                case BtfKind.Union:
                case BtfKind.Enum:
                case BtfKind.Enum64:
                case BtfKind.Datasec:
                case BtfKind.Float:
                    return Finish(nelems * RawSize(id), out size);
                case BtfKind.Ptr:
                    return Finish(nelems * 8, out size);
                case BtfKind.Typedef:
                case BtfKind.Volatile:
                case BtfKind.Const:
                case BtfKind.Restrict:
                case BtfKind.TypeTag:
                case BtfKind.Var:
                case BtfKind.DeclTag:
                    id = RefType(id);
                    break;
                case BtfKind.Array:
                    var a = ArrayInfo(id);
                    nelems *= a.NElems;
                    if (nelems > uint.MaxValue)
                        return false;
                    id = a.ElemType;
                    break;
                default:
                    return false;
            }
        }
        return false;

        static bool Finish(ulong total, out uint size)
        {
            size = total > uint.MaxValue ? 0 : (uint)total;
            return total <= uint.MaxValue;
        }
    }

    /// <summary>Size in bytes or -1 when unsized (see <see cref="TryGetSize"/>).</summary>
    public long SizeOf(uint id) => TryGetSize(id, out uint s) ? s : -1;

    /// <summary>Alignment as libbpf's btf__align_of computes it (used by diagnostics and CO-RE checks).</summary>
    public uint AlignOf(uint id) => AlignOf(id, 0);

    private uint AlignOf(uint id, int nesting)
    {
        if (nesting > MaxResolveDepth)
            return 0;
        for (int depth = 0; depth < MaxResolveDepth; depth++)
        {
            var k = Kind(id);
            switch (k)
            {
                case BtfKind.Int:
                case BtfKind.Enum:
                case BtfKind.Enum64:
                case BtfKind.Float:
                    return Math.Min(8u, Math.Max(1u, RawSize(id)));
                case BtfKind.Ptr:
                    return 8;
                case BtfKind.Array:
                    id = ArrayInfo(id).ElemType;
                    continue;
                case BtfKind.Struct:
                case BtfKind.Union:
                    uint max = 1;
                    for (int i = 0; i < Vlen(id); i++)
                    {
                        var m = Member(id, i);
                        uint al = AlignOf(m.TypeId, nesting + 1);
                        if (al == 0)
                            return 0;
                        if (m.BitfieldSize == 0 && m.BitOffset % (8 * al) != 0)
                            return 1; // packed
                        max = Math.Max(max, al);
                    }
                    return max;
                default:
                    if (k.IsModifier() || k == BtfKind.Typedef)
                    {
                        id = RefType(id);
                        continue;
                    }
                    return 0;
            }
        }
        return 0;
    }

    /// <summary>True when <paramref name="id"/> (after modifiers/typedefs) is an INT that is a plain scalar (not char/bool flags matter).</summary>
    public bool IsInt(uint id) => Kind(SkipModsAndTypedefs(id)) == BtfKind.Int;

    public bool IsPtr(uint id) => Kind(SkipModsAndTypedefs(id)) == BtfKind.Ptr;

    public bool IsComposite(uint id) => Kind(SkipModsAndTypedefs(id)).IsComposite();

    /// <summary>Scalar kinds the kernel's btf_type_is_scalar accepts: int, enum, enum64 (and float is not a scalar there).</summary>
    public bool IsScalar(uint id)
    {
        var k = Kind(SkipModsAndTypedefs(id));
        return k is BtfKind.Int or BtfKind.Enum or BtfKind.Enum64;
    }
}
