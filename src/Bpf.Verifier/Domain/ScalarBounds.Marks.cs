namespace Bpf.Verifier.Domain;

/// <summary>Whole-value markings (___mark_reg_known, __mark_reg_unbounded and friends).</summary>
public partial struct ScalarBounds
{
    /// <summary>True when the low 32 bits are a known constant.</summary>
    public readonly bool IsSubregConst => VarOff.SubregIsConst;

    /// <summary>The constant value; only meaningful when <see cref="IsConst"/>.</summary>
    public readonly ulong ConstValue => VarOff.Value;

    /// <summary>Reads the 64-bit or low-32-bit constant (reg_const_value).</summary>
    public readonly ulong ConstValueOf(bool subreg32) => subreg32 ? (uint)VarOff.Value : VarOff.Value;

    /// <summary>is_reg_const for a scalar: the 64-bit or low-32-bit tnum is constant.</summary>
    public readonly bool IsConstOf(bool subreg32) => subreg32 ? VarOff.SubregIsConst : VarOff.IsConst;

    /// <summary>___mark_reg_known: every field describes exactly <paramref name="v"/>.</summary>
    public void MarkKnown(ulong v) => this = Const(v);

    /// <summary>__mark_reg32_known: low 32 bits become <paramref name="v"/>; 64-bit bounds untouched.</summary>
    public void MarkKnown32(ulong v)
    {
        VarOff = Tnum.ConstSubreg(VarOff, (uint)v);
        S32Min = (int)(uint)v;
        S32Max = (int)(uint)v;
        U32Min = (uint)v;
        U32Max = (uint)v;
    }

    /// <summary>Completely unknown value: tnum_unknown plus __mark_reg_unbounded.</summary>
    public void MarkUnknown() => this = Unknown;

    /// <summary>__mark_reg_unbounded: all eight bounds reset, var_off kept.</summary>
    public void MarkUnbounded()
    {
        MarkUnbounded64();
        MarkUnbounded32();
    }

    /// <summary>__mark_reg64_unbounded.</summary>
    public void MarkUnbounded64()
    {
        SMin = long.MinValue;
        SMax = long.MaxValue;
        UMin = 0;
        UMax = ulong.MaxValue;
    }

    /// <summary>__mark_reg32_unbounded.</summary>
    public void MarkUnbounded32()
    {
        S32Min = int.MinValue;
        S32Max = int.MaxValue;
        U32Min = 0;
        U32Max = uint.MaxValue;
    }

    /// <summary>
    /// True when concrete <paramref name="v"/> is allowed by every one of the nine components
    /// (the concretisation used by the property tests).
    /// </summary>
    public readonly bool Contains(ulong v)
    {
        long s = (long)v;
        uint u32 = (uint)v;
        int s32 = (int)u32;
        return VarOff.Contains(v) && s >= SMin && s <= SMax && v >= UMin && v <= UMax &&
               s32 >= S32Min && s32 <= S32Max && u32 >= U32Min && u32 <= U32Max;
    }

    /// <summary>range_within (state pruning): every bound of <paramref name="cur"/> lies within <paramref name="old"/>.</summary>
    public static bool RangeWithin(in ScalarBounds old, in ScalarBounds cur) =>
        old.UMin <= cur.UMin && old.UMax >= cur.UMax &&
        old.SMin <= cur.SMin && old.SMax >= cur.SMax &&
        old.U32Min <= cur.U32Min && old.U32Max >= cur.U32Max &&
        old.S32Min <= cur.S32Min && old.S32Max >= cur.S32Max;

    /// <summary>get_reg_width: number of significant bits of umax (fls64).</summary>
    public readonly int Width => 64 - System.Numerics.BitOperations.LeadingZeroCount(UMax);

    /// <summary>
    /// The numeric part of __mark_reg_s32_range (ctx return-value loads): clamp the s32 and s64
    /// ranges to [min, max] and sync. The caller then runs <see cref="SanityCheck"/>("s32_range").
    /// </summary>
    public void ClampS32Range(int min, int max)
    {
        S32Min = Math.Max(S32Min, min);
        S32Max = Math.Min(S32Max, max);
        SMin = Math.Max(SMin, min);
        SMax = Math.Min(SMax, max);
        Sync();
    }

    /// <summary>Bitwise equality of all nine components.</summary>
    public readonly bool SameAs(in ScalarBounds o) =>
        VarOff == o.VarOff && SMin == o.SMin && SMax == o.SMax && UMin == o.UMin && UMax == o.UMax &&
        S32Min == o.S32Min && S32Max == o.S32Max && U32Min == o.U32Min && U32Max == o.U32Max;
}
