using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Bpf.Btf;

public sealed partial class BtfSpec
{
    /// <summary>
    /// Parses a raw BTF blob structurally (header, string section, per-kind record sizes, type-id ranges), as
    /// libbpf's btf__new does. Kernel-only rules are checked separately by <see cref="CheckKernelAcceptance"/>.
    /// Throws <see cref="BtfException"/> on malformed input.
    /// </summary>
    public static BtfSpec Parse(ReadOnlySpan<byte> data)
    {
        var hdr = ReadHeader(data, data.Length);
        var body = data[(int)hdr.HdrLen..];
        var typeBytes = body.Slice((int)hdr.TypeOff, (int)hdr.TypeLen);
        var strings = body.Slice((int)hdr.StrOff, (int)hdr.StrLen).ToArray();
        CheckStrings(strings);
        if ((typeBytes.Length & 3) != 0)
            throw new BtfException($"BTF type section length {typeBytes.Length} is not a multiple of 4");
        var words = new uint[typeBytes.Length / 4];
        typeBytes.CopyTo(MemoryMarshal.AsBytes(words.AsSpan()));
        bool tail = hdr.HdrLen > 24 && data[24..(int)hdr.HdrLen].IndexOfAnyExcept((byte)0) >= 0;
        return FromSections(words, strings, hdr, data.Length, tail);
    }

    /// <summary>
    /// Parses a BTF blob of <paramref name="length"/> bytes read from <paramref name="stream"/>, reading the type and
    /// string sections straight into their arrays when they follow the header in that order (as the kernel lays
    /// them out). The kernel's BTF is 5-6 MB: a copy of the whole blob is that many more pages a fresh process faults in.
    /// </summary>
    public static BtfSpec Parse(Stream stream, int length)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            var first = new byte[Math.Min(24, Math.Max(length, 0))];
            stream.ReadExactly(first);
            if (first.Length < 24)
                return Parse(first);
            uint hdrLen = BinaryPrimitives.ReadUInt32LittleEndian(first.AsSpan(4));
            var header = first;
            if (hdrLen > 24 && hdrLen <= (uint)length && hdrLen <= 4096)
            {
                header = new byte[hdrLen];
                first.CopyTo(header, 0);
                stream.ReadExactly(header.AsSpan(24));
            }
            var hdr = ReadHeader(header, length);
            bool inOrder = hdr.TypeOff == 0 && hdr.StrOff == hdr.TypeLen && (hdr.TypeLen & 3) == 0 && header.Length == hdr.HdrLen;
            if (!inOrder)
            {
                var all = new byte[length];
                header.CopyTo(all, 0);
                stream.ReadExactly(all.AsSpan(header.Length));
                return Parse(all);
            }
            var words = new uint[hdr.TypeLen / 4];
            stream.ReadExactly(MemoryMarshal.AsBytes(words.AsSpan()));
            var strings = new byte[hdr.StrLen];
            stream.ReadExactly(strings);
            SkipExactly(stream, (long)length - hdr.HdrLen - hdr.TypeLen - hdr.StrLen);
            CheckStrings(strings);
            bool tail = hdr.HdrLen > 24 && header.AsSpan(24).IndexOfAnyExcept((byte)0) >= 0;
            return FromSections(words, strings, hdr, length, tail);
        }
        catch (EndOfStreamException)
        {
            throw new BtfException($"BTF blob shorter than its stated {length} bytes");
        }
    }

    /// <summary>Consumes the bytes after the last section, so a blob shorter than stated is an error in both parsers.</summary>
    private static void SkipExactly(Stream stream, long count)
    {
        Span<byte> sink = stackalloc byte[512];
        while (count > 0)
        {
            int n = (int)Math.Min(count, sink.Length);
            stream.ReadExactly(sink[..n]);
            count -= n;
        }
    }

    private static void CheckStrings(byte[] strings)
    {
        if (strings.Length == 0 || strings[0] != 0 || strings[^1] != 0)
            throw new BtfException("Invalid BTF string section");
    }

    private static BtfSpec FromSections(uint[] words, byte[] strings, BtfHeader hdr, int dataLength, bool nonZeroHeaderTail)
    {
        if (!BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < words.Length; i++)
                words[i] = BinaryPrimitives.ReverseEndianness(words[i]);
        }
        var start = IndexTypes(words);
        var spec = new BtfSpec(words, start, strings, hdr, dataLength, nonZeroHeaderTail);
        spec.ValidateStructure();
        return spec;
    }

    /// <summary>Parses a BTF blob and returns null with a reason instead of throwing.</summary>
    public static BtfSpec? TryParse(ReadOnlySpan<byte> data, out string? error)
    {
        try
        {
            error = null;
            return Parse(data);
        }
        catch (BtfException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>Reads and checks the header at the start of <paramref name="data"/>, a blob of <paramref name="dataLength"/> bytes.</summary>
    private static BtfHeader ReadHeader(ReadOnlySpan<byte> data, int dataLength)
    {
        if (data.Length < 24)
            throw new BtfException($"BTF header not found (blob is {data.Length} bytes)");
        ushort magic = BinaryPrimitives.ReadUInt16LittleEndian(data);
        if (magic != Magic)
        {
            throw new BtfException(magic == 0x9FEB
                ? "big-endian BTF is not supported"
                : $"invalid BTF magic 0x{magic:x4}");
        }
        byte version = data[2], flags = data[3];
        if (version != 1)
            throw new BtfException($"unsupported BTF version {version}");
        if (flags != 0)
            throw new BtfException($"unsupported BTF flags 0x{flags:x}");
        uint hdrLen = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (hdrLen < 24 || hdrLen > (uint)dataLength)
            throw new BtfException($"invalid BTF header length {hdrLen}");
        var h = new BtfHeader(magic, version, flags, hdrLen,
            BinaryPrimitives.ReadUInt32LittleEndian(data[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(data[12..]),
            BinaryPrimitives.ReadUInt32LittleEndian(data[16..]),
            BinaryPrimitives.ReadUInt32LittleEndian(data[20..]));
        ulong bodyLen = (ulong)dataLength - hdrLen;
        if ((ulong)h.TypeOff + h.TypeLen > bodyLen)
            throw new BtfException($"BTF type section [{h.TypeOff}, +{h.TypeLen}) exceeds data ({bodyLen} bytes after header)");
        if ((ulong)h.StrOff + h.StrLen > bodyLen)
            throw new BtfException($"BTF string section [{h.StrOff}, +{h.StrLen}) exceeds data ({bodyLen} bytes after header)");
        if ((h.TypeOff & 3) != 0)
            throw new BtfException("BTF type section is not 4-byte aligned");
        return h;
    }

    /// <summary>One pass over the records computing each type's start word; validates kinds and record bounds.</summary>
    // One-shot hot loops over every type: compile optimized up front rather than through tier-0 (CLI runs are short).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] IndexTypes(uint[] words)
    {
        // Upper bound: every type needs at least 3 words.
        var start = new int[words.Length / 3 + 1];
        int count = 1;
        int pos = 0;
        while (pos < words.Length)
        {
            if (words.Length - pos < 3)
                throw new BtfException($"[{count}] truncated type record at byte {pos * 4} of the type section");
            uint info = words[pos + 1];
            var kind = (BtfKind)((info >> 24) & 0x1f);
            int vlen = (int)(info & 0xffff);
            if ((int)kind > BtfKindExtensions.MaxKind || kind == BtfKind.Void)
                throw new BtfException($"[{count}] invalid BTF kind {(int)kind}");
            long len = 3 + kind.FixedExtraWords() + (long)vlen * kind.WordsPerVlen();
            if (len > words.Length - pos)
                throw new BtfException($"[{count}] {kind.KernelName()} record (vlen {vlen}) exceeds the type section");
            start[count++] = pos;
            pos += (int)len;
        }
        Array.Resize(ref start, count);
        return start;
    }

    /// <summary>Checks every referenced type id and name offset is in range, so accessors never run off the tables.</summary>
    // One-shot hot loops over every type: compile optimized up front rather than through tier-0 (CLI runs are short).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ValidateStructure()
    {
        uint n = (uint)_start.Length;
        uint strLen = (uint)_strings.Length;
        for (uint id = 1; id < n; id++)
        {
            int p = _start[id];
            if (_words[p] >= strLen)
                throw new BtfException($"[{id}] invalid name offset {_words[p]}");
            var kind = (BtfKind)((_words[p + 1] >> 24) & 0x1f);
            int vlen = (int)(_words[p + 1] & 0xffff);
            int e = p + 3;
            switch (kind)
            {
                case BtfKind.Ptr:
                case BtfKind.Typedef:
                case BtfKind.Volatile:
                case BtfKind.Const:
                case BtfKind.Restrict:
                case BtfKind.TypeTag:
                case BtfKind.Func:
                case BtfKind.FuncProto:
                case BtfKind.Var:
                case BtfKind.DeclTag:
                    CheckRef(id, _words[p + 2], n);
                    break;
            }
            switch (kind)
            {
                case BtfKind.Array:
                    CheckRef(id, _words[e], n);
                    CheckRef(id, _words[e + 1], n);
                    break;
                case BtfKind.Struct:
                case BtfKind.Union:
                    for (int i = 0; i < vlen; i++)
                    {
                        CheckName(id, _words[e + i * 3], strLen);
                        CheckRef(id, _words[e + i * 3 + 1], n);
                    }
                    break;
                case BtfKind.Enum:
                    for (int i = 0; i < vlen; i++)
                        CheckName(id, _words[e + i * 2], strLen);
                    break;
                case BtfKind.Enum64:
                    for (int i = 0; i < vlen; i++)
                        CheckName(id, _words[e + i * 3], strLen);
                    break;
                case BtfKind.FuncProto:
                    for (int i = 0; i < vlen; i++)
                    {
                        CheckName(id, _words[e + i * 2], strLen);
                        CheckRef(id, _words[e + i * 2 + 1], n);
                    }
                    break;
                case BtfKind.Datasec:
                    for (int i = 0; i < vlen; i++)
                        CheckRef(id, _words[e + i * 3], n);
                    break;
            }
        }
    }

    private static void CheckRef(uint id, uint target, uint n)
    {
        if (target >= n)
            throw new BtfException($"[{id}] references invalid type id {target}");
    }

    private static void CheckName(uint id, uint off, uint strLen)
    {
        if (off >= strLen)
            throw new BtfException($"[{id}] invalid name offset {off}");
    }
}
