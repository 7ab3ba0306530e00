using System.Buffers.Binary;

namespace Bpf.Fuzz;

/// <summary>
/// Produces corrupted variants of a BPF object: bit flips anywhere, truncation, corrupted section headers,
/// and targeted damage inside the .BTF and .BTF.ext sections (where the readers' length fields live).
/// Deterministic for a given seed so a failure can be replayed.
/// </summary>
public sealed class Mutator(int seed)
{
    readonly Random _rng = new(seed);

    public enum Kind { BitFlips, Truncate, SectionHeader, Btf, BtfExt, ByteRuns }

    public byte[] Mutate(byte[] original, out Kind kind)
    {
        kind = (Kind)_rng.Next(6);
        var data = (byte[])original.Clone();
        switch (kind)
        {
            case Kind.BitFlips:
                FlipBits(data, 0, data.Length, 1 + _rng.Next(8));
                return data;
            case Kind.Truncate:
                return data[.._rng.Next(data.Length)];
            case Kind.SectionHeader:
                CorruptSectionHeaders(data);
                return data;
            case Kind.Btf:
            case Kind.BtfExt:
                if (!TryFindSection(data, kind == Kind.Btf ? ".BTF" : ".BTF.ext", out int off, out int size) || size == 0)
                {
                    FlipBits(data, 0, data.Length, 2);
                    return data;
                }
                // The first 32 bytes hold the headers' offsets and lengths: hit them more often.
                if (_rng.Next(2) == 0)
                    FlipBits(data, off, Math.Min(size, 32), 1 + _rng.Next(3));
                else
                    WriteInterestingWord(data, off + _rng.Next(size & ~3));
                return data;
            default:
                int at = _rng.Next(data.Length);
                int len = Math.Min(data.Length - at, 1 + _rng.Next(64));
                byte fill = (byte)(_rng.Next(3) switch { 0 => 0x00, 1 => 0xff, _ => _rng.Next(256) });
                data.AsSpan(at, len).Fill(fill);
                return data;
        }
    }

    void FlipBits(byte[] data, int start, int length, int count)
    {
        if (length <= 0)
            return;
        for (int i = 0; i < count; i++)
            data[start + _rng.Next(length)] ^= (byte)(1 << _rng.Next(8));
    }

    void WriteInterestingWord(byte[] data, int at)
    {
        if (at < 0 || at + 4 > data.Length)
            return;
        uint[] interesting = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffff0, 0x10000, (uint)data.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(at), interesting[_rng.Next(interesting.Length)]);
    }

    void CorruptSectionHeaders(byte[] data)
    {
        if (data.Length < 64)
            return;
        ulong shoff = BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(0x28));
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(0x3c));
        if (shnum == 0 || shoff >= (ulong)data.Length)
        {
            FlipBits(data, 0, 64, 2);
            return;
        }
        int sh = (int)shoff + 64 * _rng.Next(shnum);
        // sh_offset (0x18), sh_size (0x20), sh_link (0x28), sh_info (0x2c), sh_entsize (0x38), sh_type (0x04)
        int[] fields = [0x04, 0x18, 0x20, 0x28, 0x2c, 0x38];
        int at = sh + fields[_rng.Next(fields.Length)];
        WriteInterestingWord(data, at);
    }

    /// <summary>Finds a section by name with a minimal, fuzzer-private ELF walk (never throws).</summary>
    public static bool TryFindSection(byte[] data, string name, out int offset, out int size)
    {
        offset = size = 0;
        try
        {
            var d = data.AsSpan();
            ulong shoff = BinaryPrimitives.ReadUInt64LittleEndian(d[0x28..]);
            int shnum = BinaryPrimitives.ReadUInt16LittleEndian(d[0x3c..]);
            int shstrndx = BinaryPrimitives.ReadUInt16LittleEndian(d[0x3e..]);
            int strHdr = checked((int)shoff + 64 * shstrndx);
            int strOff = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(d[(strHdr + 0x18)..]));
            for (int i = 0; i < shnum; i++)
            {
                int h = checked((int)shoff + 64 * i);
                int nameOff = strOff + (int)BinaryPrimitives.ReadUInt32LittleEndian(d[h..]);
                int end = d[nameOff..].IndexOf((byte)0);
                if (end < 0 || System.Text.Encoding.ASCII.GetString(d.Slice(nameOff, end)) != name)
                    continue;
                offset = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(d[(h + 0x18)..]));
                size = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(d[(h + 0x20)..]));
                return offset >= 0 && size >= 0 && offset + size <= data.Length;
            }
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException or IndexOutOfRangeException)
        {
        }
        return false;
    }
}
