namespace Bpf.Btf;

/// <summary>CO-RE relocation kinds (enum bpf_core_relo_kind).</summary>
public enum CoreReloKind : uint
{
    FieldByteOffset = 0,
    FieldByteSize = 1,
    FieldExists = 2,
    FieldSigned = 3,
    FieldLShiftU64 = 4,
    FieldRShiftU64 = 5,
    TypeIdLocal = 6,
    TypeIdTarget = 7,
    TypeExists = 8,
    TypeSize = 9,
    EnumvalExists = 10,
    EnumvalValue = 11,
    TypeMatches = 12,
}

/// <summary>A .BTF.ext func_info record. <see cref="InsnOff"/> is in bytes within the ELF section.</summary>
public readonly record struct BtfFuncInfo(uint InsnOff, uint TypeId)
{
    public int InsnIndex => (int)(InsnOff / 8);
}

/// <summary>A .BTF.ext line_info record with its strings resolved (file name and source line text).</summary>
public readonly record struct BtfLineInfo(uint InsnOff, uint FileNameOff, uint LineOff, uint LineCol, string FileName, string LineText)
{
    public int InsnIndex => (int)(InsnOff / 8);
    public uint Line => LineCol >> 10;
    public uint Column => LineCol & 0x3ff;
}

/// <summary>A CO-RE relocation record (struct bpf_core_relo) with its access string resolved.</summary>
public readonly record struct CoreRelo(uint InsnOff, uint TypeId, uint AccessStrOff, CoreReloKind Kind, string AccessString)
{
    public int InsnIndex => (int)(InsnOff / 8);

    public static string KindName(CoreReloKind kind) => kind switch
    {
        CoreReloKind.FieldByteOffset => "byte_off",
        CoreReloKind.FieldByteSize => "byte_sz",
        CoreReloKind.FieldExists => "field_exists",
        CoreReloKind.FieldSigned => "signed",
        CoreReloKind.FieldLShiftU64 => "lshift_u64",
        CoreReloKind.FieldRShiftU64 => "rshift_u64",
        CoreReloKind.TypeIdLocal => "local_type_id",
        CoreReloKind.TypeIdTarget => "target_type_id",
        CoreReloKind.TypeExists => "type_exists",
        CoreReloKind.TypeMatches => "type_matches",
        CoreReloKind.TypeSize => "type_size",
        CoreReloKind.EnumvalExists => "enumval_exists",
        CoreReloKind.EnumvalValue => "enumval_value",
        _ => "unknown",
    };
}

/// <summary>The .BTF.ext records of one ELF code section.</summary>
public sealed class BtfExtSection(string name)
{
    public string Name { get; } = name;
    public List<BtfFuncInfo> FuncInfos { get; } = [];
    public List<BtfLineInfo> LineInfos { get; } = [];
    public List<CoreRelo> CoreRelos { get; } = [];
}
