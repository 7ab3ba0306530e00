using System.Text;

namespace Bpf.Object.Elf;

/// <summary>
/// A parsed ELF64 little-endian relocatable object for EM_BPF: section headers, the symbol table and REL sections.
/// Every offset is validated; malformed input throws <see cref="ObjectFormatException"/>.
/// </summary>
internal sealed class ElfFile
{
    private ElfFile(byte[] bytes, ElfSection[] sections, ElfSymbol[] symbols, int symtabIndex)
    {
        Bytes = bytes;
        Sections = sections;
        Symbols = symbols;
        SymtabIndex = symtabIndex;
    }

    public byte[] Bytes { get; }
    /// <summary>All sections by index (index 0 is the null section).</summary>
    public ElfSection[] Sections { get; }
    public ElfSymbol[] Symbols { get; }
    public int SymtabIndex { get; }

    public ElfSection? FindSection(string name)
    {
        foreach (var s in Sections)
        {
            if (s.Name == name)
                return s;
        }
        return null;
    }

    public static ElfFile Parse(byte[] bytes)
    {
        if (bytes.Length < 4 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            ElfCursor.Fail(bytes.Length == 0 ? "empty file" : "not an ELF file (bad magic)");
        var c = new ElfCursor(bytes, "ELF header");
        var ident = c.ReadBytes(16);
        if (ident[0] != 0x7f || ident[1] != (byte)'E' || ident[2] != (byte)'L' || ident[3] != (byte)'F')
            ElfCursor.Fail("not an ELF file (bad magic)");
        if (ident[4] != 2)
            ElfCursor.Fail("not a 64-bit ELF file");
        if (ident[5] != 1)
            ElfCursor.Fail("not a little-endian ELF file (big-endian BPF objects are not supported)");
        ushort type = c.ReadU16();
        ushort machine = c.ReadU16();
        if (machine != ElfConst.MachineBpf && machine != 0) // old LLVM wrote EM_NONE; libbpf accepts it
            ElfCursor.Fail($"not a BPF object (e_machine {machine}, expected 247)");
        if (type != ElfConst.TypeRel)
            ElfCursor.Fail($"not a relocatable object (e_type {type})");
        c.ReadU32(); // e_version
        c.ReadU64(); // e_entry
        c.ReadU64(); // e_phoff
        ulong shoff = c.ReadU64();
        c.ReadU32(); // e_flags
        c.ReadU16(); // e_ehsize
        c.ReadU16(); // e_phentsize
        c.ReadU16(); // e_phnum
        ushort shentsize = c.ReadU16();
        uint shnum = c.ReadU16();
        uint shstrndx = c.ReadU16();
        if (shentsize != ElfConst.ShdrSize)
            ElfCursor.Fail($"bad section header size {shentsize}");
        if (shoff == 0)
            ElfCursor.Fail("no section headers");

        // Extended numbering: counts live in section 0.
        ElfCursor.CheckRange(shoff, ElfConst.ShdrSize, bytes.Length, "section header table");
        var sh0 = ReadHeader(bytes, shoff, 0);
        if (shnum == 0)
            shnum = (uint)Math.Min(sh0.Size, int.MaxValue);
        if (shstrndx == ElfConst.ShnXIndex)
            shstrndx = sh0.Link;
        ElfCursor.CheckRange(shoff, (ulong)shnum * ElfConst.ShdrSize, bytes.Length, "section header table");
        if (shstrndx >= shnum)
            ElfCursor.Fail($"section name string table index {shstrndx} out of range ({shnum} sections)");

        var raw = new RawShdr[shnum];
        for (int i = 0; i < shnum; i++)
        {
            raw[i] = ReadHeader(bytes, shoff, i);
            if (raw[i].Type != ElfConst.ShtNobits && i != 0)
                ElfCursor.CheckRange(raw[i].Offset, raw[i].Size, bytes.Length, $"section #{i}");
        }

        var shstr = SectionBytes(bytes, raw[shstrndx]);
        var sections = new ElfSection[shnum];
        for (int i = 0; i < shnum; i++)
        {
            var r = raw[i];
            string name = i == 0 ? "" : ReadString(shstr, r.Name, "section name");
            var data = r.Type == ElfConst.ShtNobits || i == 0
                ? ReadOnlyMemory<byte>.Empty
                : new ReadOnlyMemory<byte>(bytes, (int)r.Offset, (int)r.Size);
            sections[i] = new ElfSection(i, name, r.Type, r.Flags, r.Offset, r.Size, r.Link, r.Info, r.EntSize, data);
        }

        int symtab = -1;
        for (int i = 1; i < sections.Length; i++)
        {
            if (sections[i].Type != ElfConst.ShtSymtab)
                continue;
            if (symtab >= 0)
                ElfCursor.Fail("multiple symbol tables");
            symtab = i;
        }
        if (symtab < 0)
            ElfCursor.Fail("no symbol table (stripped object file?)");
        var symbols = ReadSymbols(sections, sections[symtab]);
        return new ElfFile(bytes, sections, symbols, symtab);
    }

    /// <summary>Relocation entries of a SHT_REL section.</summary>
    public ElfRel[] ReadRelocations(ElfSection rel)
    {
        // SHT_RELA entries carry an explicit addend after the same two words; it is read past, as the legacy
        // loaders that accept RELA sections did (old toolchains emitted them with R_BPF_NONE and addend 0).
        int entSize = rel.Type == ElfConst.ShtRela ? ElfConst.RelaSize : ElfConst.RelSize;
        if (rel.EntSize != (ulong)entSize || rel.Size % (ulong)entSize != 0)
            ElfCursor.Fail($"relocation section '{rel.Name}': bad entry size {rel.EntSize} (size {rel.Size})");
        int n = (int)(rel.Size / (ulong)entSize);
        var result = new ElfRel[n];
        var c = new ElfCursor(rel.Data.Span, $"relocation section '{rel.Name}'");
        for (int i = 0; i < n; i++)
        {
            ulong off = c.ReadU64();
            ulong info = c.ReadU64();
            ulong sym = info >> 32;
            if (sym >= (ulong)Symbols.Length)
                ElfCursor.Fail($"relocation section '{rel.Name}': entry #{i} refers to symbol {sym}, beyond the {Symbols.Length} symbols");
            if (entSize == ElfConst.RelaSize)
                c.ReadU64();
            result[i] = new ElfRel(off, (int)sym, (uint)info);
        }
        return result;
    }

    private static ElfSymbol[] ReadSymbols(ElfSection[] sections, ElfSection symtab)
    {
        if (symtab.EntSize != ElfConst.SymSize || symtab.Size % ElfConst.SymSize != 0)
            ElfCursor.Fail($"symbol table: bad entry size {symtab.EntSize} (section size {symtab.Size})");
        if (symtab.Link == 0 || symtab.Link >= sections.Length || sections[symtab.Link].Type != ElfConst.ShtStrtab)
            ElfCursor.Fail("symbol table: string table section missing or invalid");
        var strtab = sections[symtab.Link].Data.Span;
        int n = (int)(symtab.Size / ElfConst.SymSize);
        var result = new ElfSymbol[n];
        var c = new ElfCursor(symtab.Data.Span, "symbol table");
        for (int i = 0; i < n; i++)
        {
            uint name = c.ReadU32();
            byte info = c.ReadU8();
            byte other = c.ReadU8();
            ushort shndx = c.ReadU16();
            ulong value = c.ReadU64();
            ulong size = c.ReadU64();
            if (shndx != ElfConst.ShnUndef && shndx < ElfConst.ShnLoReserve && shndx >= sections.Length)
                ElfCursor.Fail($"symbol #{i}: section index {shndx} out of range");
            string s = i == 0 ? "" : ReadString(strtab, name, "symbol name");
            result[i] = new ElfSymbol(i, s, info, other, shndx, value, size);
        }
        return result;
    }

    private readonly record struct RawShdr(uint Name, uint Type, ulong Flags, ulong Offset, ulong Size, uint Link, uint Info, ulong EntSize);

    private static RawShdr ReadHeader(byte[] bytes, ulong shoff, int index)
    {
        var c = new ElfCursor(bytes, $"section header #{index}");
        c.Seek((int)(shoff + (ulong)index * ElfConst.ShdrSize));
        uint name = c.ReadU32();
        uint type = c.ReadU32();
        ulong flags = c.ReadU64();
        c.ReadU64(); // sh_addr
        ulong offset = c.ReadU64();
        ulong size = c.ReadU64();
        uint link = c.ReadU32();
        uint info = c.ReadU32();
        c.ReadU64(); // sh_addralign
        ulong entsize = c.ReadU64();
        return new RawShdr(name, type, flags, offset, size, link, info, entsize);
    }

    private static ReadOnlySpan<byte> SectionBytes(byte[] bytes, RawShdr sh) =>
        sh.Type == ElfConst.ShtNobits ? default : bytes.AsSpan((int)sh.Offset, (int)sh.Size);

    private static string ReadString(ReadOnlySpan<byte> table, uint offset, string what)
    {
        if (offset >= (uint)table.Length)
        {
            if (offset == 0)
                return "";
            ElfCursor.Fail($"{what}: string offset {offset} outside its string table ({table.Length} bytes)");
        }
        var rest = table[(int)offset..];
        int end = rest.IndexOf((byte)0);
        if (end < 0)
            ElfCursor.Fail($"{what}: unterminated string at offset {offset}");
        return Encoding.UTF8.GetString(rest[..end]);
    }
}
