namespace Bpf.Btf;

/// <summary>libbpf's CO-RE type relations: "compatible" (relocatable), field compatibility and "matches" (bpf_core_type_matches).</summary>
public static class CoreTypeCompat
{
    private const int MaxDepth = 32;

    /// <summary>1 compatible, 0 not, -1 error (too deep).</summary>
    public static int TypesAreCompat(BtfSpec lb, uint lid, BtfSpec tb, uint tid, int level)
    {
        if (!CoreKinds.KindCompatible(lb.Kind(lid), tb.Kind(tid)))
            return 0;
        for (int depth = MaxDepth; ;)
        {
            if (--depth < 0)
                return -1;
            lid = lb.SkipModsAndTypedefs(lid);
            tid = tb.SkipModsAndTypedefs(tid);
            var lk = lb.Kind(lid);
            if (!CoreKinds.KindCompatible(lk, tb.Kind(tid)))
                return 0;
            switch (lk)
            {
                case BtfKind.Void:
                case BtfKind.Struct:
                case BtfKind.Union:
                case BtfKind.Enum:
                case BtfKind.Fwd:
                case BtfKind.Enum64:
                    return 1;
                case BtfKind.Int:
                    return lb.IntEncoding(lid).Offset == 0 && tb.IntEncoding(tid).Offset == 0 ? 1 : 0;
                case BtfKind.Ptr:
                    lid = lb.RefType(lid);
                    tid = tb.RefType(tid);
                    continue;
                case BtfKind.Array:
                    lid = lb.ArrayInfo(lid).ElemType;
                    tid = tb.ArrayInfo(tid).ElemType;
                    continue;
                case BtfKind.FuncProto:
                    {
                        int n = lb.Vlen(lid);
                        if (n != tb.Vlen(tid))
                            return 0;
                        for (int i = 0; i < n; i++)
                        {
                            if (level <= 0)
                                return -1;
                            int r = TypesAreCompat(lb, lb.SkipModsAndTypedefs(lb.Param(lid, i).TypeId),
                                tb, tb.SkipModsAndTypedefs(tb.Param(tid, i).TypeId), level - 1);
                            if (r <= 0)
                                return r;
                        }
                        lid = lb.SkipModsAndTypedefs(lb.RefType(lid));
                        tid = tb.SkipModsAndTypedefs(tb.RefType(tid));
                        continue;
                    }
                default:
                    return 0;
            }
        }
    }

    /// <summary>Whether a local field type can be relocated to a target field type (bpf_core_fields_are_compat).</summary>
    public static int FieldsAreCompat(BtfSpec lb, uint lid, BtfSpec tb, uint tid)
    {
        for (int depth = 0; depth < MaxDepth; depth++)
        {
            lid = lb.SkipModsAndTypedefs(lid);
            tid = tb.SkipModsAndTypedefs(tid);
            var lk = lb.Kind(lid);
            var tk = tb.Kind(tid);
            if (lk.IsComposite() && tk.IsComposite())
                return 1;
            if (!CoreKinds.KindCompatible(lk, tk))
                return 0;
            switch (lk)
            {
                case BtfKind.Ptr:
                case BtfKind.Float:
                    return 1;
                case BtfKind.Fwd:
                case BtfKind.Enum:
                case BtfKind.Enum64:
                    {
                        string ln = lb.Name(lid), tn = tb.Name(tid);
                        int ll = CoreKinds.EssentialNameLength(ln), tl = CoreKinds.EssentialNameLength(tn);
                        return ll == 0 || tl == 0 || CoreKinds.EssentialNamesEqual(ln, tn) ? 1 : 0;
                    }
                case BtfKind.Int:
                    return lb.IntEncoding(lid).Offset == 0 && tb.IntEncoding(tid).Offset == 0 ? 1 : 0;
                case BtfKind.Array:
                    lid = lb.ArrayInfo(lid).ElemType;
                    tid = tb.ArrayInfo(tid).ElemType;
                    continue;
                default:
                    return 0;
            }
        }
        return -1;
    }

    private static bool NamesMatch(BtfSpec lb, uint lNameOff, BtfSpec tb, uint tNameOff)
    {
        string ln = lb.StringAt(lNameOff) ?? "", tn = tb.StringAt(tNameOff) ?? "";
        if (tn.Length == 0)
            return ln.Length == 0;
        return CoreKinds.EssentialNamesEqual(ln, tn);
    }

    /// <summary>bpf_core_type_matches semantics: 1 match, 0 no, -1 error.</summary>
    public static int TypesMatch(BtfSpec lb, uint lid, BtfSpec tb, uint tid, bool behindPtr, int level)
    {
        if (level <= 0)
            return -1;
        for (int depth = MaxDepth; ;)
        {
            if (--depth < 0)
                return -1;
            lid = lb.SkipModsAndTypedefs(lid);
            tid = tb.SkipModsAndTypedefs(tid);
            if (!NamesMatch(lb, lb.NameOff(lid), tb, tb.NameOff(tid)))
                return 0;
            var lk = lb.Kind(lid);
            var tk = tb.Kind(tid);
            switch (lk)
            {
                case BtfKind.Void:
                    return lk == tk ? 1 : 0;
                case BtfKind.Fwd:
                    {
                        bool lf = lb.KindFlag(lid);
                        if (lk == tk)
                            return lf == tb.KindFlag(tid) ? 1 : 0;
                        if (!behindPtr)
                            return 0;
                        return (tk == BtfKind.Struct && !lf) || (tk == BtfKind.Union && lf) ? 1 : 0;
                    }
                case BtfKind.Enum:
                case BtfKind.Enum64:
                    return tk.IsAnyEnum() && EnumsMatch(lb, lid, tb, tid) ? 1 : 0;
                case BtfKind.Struct:
                case BtfKind.Union:
                    if (behindPtr)
                    {
                        if (lk == tk)
                            return 1;
                        if (tk != BtfKind.Fwd)
                            return 0;
                        return (lk == BtfKind.Union) == tb.KindFlag(tid) ? 1 : 0;
                    }
                    return lk == tk ? CompositesMatch(lb, lid, tb, tid, behindPtr, level) : 0;
                case BtfKind.Int:
                    if (lk != tk)
                        return 0;
                    return lb.RawSize(lid) == tb.RawSize(tid) && lb.IntEncoding(lid).IsSigned == tb.IntEncoding(tid).IsSigned ? 1 : 0;
                case BtfKind.Ptr:
                    if (lk != tk)
                        return 0;
                    behindPtr = true;
                    lid = lb.RefType(lid);
                    tid = tb.RefType(tid);
                    continue;
                case BtfKind.Array:
                    if (lk != tk || lb.ArrayInfo(lid).NElems != tb.ArrayInfo(tid).NElems)
                        return 0;
                    lid = lb.ArrayInfo(lid).ElemType;
                    tid = tb.ArrayInfo(tid).ElemType;
                    continue;
                case BtfKind.FuncProto:
                    {
                        if (lk != tk || lb.Vlen(lid) != tb.Vlen(tid))
                            return 0;
                        for (int i = 0; i < lb.Vlen(lid); i++)
                        {
                            int r = TypesMatch(lb, lb.Param(lid, i).TypeId, tb, tb.Param(tid, i).TypeId, behindPtr, level - 1);
                            if (r <= 0)
                                return r;
                        }
                        lid = lb.RefType(lid);
                        tid = tb.RefType(tid);
                        continue;
                    }
                default:
                    return 0;
            }
        }
    }

    private static bool EnumsMatch(BtfSpec lb, uint lid, BtfSpec tb, uint tid)
    {
        if (lb.RawSize(lid) != tb.RawSize(tid))
            return false;
        int ln = lb.Vlen(lid), tn = tb.Vlen(tid);
        if (ln > tn)
            return false;
        for (int i = 0; i < ln; i++)
        {
            uint lOff = lb.EnumValue(lid, i).NameOff;
            bool matched = false;
            for (int j = 0; j < tn && !matched; j++)
                matched = NamesMatch(lb, lOff, tb, tb.EnumValue(tid, j).NameOff);
            if (!matched)
                return false;
        }
        return true;
    }

    private static int CompositesMatch(BtfSpec lb, uint lid, BtfSpec tb, uint tid, bool behindPtr, int level)
    {
        int ln = lb.Vlen(lid), tn = tb.Vlen(tid);
        if (ln > tn)
            return 0;
        for (int i = 0; i < ln; i++)
        {
            var lm = lb.Member(lid, i);
            bool matched = false;
            for (int j = 0; j < tn; j++)
            {
                var tm = tb.Member(tid, j);
                if (!NamesMatch(lb, lm.NameOff, tb, tm.NameOff))
                    continue;
                int r = TypesMatch(lb, lm.TypeId, tb, tm.TypeId, behindPtr, level - 1);
                if (r < 0)
                    return r;
                if (r > 0)
                {
                    matched = true;
                    break;
                }
            }
            if (!matched)
                return 0;
        }
        return 1;
    }
}
