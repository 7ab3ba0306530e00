namespace Bpf.Btf;

/// <summary>One step of a CO-RE access spec: a named member (Name != null), an array index, or the root index.</summary>
internal struct CoreAccessor
{
    public uint TypeId;
    public int Index;
    public string? Name;
}

/// <summary>
/// A CO-RE access specification ("0:1:2") resolved against one BTF: high-level accessors (named members, array
/// indices) plus the raw index path (which also walks anonymous members) and the accumulated bit offset.
/// </summary>
internal sealed class CoreSpec
{
    public const int MaxLen = 64;

    public CoreSpec(BtfSpec btf, uint rootTypeId, CoreReloKind kind)
    {
        Btf = btf;
        RootTypeId = rootTypeId;
        Kind = kind;
    }

    public BtfSpec Btf { get; }
    public uint RootTypeId { get; }
    public CoreReloKind Kind { get; }
    public CoreAccessor[] Acc { get; } = new CoreAccessor[MaxLen];
    public int Len { get; set; }
    public int[] Raw { get; } = new int[MaxLen];
    public int RawLen { get; set; }
    public long BitOffset { get; set; }

    public ref CoreAccessor Last => ref Acc[Len - 1];
}

internal static class CoreKinds
{
    public static bool IsFieldBased(this CoreReloKind k) => k <= CoreReloKind.FieldRShiftU64;

    public static bool IsTypeBased(this CoreReloKind k) =>
        k is CoreReloKind.TypeIdLocal or CoreReloKind.TypeIdTarget or CoreReloKind.TypeExists or CoreReloKind.TypeMatches or CoreReloKind.TypeSize;

    public static bool IsEnumvalBased(this CoreReloKind k) => k is CoreReloKind.EnumvalExists or CoreReloKind.EnumvalValue;

    /// <summary>Length of a name without its "___flavor" suffix (X___Y with X, Y not underscores).</summary>
    public static int EssentialNameLength(string name)
    {
        for (int i = name.Length - 5; i >= 0; i--)
        {
            if (name[i] != '_' && name[i + 1] == '_' && name[i + 2] == '_' && name[i + 3] == '_' && name[i + 4] != '_')
                return i + 1;
        }
        return name.Length;
    }

    public static bool EssentialNamesEqual(string a, string b)
    {
        int la = EssentialNameLength(a), lb = EssentialNameLength(b);
        return la == lb && string.CompareOrdinal(a, 0, b, 0, la) == 0;
    }

    /// <summary>Same kind, or both enums (enum/enum64 are interchangeable for CO-RE).</summary>
    public static bool KindCompatible(BtfKind a, BtfKind b) => a == b || (a.IsAnyEnum() && b.IsAnyEnum());
}
