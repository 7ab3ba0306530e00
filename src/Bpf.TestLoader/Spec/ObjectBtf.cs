using System.Buffers.Binary;
using System.Text;
using Bpf.Btf;

namespace Bpf.TestLoader.Spec;

/// <summary>
/// Reads the object's own <c>.BTF</c> section, untouched. test_loader reads annotations from libbpf's object BTF,
/// which exists even when the kernel later refuses that BTF (<see cref="Bpf.Object.ObjectSpec.Btf"/> is then null).
/// </summary>
public static class ObjectBtf
{
    /// <summary>The parsed <c>.BTF</c> section, or null when the file has none or it does not parse.</summary>
    public static BtfSpec? Read(byte[] elf)
    {
        var data = FindSection(elf, ".BTF");
        return data == null ? null : BtfSpec.TryParse(data.Value.Span, out _);
    }

    /// <summary>Bytes of the named section of an ELF64 little-endian file; null when absent or out of range.</summary>
    internal static ReadOnlyMemory<byte>? FindSection(byte[] elf, string name)
    {
        var span = elf.AsSpan();
        if (span.Length < 64 || span[0] != 0x7f || span[1] != (byte)'E' || span[4] != 2 || span[5] != 1)
            return null;
        ulong shoff = BinaryPrimitives.ReadUInt64LittleEndian(span[40..]);
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(span[58..]);
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(span[60..]);
        int shstrndx = BinaryPrimitives.ReadUInt16LittleEndian(span[62..]);
        if (shentsize < 64 || shstrndx >= shnum || shoff + (ulong)(shnum * shentsize) > (ulong)span.Length)
            return null;
        if (!TrySection(span, shoff, shentsize, shstrndx, out ulong strOff, out ulong strSize))
            return null;
        byte[] wanted = Encoding.ASCII.GetBytes(name);
        for (int i = 1; i < shnum; i++)
        {
            int hdr = (int)shoff + i * shentsize;
            uint nameOff = BinaryPrimitives.ReadUInt32LittleEndian(span[hdr..]);
            if (nameOff >= strSize)
                continue;
            var names = span.Slice((int)(strOff + nameOff), (int)(strSize - nameOff));
            int end = names.IndexOf((byte)0);
            if (end < 0 || !names[..end].SequenceEqual(wanted))
                continue;
            if (!TrySection(span, shoff, shentsize, i, out ulong off, out ulong size))
                return null;
            return elf.AsMemory((int)off, (int)size);
        }
        return null;
    }

    private static bool TrySection(ReadOnlySpan<byte> span, ulong shoff, int shentsize, int index, out ulong off, out ulong size)
    {
        int hdr = (int)shoff + index * shentsize;
        off = BinaryPrimitives.ReadUInt64LittleEndian(span[(hdr + 24)..]);
        size = BinaryPrimitives.ReadUInt64LittleEndian(span[(hdr + 32)..]);
        return off <= (ulong)span.Length && size <= (ulong)span.Length - off;
    }
}
