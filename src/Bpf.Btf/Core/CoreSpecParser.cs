namespace Bpf.Btf;

/// <summary>Builds the local access spec of a relocation and matches it against target candidates.</summary>
internal static class CoreSpecParser
{
    /// <summary>Parses the access string against the local BTF; null with a reason when malformed.</summary>
    public static CoreSpec? ParseLocal(BtfSpec btf, CoreRelo relo, out string? error)
    {
        error = null;
        string s = relo.AccessString;
        var spec = new CoreSpec(btf, relo.TypeId, relo.Kind);
        if (s.Length == 0 || s[0] == ':')
            return Fail("empty or malformed access string", out error);
        if (relo.Kind.IsTypeBased())
            return s == "0" ? spec : Fail("type-based relocation access string must be \"0\"", out error);

        int pos = 0;
        while (pos < s.Length)
        {
            if (s[pos] == ':')
                pos++;
            int start = pos;
            long v = 0;
            while (pos < s.Length && s[pos] >= '0' && s[pos] <= '9' && v <= int.MaxValue)
                v = v * 10 + (s[pos++] - '0');
            if (pos == start || v > int.MaxValue)
                return Fail($"bad access string '{s}'", out error);
            if (spec.RawLen == CoreSpec.MaxLen)
                return Fail("access string too long", out error);
            spec.Raw[spec.RawLen++] = (int)v;
        }
        if (spec.RawLen == 0)
            return Fail("empty access string", out error);

        uint id = btf.SkipModsAndTypedefs(relo.TypeId);
        var kind = btf.Kind(id);
        int idx = spec.Raw[0];
        spec.Acc[0] = new CoreAccessor { TypeId = id, Index = idx };
        spec.Len = 1;

        if (relo.Kind.IsEnumvalBased())
        {
            if (!kind.IsAnyEnum() || spec.RawLen > 1 || idx >= btf.Vlen(id))
                return Fail("invalid enumerator access", out error);
            spec.Acc[0].Name = btf.EnumValueName(id, idx);
            return spec;
        }
        if (!relo.Kind.IsFieldBased())
            return Fail($"unknown relocation kind {(uint)relo.Kind}", out error);

        if (!btf.TryGetSize(id, out uint sz))
            return Fail($"type [{id}] has no size", out error);
        spec.BitOffset = (long)idx * sz * 8;

        for (int i = 1; i < spec.RawLen; i++)
        {
            id = btf.SkipModsAndTypedefs(id);
            kind = btf.Kind(id);
            idx = spec.Raw[i];
            if (kind.IsComposite())
            {
                if (idx >= btf.Vlen(id))
                    return Fail($"member index {idx} out of range", out error);
                var m = btf.Member(id, idx);
                spec.BitOffset += m.BitOffset;
                if (m.NameOff != 0)
                {
                    string name = btf.MemberName(id, idx);
                    if (name.Length == 0)
                        return Fail("member name is empty", out error);
                    spec.Acc[spec.Len++] = new CoreAccessor { TypeId = id, Index = idx, Name = name };
                }
                id = m.TypeId;
            }
            else if (kind == BtfKind.Array)
            {
                var a = btf.ArrayInfo(id);
                uint elem = btf.SkipModsAndTypedefs(a.ElemType);
                bool flex = IsFlexArray(btf, spec.Acc[spec.Len - 1], a);
                if (!flex && (uint)idx >= a.NElems)
                    return Fail($"array index {idx} out of range", out error);
                spec.Acc[spec.Len++] = new CoreAccessor { TypeId = elem, Index = idx };
                if (!btf.TryGetSize(elem, out uint esz))
                    return Fail($"array element [{elem}] has no size", out error);
                spec.BitOffset += (long)idx * esz * 8;
                id = elem;
            }
            else
            {
                return Fail($"relo for [{relo.TypeId}] {s} (at idx {i}) captures type [{id}] of unexpected kind {kind.TypeStr()}", out error);
            }
        }
        return spec;
    }

    private static CoreSpec? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }

    /// <summary>A zero-length array that is the last member of the struct the previous accessor named.</summary>
    private static bool IsFlexArray(BtfSpec btf, in CoreAccessor prev, BtfArrayInfo a)
    {
        if (prev.Name == null || a.NElems > 0)
            return false;
        return prev.Index == btf.Vlen(prev.TypeId) - 1;
    }

    /// <summary>Matches the local spec against candidate <paramref name="targId"/>: 1 match, 0 no match, -1 error.</summary>
    public static int Match(CoreSpec local, BtfSpec targ, uint targId, out CoreSpec targSpec)
    {
        targSpec = new CoreSpec(targ, targId, local.Kind);
        if (local.Kind.IsTypeBased())
        {
            return local.Kind == CoreReloKind.TypeMatches
                ? CoreTypeCompat.TypesMatch(local.Btf, local.RootTypeId, targ, targId, false, 32)
                : CoreTypeCompat.TypesAreCompat(local.Btf, local.RootTypeId, targ, targId, 32);
        }

        if (local.Kind.IsEnumvalBased())
        {
            uint t = targ.SkipModsAndTypedefs(targId);
            if (!targ.Kind(t).IsAnyEnum())
                return 0;
            string localName = local.Acc[0].Name ?? "";
            for (int i = 0; i < targ.Vlen(t); i++)
            {
                string name = targ.EnumValueName(t, i);
                if (CoreKinds.EssentialNamesEqual(localName, name))
                {
                    targSpec.Acc[0] = new CoreAccessor { TypeId = t, Index = i, Name = name };
                    targSpec.Len = 1;
                    targSpec.Raw[targSpec.RawLen++] = i;
                    return 1;
                }
            }
            return 0;
        }

        for (int i = 0; i < local.Len; i++)
        {
            targId = targ.SkipModsAndTypedefs(targId);
            ref var la = ref local.Acc[i];
            if (la.Name != null)
            {
                int r = MatchMember(local.Btf, la, targ, targId, targSpec, out targId, 0);
                if (r <= 0)
                    return r;
            }
            else
            {
                if (i > 0)
                {
                    if (targ.Kind(targId) != BtfKind.Array)
                        return 0;
                    var a = targ.ArrayInfo(targId);
                    bool flex = IsFlexArray(targ, targSpec.Acc[targSpec.Len - 1], a);
                    if (!flex && (uint)la.Index >= a.NElems)
                        return 0;
                    targId = targ.SkipModsAndTypedefs(a.ElemType);
                }
                if (targSpec.RawLen == CoreSpec.MaxLen)
                    return -1;
                targSpec.Acc[targSpec.Len++] = new CoreAccessor { TypeId = targId, Index = la.Index };
                targSpec.Raw[targSpec.RawLen++] = la.Index;
                if (!targ.TryGetSize(targId, out uint sz))
                    return -1;
                targSpec.BitOffset += (long)la.Index * sz * 8;
            }
        }
        return 1;
    }

    /// <summary>Finds the member named like the local accessor in target composite <paramref name="targId"/>, descending into anonymous members.</summary>
    private static int MatchMember(BtfSpec local, in CoreAccessor la, BtfSpec targ, uint targId, CoreSpec spec, out uint nextTargId, int depth)
    {
        nextTargId = 0;
        if (depth > BtfSpec.MaxResolveDepth)
            return -1; // anonymous members nested absurdly deep (or cyclic): corrupt target BTF
        targId = targ.SkipModsAndTypedefs(targId);
        if (!targ.Kind(targId).IsComposite())
            return 0;
        var localMember = local.Member(la.TypeId, la.Index);
        string localName = la.Name!;
        int n = targ.Vlen(targId);
        for (int i = 0; i < n; i++)
        {
            var m = targ.Member(targId, i);
            if (spec.RawLen == CoreSpec.MaxLen)
                return -1;
            spec.BitOffset += m.BitOffset;
            spec.Raw[spec.RawLen++] = i;
            if (m.NameOff == 0 || targ.StringSpanAt(m.NameOff).IsEmpty)
            {
                int found = MatchMember(local, la, targ, m.TypeId, spec, out nextTargId, depth + 1);
                if (found != 0)
                    return found;
            }
            else if (targ.MemberName(targId, i) == localName)
            {
                spec.Acc[spec.Len++] = new CoreAccessor { TypeId = targId, Index = i, Name = localName };
                int compat = CoreTypeCompat.FieldsAreCompat(local, localMember.TypeId, targ, m.TypeId);
                if (compat == 0)
                    spec.Len--;
                nextTargId = m.TypeId;
                return compat;
            }
            spec.BitOffset -= m.BitOffset;
            spec.RawLen--;
        }
        return 0;
    }
}
