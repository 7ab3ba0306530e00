using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Bpf.Btf;

/// <summary>
/// A parsed BTF blob (object BTF or a kernel's vmlinux BTF): types indexed by id (0 = void) and the string table.
/// Types stay in their raw u32-word form; each id maps to the word index of its 12-byte header, so parsing is one
/// linear pass and accessors decode on demand. Names are decoded lazily and cached.
/// </summary>
public sealed partial class BtfSpec
{
    public const ushort Magic = 0xeB9F;
    public const int MaxResolveDepth = 32;

    private uint[] _words;          // the type section as little-endian u32 words
    private int[] _start;           // _start[id] = word index of type id's header; _start[0] unused (void)
    private byte[] _strings;
    private string?[] _nameCache;

    private BtfSpec(uint[] words, int[] start, byte[] strings, BtfHeader header, int dataLength, bool nonZeroHeaderTail)
    {
        DataLength = dataLength;
        _nonZeroHeaderTail = nonZeroHeaderTail;
        _words = words;
        _start = start;
        _strings = strings;
        _nameCache = new string?[start.Length];
        Header = header;
    }

    public BtfHeader Header { get; }

    /// <summary>Size of the blob this spec was parsed from.</summary>
    public int DataLength { get; }

    private readonly bool _nonZeroHeaderTail;

    /// <summary>Number of type ids including void (valid ids are 0 .. TypeCount-1).</summary>
    public int TypeCount => _start.Length;

    /// <summary>The raw string section.</summary>
    public ReadOnlySpan<byte> StringBytes => _strings;

    public bool IsValidId(uint id) => id < (uint)_start.Length;

    // ---- raw header access -------------------------------------------------------------

    private int Start(uint id)
    {
        if (id == 0 || id >= (uint)_start.Length)
            throw new BtfException($"Invalid BTF type id {id}");
        return _start[id];
    }

    private uint Info(uint id) => id == 0 ? 0 : _words[Start(id) + 1];

    public BtfKind Kind(uint id) => id == 0 ? BtfKind.Void : (BtfKind)((Info(id) >> 24) & 0x1f);
    public int Vlen(uint id) => (int)(Info(id) & 0xffff);
    public bool KindFlag(uint id) => (Info(id) >> 31) != 0;
    public uint NameOff(uint id) => id == 0 ? 0 : _words[Start(id)];

    /// <summary>The size word (int, struct, union, enum, float, datasec, enum64).</summary>
    public uint RawSize(uint id) => id == 0 ? 0 : _words[Start(id) + 2];

    /// <summary>The referenced type (ptr, typedef, modifiers, func, func_proto return, var, decl_tag).</summary>
    public uint RefType(uint id) => id == 0 ? 0 : _words[Start(id) + 2];

    /// <summary>Raw info word (kind | vlen | kflag).</summary>
    public uint RawInfo(uint id) => Info(id);

    private int Extra(uint id) => Start(id) + 3;

    /// <summary>Type name ("" when anonymous or void).</summary>
    public string Name(uint id)
    {
        if (id == 0 || id >= (uint)_start.Length)
            return "";
        return _nameCache[id] ??= StringAt(_words[_start[id]]) ?? "";
    }

    /// <summary>The string at <paramref name="offset"/> in the string table; null when out of range or unterminated.</summary>
    public string? StringAt(uint offset)
    {
        if (offset >= (uint)_strings.Length)
            return null;
        var rest = _strings.AsSpan((int)offset);
        int end = rest.IndexOf((byte)0);
        if (end < 0)
            return null;
        return end == 0 ? "" : Encoding.UTF8.GetString(rest[..end]);
    }

    /// <summary>Raw bytes of the string at <paramref name="offset"/> (no allocation); empty when invalid.</summary>
    public ReadOnlySpan<byte> StringSpanAt(uint offset)
    {
        if (offset >= (uint)_strings.Length)
            return default;
        var rest = _strings.AsSpan((int)offset);
        int end = rest.IndexOf((byte)0);
        return end < 0 ? default : rest[..end];
    }

    // ---- kind specific ---------------------------------------------------------------

    public BtfIntEncoding IntEncoding(uint id) => new(_words[Extra(id)]);

    public BtfArrayInfo ArrayInfo(uint id)
    {
        int e = Extra(id);
        return new BtfArrayInfo(_words[e], _words[e + 1], _words[e + 2]);
    }

    public BtfMember Member(uint id, int index)
    {
        int e = Extra(id) + index * 3;
        uint off = _words[e + 2];
        return KindFlag(id)
            ? new BtfMember(_words[e], _words[e + 1], off & 0xffffff, off >> 24)
            : new BtfMember(_words[e], _words[e + 1], off, 0);
    }

    public string MemberName(uint id, int index) => StringAt(_words[Extra(id) + index * 3]) ?? "";

    public BtfParam Param(uint id, int index)
    {
        int e = Extra(id) + index * 2;
        return new BtfParam(_words[e], _words[e + 1]);
    }

    public string ParamName(uint id, int index) => StringAt(_words[Extra(id) + index * 2]) ?? "";

    /// <summary>Enumerator of an ENUM or ENUM64 (value sign-extended for signed 32-bit enums).</summary>
    public BtfEnumValue EnumValue(uint id, int index)
    {
        if (Kind(id) == BtfKind.Enum64)
        {
            int e = Extra(id) + index * 3;
            return new BtfEnumValue(_words[e], _words[e + 1] | ((ulong)_words[e + 2] << 32));
        }
        int f = Extra(id) + index * 2;
        uint v = _words[f + 1];
        return new BtfEnumValue(_words[f], KindFlag(id) ? (ulong)(long)(int)v : v);
    }

    public string EnumValueName(uint id, int index) =>
        StringAt(_words[Extra(id) + index * (Kind(id) == BtfKind.Enum64 ? 3 : 2)]) ?? "";

    /// <summary>Signedness of an ENUM/ENUM64 (the kind flag).</summary>
    public bool EnumIsSigned(uint id) => KindFlag(id);

    public BtfDatasecVar DatasecVar(uint id, int index)
    {
        int e = Extra(id) + index * 3;
        return new BtfDatasecVar(_words[e], _words[e + 1], _words[e + 2]);
    }

    public BtfLinkage VarLinkage(uint id) => (BtfLinkage)_words[Extra(id)];

    public BtfLinkage FuncLinkage(uint id) => (BtfLinkage)Vlen(id);

    /// <summary>DECL_TAG component index (-1 = the whole declaration).</summary>
    public int DeclTagComponentIdx(uint id) => (int)_words[Extra(id)];

    /// <summary>Serializes back to a BTF blob (header + types + strings).</summary>
    public byte[] ToBytes()
    {
        int hdr = 24;
        int typeLen = _words.Length * 4;
        var result = new byte[hdr + typeLen + _strings.Length];
        var s = result.AsSpan();
        BinaryPrimitives.WriteUInt16LittleEndian(s, Magic);
        s[2] = 1;
        s[3] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], (uint)hdr);
        BinaryPrimitives.WriteUInt32LittleEndian(s[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(s[12..], (uint)typeLen);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], (uint)typeLen);
        BinaryPrimitives.WriteUInt32LittleEndian(s[20..], (uint)_strings.Length);
        MemoryMarshal.AsBytes(_words.AsSpan()).CopyTo(s[hdr..]);
        _strings.CopyTo(s[(hdr + typeLen)..]);
        return result;
    }
}

/// <summary>The fixed BTF header.</summary>
public readonly record struct BtfHeader(ushort Magic, byte Version, byte Flags, uint HdrLen, uint TypeOff, uint TypeLen, uint StrOff, uint StrLen);
