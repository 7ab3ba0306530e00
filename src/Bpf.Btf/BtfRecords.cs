namespace Bpf.Btf;

/// <summary>A struct/union member. <see cref="BitOffset"/> is from the start of the composite; <see cref="BitfieldSize"/> is 0 for non-bitfields.</summary>
public readonly record struct BtfMember(uint NameOff, uint TypeId, uint BitOffset, uint BitfieldSize);

/// <summary>A func_proto parameter (<see cref="TypeId"/> 0 with no name marks a trailing "...").</summary>
public readonly record struct BtfParam(uint NameOff, uint TypeId);

/// <summary>An enum/enum64 enumerator; <see cref="Value"/> holds the raw 64-bit pattern (sign per the kind flag).</summary>
public readonly record struct BtfEnumValue(uint NameOff, ulong Value);

/// <summary>A variable (or func) placed in a DATASEC.</summary>
public readonly record struct BtfDatasecVar(uint TypeId, uint Offset, uint Size);

public readonly record struct BtfArrayInfo(uint ElemType, uint IndexType, uint NElems);

/// <summary>INT encoding word: signed/char/bool flags, bit offset and bit count.</summary>
public readonly record struct BtfIntEncoding(uint Raw)
{
    public const uint SignedFlag = 1, CharFlag = 2, BoolFlag = 4;
    public uint Encoding => (Raw >> 24) & 0x0f;
    public uint Offset => (Raw >> 16) & 0xff;
    public uint Bits => Raw & 0xff;
    public bool IsSigned => (Encoding & SignedFlag) != 0;
    public bool IsChar => (Encoding & CharFlag) != 0;
    public bool IsBool => (Encoding & BoolFlag) != 0;
}
