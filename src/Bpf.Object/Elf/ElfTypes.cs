namespace Bpf.Object.Elf;

/// <summary>ELF constants the BPF object loader needs (elf.h).</summary>
internal static class ElfConst
{
    public const ushort MachineBpf = 247;
    public const ushort TypeRel = 1;

    public const uint ShtProgbits = 1;
    public const uint ShtSymtab = 2;
    public const uint ShtStrtab = 3;
    public const uint ShtRela = 4;
    public const uint ShtNobits = 8;
    public const uint ShtRel = 9;

    public const ulong ShfWrite = 0x1;
    public const ulong ShfAlloc = 0x2;
    public const ulong ShfExecInstr = 0x4;

    public const ushort ShnUndef = 0;
    public const ushort ShnLoReserve = 0xff00;
    public const ushort ShnAbs = 0xfff1;
    public const ushort ShnCommon = 0xfff2;
    public const ushort ShnXIndex = 0xffff;

    public const byte SttNoType = 0;
    public const byte SttObject = 1;
    public const byte SttFunc = 2;
    public const byte SttSection = 3;

    public const byte StbLocal = 0;
    public const byte StbGlobal = 1;
    public const byte StbWeak = 2;

    public const byte StvDefault = 0;
    public const byte StvInternal = 1;
    public const byte StvHidden = 2;

    public const int SymSize = 24;
    public const int RelSize = 16;
    public const int RelaSize = 24;
    public const int ShdrSize = 64;
}

/// <summary>One section header plus its name and a view of its bytes (empty for SHT_NOBITS).</summary>
internal sealed record ElfSection(
    int Index, string Name, uint Type, ulong Flags, ulong Offset, ulong Size, uint Link, uint Info, ulong EntSize,
    ReadOnlyMemory<byte> Data)
{
    public bool IsExecutable => (Flags & ElfConst.ShfExecInstr) != 0;
    public bool IsProgbits => Type == ElfConst.ShtProgbits;
}

/// <summary>One symbol table entry.</summary>
internal readonly record struct ElfSymbol(int Index, string Name, byte Info, byte Other, ushort SectionIndex, ulong Value, ulong Size)
{
    public byte Type => (byte)(Info & 0xf);
    public byte Bind => (byte)(Info >> 4);
    public byte Visibility => (byte)(Other & 0x3);
    public bool IsFunc => Type == ElfConst.SttFunc;
    public bool IsSection => Type == ElfConst.SttSection;
    public bool IsLocal => Bind == ElfConst.StbLocal;
    public bool IsWeak => Bind == ElfConst.StbWeak;
    /// <summary>libbpf's sym_is_extern: undefined global/weak NOTYPE symbol.</summary>
    public bool IsExtern => Index != 0 && SectionIndex == ElfConst.ShnUndef && Bind is ElfConst.StbGlobal or ElfConst.StbWeak && Type == ElfConst.SttNoType;
}

/// <summary>One SHT_REL entry: byte offset inside the target section, symbol index and relocation type.</summary>
internal readonly record struct ElfRel(ulong Offset, int SymbolIndex, uint Type);
