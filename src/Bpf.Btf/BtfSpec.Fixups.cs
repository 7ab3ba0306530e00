using System.Text;

namespace Bpf.Btf;

/// <summary>An ELF symbol as libbpf's BTF fix-ups need it.</summary>
public readonly record struct BtfElfSymbol(ulong Value, bool HiddenVisibility);

public sealed partial class BtfSpec
{
    public const string KconfigSection = ".kconfig";
    public const string KsymsSection = ".ksyms";

    // ---- primitive mutators for the object loader (libbpf edits object BTF before loading it) ----

    public void SetDatasecSize(uint id, uint size) => _words[Start(id) + 2] = size;

    public void SetDatasecVar(uint id, int index, BtfDatasecVar v)
    {
        int e = Extra(id) + index * 3;
        _words[e] = v.TypeId;
        _words[e + 1] = v.Offset;
        _words[e + 2] = v.Size;
    }

    public void SetVarLinkage(uint id, BtfLinkage linkage) => _words[Extra(id)] = (uint)linkage;

    public void SetFuncLinkage(uint id, BtfLinkage linkage) =>
        _words[Start(id) + 1] = (_words[Start(id) + 1] & 0xffff0000u) | ((uint)linkage & 0xffff);

    /// <summary>Rewrites the referenced type of a ptr/typedef/modifier/func/var/decl_tag.</summary>
    public void SetRefType(uint id, uint type) => _words[Start(id) + 2] = type;

    public void SetParamNameOff(uint protoId, int index, uint nameOff) => _words[Extra(protoId) + index * 2] = nameOff;

    /// <summary>Appends a string to the string table (or finds an existing exact copy) and returns its offset.</summary>
    public uint AddString(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        // Reuse an existing occurrence that is a whole string (preceded by NUL or at 0).
        int at = FindWholeString(bytes);
        if (at >= 0)
            return (uint)at;
        var grown = new byte[_strings.Length + bytes.Length + 1];
        _strings.CopyTo(grown, 0);
        bytes.CopyTo(grown, _strings.Length);
        uint off = (uint)_strings.Length;
        _strings = grown;
        return off;
    }

    private int FindWholeString(byte[] s)
    {
        var table = _strings.AsSpan();
        int from = 0;
        while (from < table.Length)
        {
            int end = table[from..].IndexOf((byte)0);
            if (end < 0)
                break;
            if (table.Slice(from, end).SequenceEqual(s))
                return from;
            from += end + 1;
        }
        return -1;
    }

    /// <summary>
    /// libbpf's bpf_object_fixup_btf: fills DATASEC sizes clang left at 0 from the ELF section sizes, sets VAR offsets
    /// from the ELF symbols, marks hidden-visibility globals static, and sorts each DATASEC's vars by offset.
    /// .kconfig/.ksyms are only sorted (the loader sets them up from externs). Returns null or libbpf's reason.
    /// </summary>
    public string? FixupDatasecs(Func<string, ulong?> elfSectionSize, Func<string, BtfElfSymbol?> findVarSymbol)
    {
        for (uint id = 1; id < (uint)TypeCount; id++)
        {
            if (Kind(id) != BtfKind.Datasec)
                continue;
            string sec = Name(id);
            int vars = Vlen(id);
            if (sec is not (KconfigSection or KsymsSection))
            {
                bool fixOffsets = false;
                if (RawSize(id) == 0)
                {
                    ulong? size = elfSectionSize(sec);
                    if (size is null or 0 || size > uint.MaxValue)
                        return $"sec '{sec}': failed to determine size from ELF: size {size ?? 0}, err -2";
                    SetDatasecSize(id, (uint)size.Value);
                    fixOffsets = true;
                }
                for (int i = 0; i < vars; i++)
                {
                    var v = DatasecVar(id, i);
                    if (!IsValidId(v.TypeId) || Kind(v.TypeId) != BtfKind.Var)
                        return $"sec '{sec}': unexpected non-VAR type found";
                    var linkage = VarLinkage(v.TypeId);
                    if (linkage is BtfLinkage.Static or BtfLinkage.Extern)
                        continue;
                    string varName = Name(v.TypeId);
                    var sym = findVarSymbol(varName);
                    if (sym is null)
                        return $"sec '{sec}': failed to find ELF symbol for VAR '{varName}'";
                    if (fixOffsets)
                        SetDatasecVar(id, i, v with { Offset = (uint)sym.Value.Value });
                    if (sym.Value.HiddenVisibility)
                        SetVarLinkage(v.TypeId, BtfLinkage.Static);
                }
            }
            SortDatasecVars(id, vars);
        }
        return null;
    }

    private void SortDatasecVars(uint id, int vars)
    {
        // Insertion sort: stable, allocation-free, datasecs are short.
        for (int i = 1; i < vars; i++)
        {
            var cur = DatasecVar(id, i);
            int j = i - 1;
            while (j >= 0 && DatasecVar(id, j).Offset > cur.Offset)
            {
                SetDatasecVar(id, j + 1, DatasecVar(id, j));
                j--;
            }
            SetDatasecVar(id, j + 1, cur);
        }
    }

    /// <summary>libbpf marks hidden global subprograms' FUNC static before loading BTF; returns whether one was found.</summary>
    public bool MarkFuncStatic(string name)
    {
        foreach (uint id in FindByName(name))
        {
            if (Kind(id) == BtfKind.Func && FuncLinkage(id) == BtfLinkage.Global)
            {
                SetFuncLinkage(id, BtfLinkage.Static);
                return true;
            }
        }
        return false;
    }
}
