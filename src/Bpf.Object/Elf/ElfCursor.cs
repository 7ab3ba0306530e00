using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Bpf.Object.Elf;

/// <summary>
/// Bounds-checked little-endian reader over a byte span (BlobReader style): every read checks the remaining
/// length and failures go through one throw helper, so malformed input surfaces as <see cref="ObjectFormatException"/>.
/// </summary>
internal ref struct ElfCursor
{
    private readonly ReadOnlySpan<byte> _data;
    private int _pos;

    public ElfCursor(ReadOnlySpan<byte> data, string what)
    {
        _data = data;
        _pos = 0;
        What = what;
    }

    /// <summary>What is being read, for error messages ("ELF header", "symbol table"...).</summary>
    public string What { get; }

    public readonly int Position => _pos;
    public readonly int Remaining => _data.Length - _pos;

    public void Seek(int position)
    {
        if ((uint)position > (uint)_data.Length)
            Fail($"{What}: offset {position} is beyond its {_data.Length} bytes");
        _pos = position;
    }

    public byte ReadU8() => Take(1)[0];
    public ushort ReadU16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));
    public uint ReadU32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));
    public ulong ReadU64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));
    public int ReadI32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0)
            Fail($"{What}: negative length {count}");
        return Take(count);
    }

    private ReadOnlySpan<byte> Take(int n)
    {
        if (n > _data.Length - _pos)
            Fail($"{What}: truncated (need {n} bytes at offset {_pos}, {_data.Length - _pos} left)");
        var s = _data.Slice(_pos, n);
        _pos += n;
        return s;
    }

    /// <summary>The single throw helper of the ELF layer.</summary>
    [DoesNotReturn]
    public static void Fail(string message) => throw new ObjectFormatException(message);

    /// <summary>Checks that [offset, offset+size) lies within a buffer of <paramref name="length"/> bytes.</summary>
    public static void CheckRange(ulong offset, ulong size, int length, string what)
    {
        if (offset > (ulong)length || size > (ulong)length - offset)
            Fail($"{what}: range [{offset}, +{size}) is outside the file ({length} bytes)");
    }
}
