namespace Bpf.Btf;

/// <summary>BTF type kinds (include/uapi/linux/btf.h, BTF_KIND_*).</summary>
public enum BtfKind : byte
{
    Void = 0,
    Int = 1,
    Ptr = 2,
    Array = 3,
    Struct = 4,
    Union = 5,
    Enum = 6,
    Fwd = 7,
    Typedef = 8,
    Volatile = 9,
    Const = 10,
    Restrict = 11,
    Func = 12,
    FuncProto = 13,
    Var = 14,
    Datasec = 15,
    Float = 16,
    DeclTag = 17,
    TypeTag = 18,
    Enum64 = 19,
}

/// <summary>Linkage of a FUNC (vlen of the func type) or VAR (linkage word).</summary>
public enum BtfLinkage : uint
{
    Static = 0,
    Global = 1,
    Extern = 2,
}

public static class BtfKindExtensions
{
    public const int MaxKind = 19;

    /// <summary>The kernel's btf_kind_str names, which btf_type_str() prints in verifier messages ("STRUCT", "PTR" ...).</summary>
    public static string KernelName(this BtfKind kind) => kind switch
    {
        BtfKind.Void => "UNKNOWN",
        BtfKind.Int => "INT",
        BtfKind.Ptr => "PTR",
        BtfKind.Array => "ARRAY",
        BtfKind.Struct => "STRUCT",
        BtfKind.Union => "UNION",
        BtfKind.Enum => "ENUM",
        BtfKind.Fwd => "FWD",
        BtfKind.Typedef => "TYPEDEF",
        BtfKind.Volatile => "VOLATILE",
        BtfKind.Const => "CONST",
        BtfKind.Restrict => "RESTRICT",
        BtfKind.Func => "FUNC",
        BtfKind.FuncProto => "FUNC_PROTO",
        BtfKind.Var => "VAR",
        BtfKind.Datasec => "DATASEC",
        BtfKind.Float => "FLOAT",
        BtfKind.DeclTag => "DECL_TAG",
        BtfKind.TypeTag => "TYPE_TAG",
        BtfKind.Enum64 => "ENUM64",
        _ => "UNKN",
    };

    /// <summary>Lower-case kind word ("struct", "ptr", "func_proto" ...), as C-like descriptions and libbpf use it.</summary>
    public static string TypeStr(this BtfKind kind) => kind switch
    {
        BtfKind.Void => "void",
        BtfKind.Int => "int",
        BtfKind.Ptr => "ptr",
        BtfKind.Array => "array",
        BtfKind.Struct => "struct",
        BtfKind.Union => "union",
        BtfKind.Enum => "enum",
        BtfKind.Fwd => "fwd",
        BtfKind.Typedef => "typedef",
        BtfKind.Volatile => "volatile",
        BtfKind.Const => "const",
        BtfKind.Restrict => "restrict",
        BtfKind.Func => "func",
        BtfKind.FuncProto => "func_proto",
        BtfKind.Var => "var",
        BtfKind.Datasec => "datasec",
        BtfKind.Float => "float",
        BtfKind.DeclTag => "decl_tag",
        BtfKind.TypeTag => "type_tag",
        BtfKind.Enum64 => "enum64",
        _ => "unknown",
    };

    public static bool IsModifier(this BtfKind k) => k is BtfKind.Const or BtfKind.Volatile or BtfKind.Restrict or BtfKind.TypeTag;
    public static bool IsComposite(this BtfKind k) => k is BtfKind.Struct or BtfKind.Union;
    public static bool IsAnyEnum(this BtfKind k) => k is BtfKind.Enum or BtfKind.Enum64;

    /// <summary>Number of u32 words following the 12-byte common header for one vlen entry / fixed part.</summary>
    internal static int FixedExtraWords(this BtfKind k) => k switch
    {
        BtfKind.Int => 1,
        BtfKind.Array => 3,
        BtfKind.Var => 1,
        BtfKind.DeclTag => 1,
        _ => 0,
    };

    internal static int WordsPerVlen(this BtfKind k) => k switch
    {
        BtfKind.Struct or BtfKind.Union => 3,
        BtfKind.Enum => 2,
        BtfKind.FuncProto => 2,
        BtfKind.Datasec => 3,
        BtfKind.Enum64 => 3,
        _ => 0,
    };
}
