using System.Buffers.Binary;
using System.Text;

namespace Bpf.Btf.Tests;

/// <summary>Test-only ELF64 little-endian section reader (enough to pull .BTF / .BTF.ext out of corpus objects).</summary>
internal static class TinyElf
{
    /// <summary>Section name → contents; NOBITS sections map to zero-filled arrays of their size.</summary>
    public static Dictionary<string, byte[]> Sections(byte[] f) => Read(f).Sections;

    public static (Dictionary<string, byte[]> Sections, Dictionary<string, BtfElfSymbol> Symbols) Read(byte[] f)
    {
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var symbols = new Dictionary<string, BtfElfSymbol>(StringComparer.Ordinal);
        if (f.Length < 64 || f[0] != 0x7f || f[1] != (byte)'E' || f[4] != 2 || f[5] != 1)
            return (result, symbols);
        long shoff = (long)BinaryPrimitives.ReadUInt64LittleEndian(f.AsSpan(0x28));
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(0x3a));
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(0x3c));
        int shstrndx = BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(0x3e));
        (long Off, long Size, uint Name, uint Type) Sh(int i)
        {
            var s = f.AsSpan((int)(shoff + i * shentsize));
            return ((long)BinaryPrimitives.ReadUInt64LittleEndian(s[0x18..]), (long)BinaryPrimitives.ReadUInt64LittleEndian(s[0x20..]),
                BinaryPrimitives.ReadUInt32LittleEndian(s), BinaryPrimitives.ReadUInt32LittleEndian(s[4..]));
        }
        var strtab = Sh(shstrndx);
        for (int i = 1; i < shnum; i++)
        {
            var sh = Sh(i);
            var nameSpan = f.AsSpan((int)(strtab.Off + sh.Name));
            string name = Encoding.ASCII.GetString(nameSpan[..nameSpan.IndexOf((byte)0)]);
            result[name] = sh.Type == 8 ? new byte[sh.Size] : f.AsSpan((int)sh.Off, (int)sh.Size).ToArray();
            int linkIndex = (int)BinaryPrimitives.ReadUInt32LittleEndian(f.AsSpan((int)(shoff + i * shentsize) + 0x28));
            if (sh.Type == 2 && linkIndex > 0 && linkIndex < shnum) // SHT_SYMTAB
            {
                var link = Sh(linkIndex);
                for (long o = 24; o + 24 <= sh.Size; o += 24)
                {
                    var sym = f.AsSpan((int)(sh.Off + o), 24);
                    uint nameOff = BinaryPrimitives.ReadUInt32LittleEndian(sym);
                    var ns = f.AsSpan((int)(link.Off + nameOff));
                    string symName = Encoding.ASCII.GetString(ns[..ns.IndexOf((byte)0)]);
                    int visibility = sym[5] & 3;
                    int type = sym[4] & 0xf;
                    if (type == 1 && symName.Length > 0) // STT_OBJECT
                        symbols[symName] = new BtfElfSymbol(BinaryPrimitives.ReadUInt64LittleEndian(sym[8..]), visibility is 1 or 2);
                }
            }
        }
        return (result, symbols);
    }
}

internal static class Corpus
{
    public const string Root = "/work/shared/corpus";

    public static bool Available => Directory.Exists(Root);

    public static IEnumerable<string> Objects() =>
        Directory.EnumerateFiles(Root, "*.o", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
}
