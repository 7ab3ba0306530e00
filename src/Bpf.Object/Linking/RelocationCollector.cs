using Bpf.Isa;
using Bpf.Object.Elf;
using Bpf.Object.Loading;

namespace Bpf.Object.Linking;

/// <summary>
/// Reads the REL sections of executable sections and records each relocation on the function holding the
/// instruction, classified as libbpf's bpf_program__record_reloc() does. Problems libbpf refuses become
/// <see cref="RelocKind.Invalid"/> entries carrying libbpf's message, so only the programs using them fail.
/// </summary>
internal sealed class RelocationCollector
{
    private readonly ElfFile _elf;
    private readonly int _textShndx;
    private readonly int _arenaShndx;
    private readonly List<MapEntry> _maps;
    private readonly List<ExternDesc> _externs;
    private readonly Func<int, bool> _isMapSection;

    public RelocationCollector(ElfFile elf, int textShndx, int arenaShndx, List<MapEntry> maps, List<ExternDesc> externs, Func<int, bool> isMapSection)
    {
        _elf = elf;
        _textShndx = textShndx;
        _arenaShndx = arenaShndx;
        _maps = maps;
        _externs = externs;
        _isMapSection = isMapSection;
    }

    /// <summary>libbpf's open: the first relocation it refuses fails the whole object (-LIBBPF_ERRNO__RELOC).</summary>
    public bool Strict { get; init; }

    public void Collect(ElfSection relSection, List<CodeFunction> functionsOfTarget)
    {
        var target = _elf.Sections[relSection.Info];
        foreach (var rel in _elf.ReadRelocations(relSection))
        {
            if (rel.Offset % Instruction.Size != 0 || rel.Offset >= target.Size)
            {
                throw new ObjectFormatException(
                    $"sec '{relSection.Name}': bad insn offset {rel.Offset} for relocation against section '{target.Name}'");
            }
            int secInsn = (int)(rel.Offset / Instruction.Size);
            var fn = FindFunction(functionsOfTarget, secInsn);
            if (fn == null)
                continue; // libbpf: probably an overridden weak function; skipped
            int idx = secInsn - fn.SectionInsnOffset;
            var desc = Record(fn, idx, _elf.Symbols[rel.SymbolIndex], rel.SymbolIndex);
            if (Strict && desc.Kind == RelocKind.Invalid)
                throw new ObjectOpenException(desc.Error!) { Errno = ObjectBuilder.LibbpfErrnoReloc };
            fn.Relocs.Add(desc);
        }
    }

    public static CodeFunction? FindFunction(List<CodeFunction> sorted, int secInsn)
    {
        int lo = 0, hi = sorted.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            var f = sorted[mid];
            if (secInsn < f.SectionInsnOffset)
                hi = mid - 1;
            else if (secInsn >= f.SectionInsnOffset + f.InsnCount)
                lo = mid + 1;
            else
                return f;
        }
        return null;
    }

    private RelocDesc Record(CodeFunction fn, int idx, ElfSymbol sym, int symIdx)
    {
        var insn = fn.Insns[idx];
        string symName = sym.IsSection ? _elf.Sections[sym.SectionIndex].Name : sym.Name;
        bool isCall = insn.Code == (Opcode.Jmp | Opcode.Call);
        bool isLd = insn.IsLdImm64;
        if (!isCall && !isLd)
            return Invalid(idx, $"libbpf: prog '{fn.Name}': invalid relo against '{symName}' for insns[{idx}].code 0x{insn.Code:x}");
        if (isLd && idx + 1 >= fn.InsnCount)
            return Invalid(idx, $"libbpf: prog '{fn.Name}': ld_imm64 at insns[{idx}] is truncated");

        if (sym.IsExtern)
        {
            int e = _externs.FindIndex(x => x.SymbolIndex == symIdx);
            if (e < 0)
                return Invalid(idx, $"libbpf: prog '{fn.Name}': extern relo failed to find extern for '{symName}' ({symIdx})");
            return new RelocDesc(idx, isCall ? RelocKind.ExternCall : RelocKind.ExternLd64, ExternIdx: e);
        }
        if (isCall)
        {
            if (insn.Src != Pseudo.Call)
                return Invalid(idx, $"libbpf: prog '{fn.Name}': incorrect bpf_call opcode");
            if (sym.SectionIndex == 0 || sym.SectionIndex != _textShndx)
            {
                string secName = sym.SectionIndex < _elf.Sections.Length ? _elf.Sections[sym.SectionIndex].Name : "";
                return Invalid(idx, $"libbpf: prog '{fn.Name}': bad call relo against '{symName}' in section '{secName}'");
            }
            if (sym.Value % Instruction.Size != 0)
                return Invalid(idx, $"libbpf: prog '{fn.Name}': bad call relo against '{symName}' at offset {sym.Value}");
            return new RelocDesc(idx, RelocKind.Call, SymOff: (long)sym.Value);
        }
        if (sym.SectionIndex == 0 || sym.SectionIndex >= ElfConst.ShnLoReserve)
            return Invalid(idx, $"libbpf: prog '{fn.Name}': invalid relo against '{symName}' in special section 0x{sym.SectionIndex:x}; forgot to initialize global var?..");
        if (sym.SectionIndex == _textShndx && (sym.IsLocal && sym.IsSection || sym.Bind == ElfConst.StbGlobal && sym.IsFunc))
        {
            if (sym.Value % Instruction.Size != 0 || insn.Imm % Instruction.Size != 0)
                return Invalid(idx, $"libbpf: prog '{fn.Name}': bad subprog addr relo against '{symName}' at offset {sym.Value}+{insn.Imm}");
            return new RelocDesc(idx, RelocKind.SubprogAddr, SymOff: (long)sym.Value);
        }
        string symSec = _elf.Sections[sym.SectionIndex].Name;
        if (sym.SectionIndex == _arenaShndx)
        {
            int arena = _maps.FindIndex(m => m.Spec.Type == Maps.MapTypes.Arena);
            if (arena < 0)
                return Invalid(idx, $"libbpf: prog '{fn.Name}': bad arena data relocation at insn {idx}, no arena maps defined");
            return new RelocDesc(idx, RelocKind.Data, MapIdx: arena, SymOff: (long)sym.Value);
        }
        if (_isMapSection(sym.SectionIndex))
        {
            for (int m = 0; m < _maps.Count; m++)
            {
                if (_maps[m].SectionIndex == sym.SectionIndex && _maps[m].SectionOffset == (long)sym.Value)
                    return new RelocDesc(idx, RelocKind.MapLd64, MapIdx: m);
            }
            return Invalid(idx, $"libbpf: prog '{fn.Name}': map relo failed to find map for section '{symSec}', off {sym.Value}");
        }
        for (int m = 0; m < _maps.Count; m++)
        {
            if (_maps[m].SectionIndex == sym.SectionIndex && _maps[m].Spec.Origin is MapOrigin.Data or MapOrigin.Rodata or MapOrigin.Bss)
                return new RelocDesc(idx, RelocKind.Data, MapIdx: m, SymOff: (long)sym.Value);
        }
        return Invalid(idx, _maps.Exists(m => m.SectionIndex == sym.SectionIndex) || Maps.GlobalDataMaps.Classify(_elf.Sections[sym.SectionIndex]) != null
            ? $"libbpf: prog '{fn.Name}': data relo failed to find map for section '{symSec}'"
            : $"libbpf: prog '{fn.Name}': bad data relo against section '{symSec}'");
    }

    private static RelocDesc Invalid(int idx, string message) => new(idx, RelocKind.Invalid, Error: message);
}
