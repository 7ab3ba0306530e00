namespace Bpf.Verifier.Domain;

/// <summary>
/// The numeric part of a register (struct bpf_reg_state's var_off and the eight min/max fields):
/// for scalars the value itself, for pointers the variable part of the offset.
/// </summary>
public partial struct ScalarBounds
{
    public Tnum VarOff;
    public long SMin;
    public long SMax;
    public ulong UMin;
    public ulong UMax;
    public int S32Min;
    public int S32Max;
    public uint U32Min;
    public uint U32Max;

    /// <summary>Completely unknown 64-bit value (__mark_reg_unbounded + tnum_unknown).</summary>
    public static ScalarBounds Unknown => new()
    {
        VarOff = Tnum.Unknown,
        SMin = long.MinValue,
        SMax = long.MaxValue,
        UMin = 0,
        UMax = ulong.MaxValue,
        S32Min = int.MinValue,
        S32Max = int.MaxValue,
        U32Min = 0,
        U32Max = uint.MaxValue,
    };

    /// <summary>A known constant (__mark_reg_known).</summary>
    public static ScalarBounds Const(ulong v) => new()
    {
        VarOff = Tnum.Const(v),
        SMin = (long)v,
        SMax = (long)v,
        UMin = v,
        UMax = v,
        S32Min = (int)(uint)v,
        S32Max = (int)(uint)v,
        U32Min = (uint)v,
        U32Max = (uint)v,
    };

    public readonly bool IsConst => VarOff.IsConst;
}
