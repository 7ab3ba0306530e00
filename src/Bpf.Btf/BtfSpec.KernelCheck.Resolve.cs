namespace Bpf.Btf;

public sealed partial class BtfSpec
{
    private sealed partial class KernelBtfChecker
    {

        private static bool SourceOnly(BtfKind k) => k is BtfKind.Var or BtfKind.DeclTag or BtfKind.Datasec;

        private static bool NoSize(BtfKind k) =>
            k is BtfKind.Void or BtfKind.Fwd or BtfKind.Func or BtfKind.FuncProto or BtfKind.DeclTag;

        private static bool IsKernelModifier(BtfKind k) => k.IsModifier() || k == BtfKind.Typedef;

        private bool IntIsRegular(uint id)
        {
            var e = btf.IntEncoding(id);
            uint bytes = (e.Bits + 7) / 8;
            return (e.Bits & 7) == 0 && e.Offset == 0 && bytes is 1 or 2 or 4 or 8 or 16;
        }

        /// <summary>
        /// Follows modifiers/typedefs from <paramref name="id"/>; returns the final id or an error for loops and overlong
        /// chains. The final type may be unsized (void, fwd, func_proto); callers decide whether that is acceptable.
        /// </summary>
        private string? FollowModifiers(uint from, uint id, out uint final)
        {
            final = id;
            for (int depth = 0; ; depth++)
            {
                var k = btf.Kind(final);
                if (!IsKernelModifier(k))
                    return null;
                if (depth >= MaxResolveDepth)
                    return Fail(from, $"Exceeded max resolving depth:{MaxResolveDepth}");
                final = btf.RefType(final);
                if (final == id)
                    return Fail(from, "Loop detected");
            }
        }

        /// <summary>Size of a resolved (non-modifier) type, or -1 when unsized. Structs/arrays are resolved first.</summary>
        private string? SizeOfResolved(uint from, uint id, out long size)
        {
            size = -1;
            var k = btf.Kind(id);
            switch (k)
            {
                case BtfKind.Int:
                case BtfKind.Enum:
                case BtfKind.Enum64:
                case BtfKind.Float:
                    size = btf.RawSize(id);
                    return null;
                case BtfKind.Ptr:
                    size = 8;
                    return null;
                case BtfKind.Struct:
                case BtfKind.Union:
                    size = btf.RawSize(id);
                    return ResolveType(id);
                case BtfKind.Array:
                    {
                        string? err = ResolveType(id);
                        if (err != null)
                            return err;
                        size = btf.TryGetSize(id, out uint s) ? s : -1;
                        return null;
                    }
                default:
                    return null;
            }
        }

        private string? CheckResolve()
        {
            for (uint id = 1; id < (uint)btf.TypeCount; id++)
            {
                string? err = ResolveType(id);
                if (err != null)
                    return err;
                if (btf.Kind(id) == BtfKind.FuncProto && (err = CheckFuncProto(id)) != null)
                    return err;
            }
            return null;
        }

        private int _nesting;

        private string? ResolveType(uint id)
        {
            if (_state[id] == 2)
                return null;
            if (_state[id] == 1)
                return Fail(id, "Loop detected");
            // The kernel resolves with an explicit stack of MAX_RESOLVE_DEPTH entries; this bounds recursion too.
            if (_nesting >= MaxResolveDepth)
                return Fail(id, $"Exceeded max resolving depth:{MaxResolveDepth}");
            _state[id] = 1;
            _nesting++;
            string? err = ResolveOne(id);
            _nesting--;
            _state[id] = 2;
            return err;
        }

        private string? ResolveOne(uint id)
        {
            var kind = btf.Kind(id);
            switch (kind)
            {
                case BtfKind.Ptr:
                case BtfKind.Typedef:
                case BtfKind.Volatile:
                case BtfKind.Const:
                case BtfKind.Restrict:
                case BtfKind.TypeTag:
                    {
                        uint next = btf.RefType(id);
                        if (!btf.IsValidId(next) || SourceOnly(btf.Kind(next)))
                            return Fail(id, "Invalid type_id");
                        string? err = FollowModifiers(id, next, out uint final);
                        if (err != null)
                            return err;
                        var fk = btf.Kind(final);
                        if (SourceOnly(fk))
                            return Fail(id, "Invalid type_id");
                        if (kind != BtfKind.Ptr && (err = SizeOfResolved(id, final, out _)) != null)
                            return err;
                        if (fk is BtfKind.Func)
                            return Fail(id, "Invalid type_id");
                        return null;
                    }
                case BtfKind.Var:
                    {
                        uint next = btf.RefType(id);
                        if (!btf.IsValidId(next) || SourceOnly(btf.Kind(next)))
                            return Fail(id, "Invalid type_id");
                        string? err = FollowModifiers(id, next, out uint final);
                        if (err != null)
                            return err;
                        if ((err = SizeOfResolved(id, final, out long size)) != null)
                            return err;
                        if (size < 0 || SourceOnly(btf.Kind(final)))
                            return Fail(id, "Invalid type_id");
                        return null;
                    }
                case BtfKind.Array:
                    {
                        var a = btf.ArrayInfo(id);
                        if (!btf.IsValidId(a.IndexType) || NoSize(btf.Kind(a.IndexType)) || SourceOnly(btf.Kind(a.IndexType)))
                            return Fail(id, "Invalid index");
                        string? err = FollowModifiers(id, a.IndexType, out uint idx);
                        if (err != null)
                            return err;
                        if (btf.Kind(idx) != BtfKind.Int || !IntIsRegular(idx))
                            return Fail(id, "Invalid index");
                        if (!btf.IsValidId(a.ElemType) || NoSize(btf.Kind(a.ElemType)) || SourceOnly(btf.Kind(a.ElemType)))
                            return Fail(id, "Invalid elem");
                        if ((err = FollowModifiers(id, a.ElemType, out uint elem)) != null)
                            return err;
                        if ((err = SizeOfResolved(id, elem, out long elemSize)) != null)
                            return err;
                        if (elemSize < 0)
                            return Fail(id, "Invalid elem");
                        if (btf.Kind(elem) == BtfKind.Int && !IntIsRegular(elem))
                            return Fail(id, "Invalid array of int");
                        if (a.NElems != 0 && elemSize > uint.MaxValue / a.NElems)
                            return Fail(id, "Array size overflows U32_MAX");
                        return null;
                    }
                case BtfKind.Struct:
                case BtfKind.Union:
                    return ResolveComposite(id);
                case BtfKind.Func:
                    {
                        uint proto = btf.RefType(id);
                        if (!btf.IsValidId(proto) || btf.Kind(proto) != BtfKind.FuncProto)
                            return Fail(id, "Invalid type_id");
                        for (int i = 0; i < btf.Vlen(proto); i++)
                        {
                            var p = btf.Param(proto, i);
                            if (p.NameOff == 0 && p.TypeId != 0)
                                return Fail(id, $"Invalid arg#{i + 1}");
                        }
                        return null;
                    }
                case BtfKind.Datasec:
                    for (int i = 0; i < btf.Vlen(id); i++)
                    {
                        var v = btf.DatasecVar(id, i);
                        if (!btf.IsValidId(v.TypeId) || btf.Kind(v.TypeId) != BtfKind.Var)
                            return FailVsi(id, v, "Not a VAR kind member");
                        string? err = ResolveType(v.TypeId);
                        if (err != null)
                            return err;
                        if (!btf.TryGetSize(btf.RefType(v.TypeId), out uint ts))
                            return FailVsi(id, v, "Invalid type");
                        if (v.Size < ts)
                            return FailVsi(id, v, "Invalid size");
                    }
                    return null;
                case BtfKind.DeclTag:
                    {
                        uint next = btf.RefType(id);
                        var nk = btf.IsValidId(next) ? btf.Kind(next) : BtfKind.Void;
                        if (nk is not (BtfKind.Func or BtfKind.Struct or BtfKind.Union or BtfKind.Var or BtfKind.Typedef))
                            return Fail(id, "Invalid type_id");
                        string? err = ResolveType(next);
                        if (err != null)
                            return err;
                        int comp = btf.DeclTagComponentIdx(id);
                        if (comp != -1)
                        {
                            if (nk is BtfKind.Var or BtfKind.Typedef)
                                return Fail(id, "Invalid component_idx");
                            int vlen = nk == BtfKind.Func ? btf.Vlen(btf.RefType(next)) : btf.Vlen(next);
                            if ((uint)comp >= (uint)vlen)
                                return Fail(id, "Invalid component_idx");
                        }
                        return null;
                    }
                default:
                    return null;
            }
        }

        private string? CheckTypeTags()
        {
            uint good = 0;
            for (uint id = 1; id < (uint)btf.TypeCount; id++)
            {
                if (!IsKernelModifier(btf.Kind(id)))
                    continue;
                uint cur = id;
                bool inTags = btf.Kind(id) == BtfKind.TypeTag;
                int limit = 32;
                while (IsKernelModifier(btf.Kind(cur)))
                {
                    if (limit-- == 0)
                        return "Max chain length or cycle detected";
                    if (btf.Kind(cur) == BtfKind.TypeTag)
                    {
                        if (!inTags)
                            return "Type tags don't precede modifiers";
                    }
                    else
                    {
                        inTags = false;
                    }
                    if (cur <= good)
                        break;
                    cur = btf.RefType(cur);
                }
                good = id;
            }
            return null;
        }
    }
}
