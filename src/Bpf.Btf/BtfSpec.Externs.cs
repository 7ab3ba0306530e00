namespace Bpf.Btf;

public sealed partial class BtfSpec
{
    public const string DummyKsymName = "dummy_ksym";

    /// <summary>Appends a VAR type and returns its id (libbpf adds "dummy_ksym" this way).</summary>
    public uint AddVar(string name, uint type, BtfLinkage linkage)
    {
        uint nameOff = AddString(name);
        int at = _words.Length;
        Array.Resize(ref _words, at + 4);
        _words[at] = nameOff;
        _words[at + 1] = (uint)BtfKind.Var << 24;
        _words[at + 2] = type;
        _words[at + 3] = (uint)linkage;
        uint id = (uint)_start.Length;
        Array.Resize(ref _start, _start.Length + 1);
        _start[id] = at;
        Array.Resize(ref _nameCache, _start.Length);
        _nameHead = null;
        _nameNext = null;
        _byEssentialName = null;
        return id;
    }

    /// <summary>First INT of exactly 32 bits (libbpf's find_int_btf_id), 0 when none.</summary>
    public uint FindInt32()
    {
        for (uint id = 1; id < (uint)TypeCount; id++)
        {
            if (Kind(id) == BtfKind.Int && IntEncoding(id).Bits == 32)
                return id;
        }
        return 0;
    }

    /// <summary>
    /// libbpf's BTF rewrite of extern-backing sections (bpf_object__collect_externs) so the kernel accepts the BTF:
    /// every .ksyms entry becomes a 4-byte allocated global (functions point at an added "dummy_ksym" VAR, become
    /// global and get their unnamed parameters named), and .kconfig vars become allocated globals laid out by
    /// descending alignment, ascending size, then name. Call before <see cref="FixupDatasecs"/>.
    /// </summary>
    public void FixupExterns()
    {
        uint ksyms = FindByName(KsymsSection, BtfKind.Datasec);
        if (ksyms != 0)
            FixupKsyms(ksyms);
        uint kcfg = FindByName(KconfigSection, BtfKind.Datasec);
        if (kcfg != 0)
            FixupKconfig(kcfg);
    }

    private void FixupKsyms(uint sec)
    {
        int n = Vlen(sec);
        bool hasFunc = false;
        for (int i = 0; i < n; i++)
            hasFunc |= Kind(DatasecVar(sec, i).TypeId) == BtfKind.Func;
        uint intId = FindInt32();
        uint dummy = hasFunc ? AddVar(DummyKsymName, intId, BtfLinkage.Global) : 0;
        uint dummyName = hasFunc ? NameOff(dummy) : 0;
        uint off = 0;
        for (int i = 0; i < n; i++, off += 4)
        {
            var vs = DatasecVar(sec, i);
            uint vt = vs.TypeId;
            if (Kind(vt) == BtfKind.Func)
            {
                uint proto = RefType(vt);
                if (Kind(proto) == BtfKind.FuncProto)
                {
                    for (int j = 0; j < Vlen(proto); j++)
                    {
                        var p = Param(proto, j);
                        if (p.TypeId != 0 && p.NameOff == 0)
                            SetParamNameOff(proto, j, dummyName);
                    }
                }
                vs = vs with { TypeId = dummy };
                SetFuncLinkage(vt, BtfLinkage.Global);
            }
            else if (Kind(vt) == BtfKind.Var)
            {
                SetVarLinkage(vt, BtfLinkage.Global);
                SetRefType(vt, intId);
            }
            SetDatasecVar(sec, i, vs with { Offset = off, Size = 4 });
        }
        SetDatasecSize(sec, off);
    }

    private void FixupKconfig(uint sec)
    {
        int n = Vlen(sec);
        var order = new (uint Var, uint Size, uint Align, string Name)[n];
        for (int i = 0; i < n; i++)
        {
            uint v = DatasecVar(sec, i).TypeId;
            uint t = Kind(v) == BtfKind.Var ? RefType(v) : 0;
            order[i] = (v, TryGetSize(t, out uint s) ? s : 0, Math.Max(1u, AlignOf(t)), Name(v));
        }
        Array.Sort(order, static (a, b) =>
            a.Align != b.Align ? b.Align.CompareTo(a.Align)
            : a.Size != b.Size ? a.Size.CompareTo(b.Size)
            : string.CompareOrdinal(a.Name, b.Name));
        var offsets = new Dictionary<uint, uint>(n);
        uint off = 0;
        foreach (var e in order)
        {
            uint at = (off + e.Align - 1) / e.Align * e.Align;
            offsets[e.Var] = at;
            off = at + e.Size;
        }
        SetDatasecSize(sec, off);
        for (int i = 0; i < n; i++)
        {
            var vs = DatasecVar(sec, i);
            if (Kind(vs.TypeId) == BtfKind.Var)
                SetVarLinkage(vs.TypeId, BtfLinkage.Global);
            SetDatasecVar(sec, i, vs with { Offset = offsets[vs.TypeId] });
        }
    }
}
