using Bpf.Btf;
using Bpf.Isa;
using Bpf.Object.Elf;
using Bpf.Object.Linking;
using Bpf.Object.Maps;
using Bpf.Object.Sections;

namespace Bpf.Object.Loading;

/// <summary>One object load: section scan, functions, maps, externs, relocations, then per-program linking.</summary>
internal sealed partial class ObjectBuilder
{
    private readonly ElfFile _elf;
    private readonly string _path;
    private readonly LoadOptions _options;
    private readonly List<string> _warnings = [];
    private readonly List<MapEntry> _maps = [];
    private readonly Dictionary<int, List<CodeFunction>> _functionsBySection = [];
    private readonly HashSet<int> _mapSections = [];
    private BtfSpec? _btf;
    private BtfExt? _btfExt;
    private string? _objectError;
    private bool _legacy;
    private Dictionary<(int, ulong), StructOpsSlot> _structOps = [];
    private readonly List<MapEntry> _structOpsMaps = [];
    private List<ExternDesc> _externs = [];
    private int _textShndx = -1;
    private int _arenaShndx = -1;
    private int _kconfigMapIdx = -1;
    private string _license = "";
    private uint _kernelVersion;

    public ObjectBuilder(ElfFile elf, string path, LoadOptions options)
    {
        _elf = elf;
        _path = path;
        _options = options;
    }

    public ObjectSpec Build()
    {
        var secs = ScanSections();
        if (secs.Btf != null)
        {
            _btf = BtfSpec.TryParse(secs.Btf.Data.Span, out string? btfError);
            if (_btf == null)
                _warnings.Add($"libbpf: Error loading ELF section .BTF: {btfError}. Ignored and continue.");
        }
        RequireBtf(secs);
        _legacy = _options.Legacy ?? (_btf == null || secs.LegacyMaps.Count > 0 || _options.Overrides?.CoversObject(_path) == true);
        PrepareBtf(secs.BtfExt);

        foreach (var s in secs.Exec)
            _functionsBySection[s.Index] = DiscoverFunctions(s, _legacy);
        // Objects whose only code is .text (PREVAIL's tests): libbpf finds no program; older loaders made each function one.
        bool onlyText = _legacy && secs.Exec.Count == 1 && _textShndx >= 0;
        foreach (var (idx, fns) in _functionsBySection)
        {
            foreach (var f in fns)
                f.IsSubprog = idx == _textShndx && !onlyText;
        }

        CollectMaps(secs);
        ResolveKsyms();
        CollectRelocations();

        var text = _textShndx >= 0 && _functionsBySection.TryGetValue(_textShndx, out var t) ? t : [];
        if (_btf != null)
        {
            foreach (var f in text)
            {
                if (f.IsSubprog && f.IsHidden)
                    _btf.MarkFuncStatic(f.Name);
            }
        }
        ApplyCoreRelocations();
        string? objectError = _objectError ?? ObjectLevelError();
        var programs = new List<ProgramSpec>();
        var order = new List<int>(_functionsBySection.Keys);
        order.Sort();
        foreach (int sec in order)
        {
            foreach (var fn in _functionsBySection[sec])
            {
                if (!fn.IsSubprog)
                    programs.Add(BuildProgram(fn, text, _legacy, objectError));
            }
        }

        var maps = FinalMaps();
        string? btfRejected = KernelBtfCheck(programs, maps);
        return new ObjectSpec
        {
            Path = _path,
            Programs = programs,
            Maps = maps,
            License = _license,
            KernelVersion = _kernelVersion,
            Btf = btfRejected == null ? _btf : null,
            BtfRejection = btfRejected,
            Warnings = _warnings,
        };
    }

    private sealed record SectionScan(ElfSection? Btf, ElfSection? BtfExt, ElfSection? BtfMaps, List<ElfSection> LegacyMaps, List<ElfSection> Exec);

    /// <summary>bpf_object__elf_collect: the sections that matter and the object's license and version.</summary>
    private SectionScan ScanSections()
    {
        ElfSection? btfSec = null, btfExtSec = null, btfMapsSec = null;
        var legacyMapSecs = new List<ElfSection>();
        var execSecs = new List<ElfSection>();
        foreach (var s in _elf.Sections)
        {
            if (s.Index == 0)
                continue;
            switch (s.Name)
            {
                case "license":
                    _license = CString(s.Data.Span);
                    continue;
                case "version":
                    if (s.Size == 4)
                        _kernelVersion = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(s.Data.Span);
                    else
                        _warnings.Add($"libbpf: invalid kver section in {_path}");
                    continue;
                case ".BTF":
                    btfSec = s;
                    continue;
                case ".BTF.ext":
                    btfExtSec = s;
                    continue;
                case ".maps":
                    btfMapsSec = s;
                    continue;
                case ".addr_space.1":
                    _arenaShndx = s.Index;
                    continue;
            }
            if (LegacyMapReader.IsLegacyMapSection(s.Name) && s.Type == ElfConst.ShtProgbits)
                legacyMapSecs.Add(s);
            else if (s.IsProgbits && s.IsExecutable && s.Size > 0)
            {
                execSecs.Add(s);
                if (s.Name == ".text")
                    _textShndx = s.Index;
            }
        }
        return new SectionScan(btfSec, btfExtSec, btfMapsSec, legacyMapSecs, execSecs);
    }

    /// <summary>Externs are collected from the pristine BTF, then the BTF is rewritten as libbpf does before loading it.</summary>
    private void PrepareBtf(ElfSection? btfExtSec)
    {
        _externs = ExternCollector.Collect(_elf, _btf);
        if (_btf == null)
            return;
        // libbpf stops at the first bad extern in symbol-table order.
        ExternDesc? firstBad = null;
        foreach (var e in _externs)
        {
            if (e.OpenError && !_legacy && (firstBad == null || e.SymbolIndex < firstBad.SymbolIndex))
                firstBad = e;
        }
        if (firstBad != null)
            throw new ObjectOpenException(firstBad.Error!);
        _btf.FixupExterns();
        string? fixError = _btf.FixupDatasecs(SectionSize, VarSymbol);
        if (fixError != null)
            _objectError = "libbpf: " + fixError;
        if (btfExtSec != null)
        {
            _btfExt = BtfExt.TryParse(btfExtSec.Data.Span, _btf, out string? extError);
            if (_btfExt == null)
                _warnings.Add($"libbpf: failed to parse .BTF.ext: {extError}");
        }
    }

    /// <summary>Maps in libbpf's order: legacy, BTF-defined, global data, kconfig, struct_ops.</summary>
    private void CollectMaps(SectionScan secs)
    {
        var pendingInner = new List<(int Entry, uint InnerIdx)>();
        foreach (var s in secs.LegacyMaps)
        {
            _mapSections.Add(s.Index);
            LegacyMapReader.Read(_elf, s, _maps, _warnings, pendingInner);
        }
        LegacyMapReader.ResolvePendingInner(_maps, pendingInner);
        if (secs.BtfMaps != null)
        {
            _mapSections.Add(secs.BtfMaps.Index);
            if (_btf == null)
                _warnings.Add("libbpf: BTF is required, but is missing or corrupted.");
            else
            {
                int before = _warnings.Count;
                BtfMapReader.Read(_btf, secs.BtfMaps.Index, SymbolOffset, _maps, _warnings, relaxed: _legacy);
                RefuseBadMapDefs(before);
            }
        }
        string objName = GlobalDataMaps.ObjectName(_path);
        foreach (var s in _elf.Sections)
        {
            if (s.Index != 0 && GlobalDataMaps.Classify(s) is MapOrigin origin)
                _maps.Add(GlobalDataMaps.Create(s, origin, objName, _btf));
        }
        int kconfigSize = ExternCollector.KconfigSize(_externs);
        if (kconfigSize > 0)
        {
            _kconfigMapIdx = _maps.Count;
            _maps.Add(GlobalDataMaps.CreateKconfig(objName, Kconfig.Fill(_externs, kconfigSize, _options), _btf));
        }
        if (_btf != null)
        {
            _structOps = StructOpsReader.Read(_elf, _btf, TargetBtf, _structOpsMaps, _warnings, out string? stError);
            _objectError ??= stError;
            _maps.AddRange(_structOpsMaps);
        }
    }

    private void CollectRelocations()
    {
        var collector = new RelocationCollector(_elf, _textShndx, _arenaShndx, _maps, _externs, _mapSections.Contains)
        {
            Strict = !_legacy && StrictOpen,
        };
        foreach (var s in _elf.Sections)
        {
            // libbpf reads only SHT_REL; the legacy loaders also took SHT_RELA (old clang output for OVS).
            bool rel = s.Type == ElfConst.ShtRel || (_legacy && s.Type == ElfConst.ShtRela);
            if (!rel || s.Info >= _elf.Sections.Length)
                continue;
            if (_functionsBySection.TryGetValue((int)s.Info, out var fns))
                collector.Collect(s, fns);
        }
        foreach (var fns in _functionsBySection.Values)
        {
            foreach (var f in fns)
                f.Relocs.Sort((a, b) => a.InsnIdx.CompareTo(b.InsnIdx));
        }
    }

    /// <summary>
    /// libbpf loads the fixed-up BTF into the kernel; when the kernel refuses it, BTF is dropped (maps without
    /// BTF ids, programs without func_info/line_info) unless struct_ops make it mandatory. Returns the refusal.
    /// </summary>
    private string? KernelBtfCheck(List<ProgramSpec> programs, List<MapSpec> maps)
    {
        string? rejected = _btf?.CheckKernelAcceptance();
        if (rejected == null)
            return null;
        bool mandatory = _structOpsMaps.Count > 0;
        string message = $"libbpf: Error loading .BTF into kernel: -22. {(mandatory ? "BTF is mandatory, can't proceed." : "BTF is optional, ignoring.")}";
        _warnings.Add($"{message} ({rejected})");
        for (int i = 0; i < programs.Count; i++)
        {
            programs[i] = mandatory
                ? programs[i] with { LoadError = programs[i].LoadError ?? message }
                : programs[i] with { FuncInfos = [], LineInfos = [] };
        }
        for (int i = 0; i < maps.Count; i++)
            maps[i] = maps[i] with { BtfKeyTypeId = 0, BtfValueTypeId = 0 };
        return rejected;
    }

    private List<CodeFunction> DiscoverFunctions(ElfSection s, bool legacy)
    {
        var result = new List<CodeFunction>();
        var data = s.Data.Span;
        foreach (var sym in _elf.Symbols)
        {
            if (sym.SectionIndex != s.Index || !sym.IsFunc)
                continue;
            if (sym.Value % Instruction.Size != 0 || sym.Size % Instruction.Size != 0 || sym.Size == 0)
            {
                _warnings.Add($"libbpf: sec '{s.Name}': corrupted program '{sym.Name}', offset {sym.Value}, size {sym.Size}");
                continue;
            }
            if (sym.Value + sym.Size > s.Size || sym.Value + sym.Size < sym.Value)
                throw new ObjectFormatException($"sec '{s.Name}': program '{sym.Name}' at offset {sym.Value} crosses section boundary");
            if (s.Index != _textShndx && sym.IsLocal)
            {
                if (!legacy)
                    throw new ObjectOpenException($"libbpf: sec '{s.Name}': program '{sym.Name}' is static and not supported");
                _warnings.Add($"libbpf: sec '{s.Name}': program '{sym.Name}' is static and not supported");
            }
            result.Add(NewFunction(sym.Name, s, (int)(sym.Value / Instruction.Size), data.Slice((int)sym.Value, (int)sym.Size),
                !sym.IsLocal, !sym.IsLocal && sym.Visibility is ElfConst.StvHidden or ElfConst.StvInternal));
        }
        if (result.Count == 0 && legacy)
        {
            // Old objects have no function symbols: the whole section is one program named after it.
            if (data.Length % Instruction.Size != 0)
                _warnings.Add($"libbpf: sec '{s.Name}': size {data.Length} is not a multiple of 8");
            result.Add(NewFunction(s.Name, s, 0, data[..(data.Length / Instruction.Size * Instruction.Size)], true, false));
        }
        result.Sort((a, b) => a.SectionInsnOffset.CompareTo(b.SectionInsnOffset));
        return result;
    }

    private static CodeFunction NewFunction(string name, ElfSection s, int insnOff, ReadOnlySpan<byte> code, bool global, bool hidden) =>
        new()
        {
            Name = name,
            SectionIndex = s.Index,
            RawSectionName = s.Name,
            SectionInsnOffset = insnOff,
            Insns = Instruction.ReadAll(code, out _),
            IsGlobal = global,
            IsHidden = hidden,
        };

    private ulong? SectionSize(string name)
    {
        foreach (var sec in _elf.Sections)
        {
            if (sec.Name == name)
                return sec.Size;
        }
        return null;
    }

    private BtfElfSymbol? VarSymbol(string name)
    {
        // libbpf's find_elf_var_sym: a global/weak OBJECT symbol with that name.
        foreach (var sym in _elf.Symbols)
        {
            if (sym.Name == name && sym.Type == ElfConst.SttObject && !sym.IsLocal)
                return new BtfElfSymbol(sym.Value, sym.Visibility is ElfConst.StvHidden or ElfConst.StvInternal);
        }
        return null;
    }

    private long? SymbolOffset(string name)
    {
        foreach (var sym in _elf.Symbols)
        {
            if (sym.Name == name && !sym.IsSection && sym.SectionIndex != 0)
                return (long)sym.Value;
        }
        return null;
    }

    private List<MapSpec> FinalMaps()
    {
        var result = new List<MapSpec>(_maps.Count);
        foreach (var m in _maps)
        {
            var spec = m.Spec;
            if (MapTypes.DropsBtfIds(spec.Type) && (spec.BtfKeyTypeId != 0 || spec.BtfValueTypeId != 0))
                spec = spec with { BtfKeyTypeId = 0, BtfValueTypeId = 0 };
            if (_options.VeristatFixups && spec.MaxEntries == 0 && !MapTypes.KeepsZeroMaxEntries(spec.Type))
                spec = spec with { MaxEntries = 1 };
            result.Add(spec);
        }
        return result;
    }

    private static string CString(ReadOnlySpan<byte> b)
    {
        int end = b.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(end < 0 ? b : b[..end]);
    }
}
