using Bpf.Btf;
using Bpf.Object.Elf;
using Bpf.Object.Loading;

namespace Bpf.Object.Linking;

/// <summary>
/// Undefined symbols libbpf resolves itself: <c>.kconfig</c> variables (values placed in the kconfig map) and
/// <c>.ksyms</c> kfuncs/kernel variables (resolved by name in the target kernel BTF). Ordered as libbpf sorts them:
/// kconfig first by alignment (descending), size (ascending), then name.
/// </summary>
internal static class ExternCollector
{
    public static List<ExternDesc> Collect(ElfFile elf, BtfSpec? btf)
    {
        var result = new List<ExternDesc>();
        var kcfgSizes = new Dictionary<ExternDesc, (int Size, int Align)>();
        foreach (var sym in elf.Symbols)
        {
            if (!sym.IsExtern)
                continue;
            if (btf == null)
            {
                result.Add(new ExternDesc
                {
                    Name = sym.Name,
                    SymbolIndex = sym.Index,
                    Kind = ExternKind.Ksym,
                    IsWeak = sym.IsWeak,
                    Error = $"libbpf: failed to find BTF for extern '{sym.Name}': -2",
                });
                continue;
            }
            int id = FindExternBtf(btf, sym.Name);
            uint sec = id > 0 ? FindDatasecOf(btf, (uint)id) : 0;
            string? secName = sec == 0 ? null : btf.Name(sec);
            bool isFunc = id > 0 && btf.Kind((uint)id) == BtfKind.Func;
            string? error = id <= 0
                ? $"libbpf: failed to find BTF for extern '{sym.Name}': {id}"
                : secName == null
                    ? $"libbpf: failed to find BTF for extern '{sym.Name}' [{id}] section: -2"
                    : secName == ".kconfig" && isFunc
                        ? $"libbpf: extern function {sym.Name} is unsupported under .kconfig section"
                        : secName is ".kconfig" or ".ksyms" ? null : $"libbpf: unrecognized extern section '{secName}'";
            var kind = secName == ".kconfig" ? ExternKind.Kconfig : ExternKind.Ksym;
            uint type = id > 0 && !isFunc ? btf.RefType((uint)id) : 0;
            var ext = new ExternDesc
            {
                Name = sym.Name,
                SymbolIndex = sym.Index,
                Kind = kind,
                IsWeak = sym.IsWeak,
                IsFunction = isFunc,
                BtfId = id > 0 ? (uint)id : 0,
                OpenError = error != null,
                TypeId = kind == ExternKind.Ksym && !isFunc && btf.Kind(btf.SkipModsAndTypedefs(type)) != BtfKind.Void ? type : 0,
                Error = error,
            };
            if (kind == ExternKind.Kconfig && error == null)
            {
                long size = btf.SizeOf(type);
                uint align = btf.AlignOf(type);
                if (size <= 0)
                    ext.Error = $"libbpf: failed to resolve size of extern (kcfg) '{sym.Name}': {size}";
                else if (align == 0)
                    ext.Error = $"libbpf: failed to determine alignment of extern (kcfg) '{sym.Name}': 0";
                ext.OpenError |= ext.Error != null;
                kcfgSizes[ext] = ((int)Math.Max(size, 0), (int)Math.Max(align, 1u));
            }
            result.Add(ext);
        }
        result.Sort((a, b) =>
        {
            if (a.Kind != b.Kind)
                return a.Kind == ExternKind.Kconfig ? -1 : 1;
            if (a.Kind == ExternKind.Kconfig)
            {
                var (sa, aa) = kcfgSizes.GetValueOrDefault(a, (0, 1));
                var (sb, ab) = kcfgSizes.GetValueOrDefault(b, (0, 1));
                if (aa != ab)
                    return ab.CompareTo(aa);
                if (sa != sb)
                    return sa.CompareTo(sb);
            }
            return string.CompareOrdinal(a.Name, b.Name);
        });
        int off = 0;
        foreach (var ext in result)
        {
            if (ext.Kind != ExternKind.Kconfig)
                continue;
            var (size, align) = kcfgSizes.GetValueOrDefault(ext, (0, 1));
            ext.KconfigOffset = (off + align - 1) / align * align;
            ext.KconfigSize = size;
            off = ext.KconfigOffset + size;
        }
        return result;
    }

    /// <summary>Total size of the kconfig map (0 when there are no kconfig externs).</summary>
    public static int KconfigSize(List<ExternDesc> externs)
    {
        int end = 0;
        foreach (var e in externs)
        {
            if (e.Kind == ExternKind.Kconfig)
                end = Math.Max(end, e.KconfigOffset + e.KconfigSize);
        }
        return end;
    }

    /// <summary>libbpf's find_extern_btf_id: the first VAR/FUNC of that name, -22 when it is not extern, -2 when none.</summary>
    private static int FindExternBtf(BtfSpec btf, string name)
    {
        foreach (uint id in btf.FindByName(name))
        {
            var k = btf.Kind(id);
            if (k == BtfKind.Var)
                return btf.VarLinkage(id) == BtfLinkage.Extern ? (int)id : -22;
            if (k == BtfKind.Func)
                return btf.FuncLinkage(id) == BtfLinkage.Extern ? (int)id : -22;
        }
        return -2;
    }

    private static uint FindDatasecOf(BtfSpec btf, uint varId)
    {
        for (uint id = 1; id < (uint)btf.TypeCount; id++)
        {
            if (btf.Kind(id) != BtfKind.Datasec)
                continue;
            int n = btf.Vlen(id);
            for (int i = 0; i < n; i++)
            {
                if (btf.DatasecVar(id, i).TypeId == varId)
                    return id;
            }
        }
        return 0;
    }
}
