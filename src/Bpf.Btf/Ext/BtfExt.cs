using System.Buffers.Binary;

namespace Bpf.Btf;

/// <summary>
/// Parsed .BTF.ext: func_info, line_info and CO-RE relocation records grouped by ELF section name, with the
/// same structural checks as libbpf's btf_ext__new. Throws <see cref="BtfException"/> on malformed input.
/// </summary>
public sealed class BtfExt
{
    private readonly Dictionary<string, BtfExtSection> _sections = new(StringComparer.Ordinal);
    private readonly List<BtfExtSection> _ordered = [];

    private BtfExt()
    {
    }

    public uint FuncInfoRecSize { get; private set; }
    public uint LineInfoRecSize { get; private set; }
    public uint CoreReloRecSize { get; private set; }

    /// <summary>Sections in the order they first appear.</summary>
    public IReadOnlyList<BtfExtSection> Sections => _ordered;

    public BtfExtSection? Section(string name) => _sections.GetValueOrDefault(name);

    public int TotalCoreRelos
    {
        get
        {
            int n = 0;
            foreach (var s in _ordered)
                n += s.CoreRelos.Count;
            return n;
        }
    }

    public static BtfExt Parse(ReadOnlySpan<byte> data, BtfSpec btf)
    {
        if (data.Length < 8)
            throw new BtfException("BTF.ext header not found");
        ushort magic = BinaryPrimitives.ReadUInt16LittleEndian(data);
        if (magic != BtfSpec.Magic)
            throw new BtfException($"Invalid BTF.ext magic:{magic:x}");
        if (data[2] != 1)
            throw new BtfException($"Unsupported BTF.ext version:{data[2]}");
        if (data[3] != 0)
            throw new BtfException($"Unsupported BTF.ext flags:{data[3]:x}");
        uint hdrLen = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (hdrLen < 8 || hdrLen > (uint)data.Length)
            throw new BtfException($"BTF.ext header length {hdrLen} is invalid");
        if (hdrLen == (uint)data.Length)
            throw new BtfException("BTF.ext has no data");

        var ext = new BtfExt();
        var body = data[(int)hdrLen..];
        // The header grows over time; a field exists when hdr_len covers it.
        if (hdrLen >= 24)
        {
            ext.FuncInfoRecSize = ext.ParseInfo(body, Field(data, 8), Field(data, 12), "func_info", 8, btf, ReadFuncInfo);
            ext.LineInfoRecSize = ext.ParseInfo(body, Field(data, 16), Field(data, 20), "line_info", 16, btf, ReadLineInfo);
        }
        if (hdrLen >= 32)
            ext.CoreReloRecSize = ext.ParseInfo(body, Field(data, 24), Field(data, 28), "core_relo", 16, btf, ReadCoreRelo);
        return ext;
    }

    public static BtfExt? TryParse(ReadOnlySpan<byte> data, BtfSpec btf, out string? error)
    {
        try
        {
            error = null;
            return Parse(data, btf);
        }
        catch (BtfException e)
        {
            error = e.Message;
            return null;
        }
    }

    private static uint Field(ReadOnlySpan<byte> data, int at) => BinaryPrimitives.ReadUInt32LittleEndian(data[at..]);

    private delegate void RecordReader(BtfExtSection sec, ReadOnlySpan<byte> rec, BtfSpec btf, Dictionary<uint, string> strings);

    // Line info repeats the same file names and source lines; decode each string offset once.
    private readonly Dictionary<uint, string> _strings = [];

    private uint ParseInfo(ReadOnlySpan<byte> body, uint off, uint len, string desc, uint minRecSize, BtfSpec btf, RecordReader read)
    {
        if (len == 0)
            return 0;
        if ((off & 3) != 0)
            throw new BtfException($".BTF.ext {desc} section is not aligned to 4 bytes");
        if ((ulong)off + len > (ulong)body.Length)
            throw new BtfException($"{desc} section (off:{off} len:{len}) is beyond the end of the ELF section .BTF.ext");
        var info = body.Slice((int)off, (int)len);
        if (info.Length < 4)
            throw new BtfException($".BTF.ext {desc} record size not found");
        uint recSize = BinaryPrimitives.ReadUInt32LittleEndian(info);
        if (recSize < minRecSize || (recSize & 3) != 0)
            throw new BtfException($"{desc} section in .BTF.ext has invalid record size {recSize}");
        info = info[4..];
        if (info.IsEmpty)
            throw new BtfException($"{desc} section in .BTF.ext has no records");
        while (!info.IsEmpty)
        {
            if (info.Length < 8)
                throw new BtfException($"{desc} section header is not found in .BTF.ext");
            uint secNameOff = BinaryPrimitives.ReadUInt32LittleEndian(info);
            uint num = BinaryPrimitives.ReadUInt32LittleEndian(info[4..]);
            string? secName = btf.StringAt(secNameOff);
            if (string.IsNullOrEmpty(secName))
                throw new BtfException($"{desc} section name offset {secNameOff} is invalid in .BTF.ext");
            if (num == 0)
                throw new BtfException($"{desc} section has incorrect num_records in .BTF.ext");
            info = info[8..];
            ulong total = (ulong)num * recSize;
            if ((ulong)info.Length < total)
                throw new BtfException($"{desc} section has incorrect num_records in .BTF.ext");
            var sec = GetOrAdd(secName);
            for (int i = 0; i < (int)num; i++)
                read(sec, info.Slice(i * (int)recSize, (int)recSize), btf, _strings);
            info = info[(int)total..];
        }
        return recSize;
    }

    private BtfExtSection GetOrAdd(string name)
    {
        if (!_sections.TryGetValue(name, out var sec))
        {
            _sections[name] = sec = new BtfExtSection(name);
            _ordered.Add(sec);
        }
        return sec;
    }

    private static uint U32(ReadOnlySpan<byte> rec, int at) => BinaryPrimitives.ReadUInt32LittleEndian(rec[at..]);

    private static string CachedString(BtfSpec btf, Dictionary<uint, string> cache, uint off)
    {
        if (!cache.TryGetValue(off, out var s))
            cache[off] = s = btf.StringAt(off) ?? "";
        return s;
    }

    private static void ReadFuncInfo(BtfExtSection sec, ReadOnlySpan<byte> rec, BtfSpec btf, Dictionary<uint, string> strings) =>
        sec.FuncInfos.Add(new BtfFuncInfo(U32(rec, 0), U32(rec, 4)));

    private static void ReadLineInfo(BtfExtSection sec, ReadOnlySpan<byte> rec, BtfSpec btf, Dictionary<uint, string> strings)
    {
        uint file = U32(rec, 4), line = U32(rec, 8);
        sec.LineInfos.Add(new BtfLineInfo(U32(rec, 0), file, line, U32(rec, 12), CachedString(btf, strings, file), CachedString(btf, strings, line)));
    }

    private static void ReadCoreRelo(BtfExtSection sec, ReadOnlySpan<byte> rec, BtfSpec btf, Dictionary<uint, string> strings)
    {
        uint access = U32(rec, 8);
        sec.CoreRelos.Add(new CoreRelo(U32(rec, 0), U32(rec, 4), access, (CoreReloKind)U32(rec, 12), CachedString(btf, strings, access)));
    }
}
