using System.Buffers.Binary;
using System.Text;

namespace Bpf.Isa.Tests;

/// <summary>Test-only ELF64 little-endian walker: the executable sections of a BPF object.</summary>
internal static class TestElf
{
    private const ulong ShfExecInstr = 0x4;

    public static List<(string Name, Instruction[] Insns)> ExecutableSections(byte[] elf)
    {
        var result = new List<(string, Instruction[])>();
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[4] != 2 || elf[5] != 1)
            return result;
        var span = elf.AsSpan();
        long shoff = (long)BinaryPrimitives.ReadUInt64LittleEndian(span[0x28..]);
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3a..]);
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3c..]);
        int shstrndx = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3e..]);
        long strOff = (long)BinaryPrimitives.ReadUInt64LittleEndian(span[(int)(shoff + shstrndx * shentsize + 0x18)..]);
        for (int i = 0; i < shnum; i++)
        {
            var sh = span.Slice((int)(shoff + i * shentsize), shentsize);
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(sh[4..]);
            ulong flags = BinaryPrimitives.ReadUInt64LittleEndian(sh[8..]);
            if (type != 1 || (flags & ShfExecInstr) == 0)
                continue;
            int nameOff = (int)BinaryPrimitives.ReadUInt32LittleEndian(sh);
            int off = (int)BinaryPrimitives.ReadUInt64LittleEndian(sh[0x18..]);
            int size = (int)BinaryPrimitives.ReadUInt64LittleEndian(sh[0x20..]);
            int nameEnd = elf.AsSpan((int)strOff + nameOff).IndexOf((byte)0);
            string name = Encoding.ASCII.GetString(elf, (int)strOff + nameOff, nameEnd);
            result.Add((name, Instruction.ReadAll(span.Slice(off, size), out _)));
        }

        return result;
    }

    /// <summary>Instructions of every FUNC symbol (programs and subprograms), by name.</summary>
    public static Dictionary<string, Instruction[]> Functions(byte[] elf)
    {
        var result = new Dictionary<string, Instruction[]>(StringComparer.Ordinal);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[4] != 2 || elf[5] != 1)
            return result;
        var span = elf.AsSpan();
        long shoff = (long)BinaryPrimitives.ReadUInt64LittleEndian(span[0x28..]);
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3a..]);
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3c..]);
        ReadOnlySpan<byte> Section(int i) => elf.AsSpan((int)(shoff + i * shentsize), shentsize);
        for (int i = 0; i < shnum; i++)
        {
            var sh = Section(i);
            if (BinaryPrimitives.ReadUInt32LittleEndian(sh[4..]) != 2)
                continue; // SHT_SYMTAB
            int symOff = (int)BinaryPrimitives.ReadUInt64LittleEndian(sh[0x18..]);
            int symSize = (int)BinaryPrimitives.ReadUInt64LittleEndian(sh[0x20..]);
            int strOff = (int)BinaryPrimitives.ReadUInt64LittleEndian(Section((int)BinaryPrimitives.ReadUInt32LittleEndian(sh[0x28..]))[0x18..]);
            for (int k = 0; k + 24 <= symSize; k += 24)
            {
                var sym = span.Slice(symOff + k, 24);
                int shndx = BinaryPrimitives.ReadUInt16LittleEndian(sym[6..]);
                if ((sym[4] & 0xf) != 2 || shndx == 0 || shndx >= shnum)
                    continue; // STT_FUNC only
                int nameOff = (int)BinaryPrimitives.ReadUInt32LittleEndian(sym);
                int nameEnd = span[(strOff + nameOff)..].IndexOf((byte)0);
                string name = Encoding.ASCII.GetString(elf, strOff + nameOff, nameEnd);
                long value = (long)BinaryPrimitives.ReadUInt64LittleEndian(sym[8..]);
                long size = (long)BinaryPrimitives.ReadUInt64LittleEndian(sym[16..]);
                int secOff = (int)BinaryPrimitives.ReadUInt64LittleEndian(Section(shndx)[0x18..]);
                result[name] = Instruction.ReadAll(span.Slice((int)(secOff + value), (int)size), out _);
            }
        }

        return result;
    }
}
