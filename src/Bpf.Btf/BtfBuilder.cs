using System.Buffers.Binary;
using System.Text;

namespace Bpf.Btf;

/// <summary>
/// Builds BTF blobs programmatically (tests, synthetic inputs). Each Add method returns the new type id;
/// ids start at 1 in call order. Forward references are fine: pass ids you will create later.
/// </summary>
public sealed class BtfBuilder
{
    private readonly List<uint> _words = [];
    private readonly MemoryStream _strings = new();
    private readonly Dictionary<string, uint> _stringOffsets = new(StringComparer.Ordinal);
    private uint _nextId = 1;

    public BtfBuilder()
    {
        _strings.WriteByte(0);
        _stringOffsets[""] = 0;
    }

    public uint NextId => _nextId;

    public uint AddString(string s)
    {
        if (_stringOffsets.TryGetValue(s, out uint off))
            return off;
        off = (uint)_strings.Length;
        var bytes = Encoding.UTF8.GetBytes(s);
        _strings.Write(bytes, 0, bytes.Length);
        _strings.WriteByte(0);
        _stringOffsets[s] = off;
        return off;
    }

    private static uint InfoWord(BtfKind kind, int vlen, bool kflag) =>
        (kflag ? 1u << 31 : 0) | ((uint)kind << 24) | ((uint)vlen & 0xffff);

    /// <summary>Appends a raw record (for corrupt-input tests): header words then extra words.</summary>
    public uint Raw(uint nameOff, uint info, uint sizeOrType, params uint[] extra)
    {
        _words.Add(nameOff);
        _words.Add(info);
        _words.Add(sizeOrType);
        _words.AddRange(extra);
        return _nextId++;
    }

    private uint Add(string? name, BtfKind kind, int vlen, bool kflag, uint sizeOrType, params uint[] extra) =>
        Raw(AddString(name ?? ""), InfoWord(kind, vlen, kflag), sizeOrType, extra);

    public uint Int(string name, uint size, bool signed = false, uint bits = 0, uint bitOffset = 0, bool isChar = false, bool isBool = false)
    {
        uint enc = (signed ? BtfIntEncoding.SignedFlag : 0) | (isChar ? BtfIntEncoding.CharFlag : 0) | (isBool ? BtfIntEncoding.BoolFlag : 0);
        uint nbits = bits == 0 ? size * 8 : bits;
        return Add(name, BtfKind.Int, 0, false, size, (enc << 24) | (bitOffset << 16) | nbits);
    }

    public uint Ptr(uint type) => Add(null, BtfKind.Ptr, 0, false, type);
    public uint Typedef(string name, uint type) => Add(name, BtfKind.Typedef, 0, false, type);
    public uint Volatile(uint type) => Add(null, BtfKind.Volatile, 0, false, type);
    public uint Const(uint type) => Add(null, BtfKind.Const, 0, false, type);
    public uint Restrict(uint type) => Add(null, BtfKind.Restrict, 0, false, type);
    public uint TypeTag(string value, uint type) => Add(value, BtfKind.TypeTag, 0, false, type);
    public uint Float(string name, uint size) => Add(name, BtfKind.Float, 0, false, size);
    public uint Fwd(string name, bool isUnion = false) => Add(name, BtfKind.Fwd, 0, isUnion, 0);
    public uint Array(uint elemType, uint indexType, uint nelems) => Add(null, BtfKind.Array, 0, false, 0, elemType, indexType, nelems);
    public uint Func(string name, uint protoId, BtfLinkage linkage = BtfLinkage.Global) => Add(name, BtfKind.Func, (int)linkage, false, protoId);
    public uint Var(string name, uint type, BtfLinkage linkage = BtfLinkage.Global) => Add(name, BtfKind.Var, 0, false, type, (uint)linkage);
    public uint DeclTag(string value, uint type, int componentIdx = -1) => Add(value, BtfKind.DeclTag, 0, false, type, (uint)componentIdx);

    public uint Struct(string? name, uint size, params BtfBuilderMember[] members) => Composite(BtfKind.Struct, name, size, members);
    public uint Union(string? name, uint size, params BtfBuilderMember[] members) => Composite(BtfKind.Union, name, size, members);

    private uint Composite(BtfKind kind, string? name, uint size, BtfBuilderMember[] members)
    {
        bool kflag = false;
        foreach (var m in members)
            kflag |= m.BitfieldSize != 0;
        var extra = new uint[members.Length * 3];
        for (int i = 0; i < members.Length; i++)
        {
            var m = members[i];
            extra[i * 3] = AddString(m.Name ?? "");
            extra[i * 3 + 1] = m.Type;
            extra[i * 3 + 2] = kflag ? (m.BitfieldSize << 24) | m.BitOffset : m.BitOffset;
        }
        return Add(name, kind, members.Length, kflag, size, extra);
    }

    public uint Enum(string? name, uint size, bool signed, params (string Name, long Value)[] values)
    {
        var extra = new uint[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
        {
            extra[i * 2] = AddString(values[i].Name);
            extra[i * 2 + 1] = (uint)values[i].Value;
        }
        return Add(name, BtfKind.Enum, values.Length, signed, size, extra);
    }

    public uint Enum64(string? name, uint size, bool signed, params (string Name, long Value)[] values)
    {
        var extra = new uint[values.Length * 3];
        for (int i = 0; i < values.Length; i++)
        {
            extra[i * 3] = AddString(values[i].Name);
            extra[i * 3 + 1] = (uint)values[i].Value;
            extra[i * 3 + 2] = (uint)((ulong)values[i].Value >> 32);
        }
        return Add(name, BtfKind.Enum64, values.Length, signed, size, extra);
    }

    public uint FuncProto(uint returnType, params (string? Name, uint Type)[] args)
    {
        var extra = new uint[args.Length * 2];
        for (int i = 0; i < args.Length; i++)
        {
            extra[i * 2] = AddString(args[i].Name ?? "");
            extra[i * 2 + 1] = args[i].Type;
        }
        return Add(null, BtfKind.FuncProto, args.Length, false, returnType, extra);
    }

    public uint Datasec(string name, uint size, params BtfDatasecVar[] vars)
    {
        var extra = new uint[vars.Length * 3];
        for (int i = 0; i < vars.Length; i++)
        {
            extra[i * 3] = vars[i].TypeId;
            extra[i * 3 + 1] = vars[i].Offset;
            extra[i * 3 + 2] = vars[i].Size;
        }
        return Add(name, BtfKind.Datasec, vars.Length, false, size, extra);
    }

    /// <summary>The BTF blob: 24-byte header, type section, string section.</summary>
    public byte[] Build()
    {
        var strings = _strings.ToArray();
        int typeLen = _words.Count * 4;
        var result = new byte[24 + typeLen + strings.Length];
        var s = result.AsSpan();
        BinaryPrimitives.WriteUInt16LittleEndian(s, BtfSpec.Magic);
        s[2] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], 24);
        BinaryPrimitives.WriteUInt32LittleEndian(s[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(s[12..], (uint)typeLen);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], (uint)typeLen);
        BinaryPrimitives.WriteUInt32LittleEndian(s[20..], (uint)strings.Length);
        for (int i = 0; i < _words.Count; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(s[(24 + i * 4)..], _words[i]);
        strings.CopyTo(s[(24 + typeLen)..]);
        return result;
    }

    public BtfSpec BuildSpec() => BtfSpec.Parse(Build());
}

/// <summary>A member for <see cref="BtfBuilder.Struct"/>; <see cref="BitfieldSize"/> 0 = not a bitfield.</summary>
public readonly record struct BtfBuilderMember(string? Name, uint Type, uint BitOffset, uint BitfieldSize = 0);
