namespace Bpf.Verifier.Domain;

/// <summary>
/// reg_bounds_sync and its parts: exchange information between the tnum, the 64-bit and the
/// 32-bit signed/unsigned ranges (kernel/bpf/verifier.c, Linux 6.18 incl. the tnum_step refinement).
/// </summary>
public partial struct ScalarBounds
{
    /// <summary>reg_bounds_sync: tnum → ranges, three deduction rounds, ranges → tnum, tnum → ranges.</summary>
    public void Sync()
    {
        UpdateBounds();
        DeduceBounds();
        DeduceBounds();
        DeduceBounds();
        BoundOffset();
        UpdateBounds();
    }

    /// <summary>__update_reg_bounds: tighten all ranges from var_off.</summary>
    public void UpdateBounds()
    {
        UpdateBounds32();
        UpdateBounds64();
    }

    /// <summary>__update_reg32_bounds.</summary>
    public void UpdateBounds32()
    {
        uint v = (uint)VarOff.Value;
        uint m = (uint)VarOff.Mask;
        S32Min = Math.Max(S32Min, (int)(v | (m & 0x8000_0000u)));
        S32Max = Math.Min(S32Max, (int)(v | (m & 0x7fff_ffffu)));
        U32Min = Math.Max(U32Min, v);
        U32Max = Math.Min(U32Max, v | m);
    }

    /// <summary>
    /// __update_reg64_bounds, including the 6.18 check that collapses the register to a constant
    /// when the u64 range and the tnum share exactly one value.
    /// </summary>
    public void UpdateBounds64()
    {
        ulong v = VarOff.Value;
        ulong m = VarOff.Mask;
        SMin = Math.Max(SMin, (long)(v | (m & 0x8000_0000_0000_0000UL)));
        SMax = Math.Min(SMax, (long)(v | (m & 0x7fff_ffff_ffff_ffffUL)));
        UMin = Math.Max(UMin, v);
        UMax = Math.Min(UMax, v | m);

        ulong next = Tnum.Step(VarOff, UMin);
        bool uminIn = VarOff.Contains(UMin);
        ulong tmax = v | m;
        if (uminIn && next > UMax)
        {
            MarkKnown(UMin);
        }
        else if (!uminIn && next == tmax)
        {
            MarkKnown(tmax);
        }
        else if (!uminIn && next <= UMax && Tnum.Step(VarOff, next) > UMax)
        {
            MarkKnown(next);
        }
    }

    /// <summary>__reg_deduce_bounds: 32-bit, 64-bit, then mixed deductions.</summary>
    public void DeduceBounds()
    {
        Deduce32();
        Deduce64();
        DeduceMixed();
    }

    /// <summary>__reg32_deduce_bounds.</summary>
    public void Deduce32()
    {
        // Upper halves equal across the u64 range: the low halves form a range.
        if ((UMin >> 32) == (UMax >> 32))
        {
            U32Min = Math.Max(U32Min, (uint)UMin);
            U32Max = Math.Min(U32Max, (uint)UMax);
            if ((int)(uint)UMin <= (int)(uint)UMax)
            {
                S32Min = Math.Max(S32Min, (int)(uint)UMin);
                S32Max = Math.Min(S32Max, (int)(uint)UMax);
            }
        }

        if ((SMin >> 32) == (SMax >> 32))
        {
            if ((uint)SMin <= (uint)SMax)
            {
                U32Min = Math.Max(U32Min, (uint)SMin);
                U32Max = Math.Min(U32Max, (uint)SMax);
            }

            if ((int)SMin <= (int)SMax)
            {
                S32Min = Math.Max(S32Min, (int)SMin);
                S32Max = Math.Min(S32Max, (int)SMax);
            }
        }

        // Upper halves are two consecutive numbers and the low halves go from negative to positive.
        if ((uint)(UMin >> 32) + 1 == (uint)(UMax >> 32) && (int)UMin < 0 && (int)UMax >= 0)
        {
            S32Min = Math.Max(S32Min, (int)UMin);
            S32Max = Math.Min(S32Max, (int)UMax);
        }

        if ((uint)(SMin >> 32) + 1 == (uint)(SMax >> 32) && (int)SMin < 0 && (int)SMax >= 0)
        {
            S32Min = Math.Max(S32Min, (int)SMin);
            S32Max = Math.Min(S32Max, (int)SMax);
        }

        if ((int)U32Min <= (int)U32Max)
        {
            S32Min = Math.Max(S32Min, (int)U32Min);
            S32Max = Math.Min(S32Max, (int)U32Max);
        }

        if ((uint)S32Min <= (uint)S32Max)
        {
            U32Min = Math.Max((uint)S32Min, U32Min);
            U32Max = Math.Min((uint)S32Max, U32Max);
        }
        else if (U32Max < (uint)S32Min)
        {
            // u32 range only meets the non-negative part of the wrapping s32 range.
            S32Min = (int)U32Min;
            U32Max = Math.Min(U32Max, (uint)S32Max);
        }
        else if ((uint)S32Max < U32Min)
        {
            // u32 range only meets the negative part.
            S32Max = (int)U32Max;
            U32Min = Math.Max(U32Min, (uint)S32Min);
        }
    }

    /// <summary>__reg64_deduce_bounds.</summary>
    public void Deduce64()
    {
        if ((long)UMin <= (long)UMax)
        {
            SMin = Math.Max(SMin, (long)UMin);
            SMax = Math.Min(SMax, (long)UMax);
        }

        if ((ulong)SMin <= (ulong)SMax)
        {
            UMin = Math.Max((ulong)SMin, UMin);
            UMax = Math.Min((ulong)SMax, UMax);
        }
        else if (UMax < (ulong)SMin)
        {
            SMin = (long)UMin;
            UMax = Math.Min(UMax, (ulong)SMax);
        }
        else if ((ulong)SMax < UMin)
        {
            SMax = (long)UMax;
            UMin = Math.Max(UMin, (ulong)SMin);
        }
    }

    /// <summary>__reg_deduce_mixed_bounds: use 32-bit ranges to trim the ends of the 64-bit ranges.</summary>
    public void DeduceMixed()
    {
        const ulong Hi = 0xffff_ffff_0000_0000UL;
        ulong newUMin = (UMin & Hi) | U32Min;
        ulong newUMax = (UMax & Hi) | U32Max;
        UMin = Math.Max(UMin, newUMin);
        UMax = Math.Min(UMax, newUMax);
        long newSMin = (long)(((ulong)SMin & Hi) | U32Min);
        long newSMax = (long)(((ulong)SMax & Hi) | U32Max);
        SMin = Math.Max(SMin, newSMin);
        SMax = Math.Min(SMax, newSMax);

        if ((uint)S32Min <= (uint)S32Max)
        {
            newUMin = (UMin & Hi) | (uint)S32Min;
            newUMax = (UMax & Hi) | (uint)S32Max;
            UMin = Math.Max(UMin, newUMin);
            UMax = Math.Min(UMax, newUMax);
            newSMin = (long)(((ulong)SMin & Hi) | (uint)S32Min);
            newSMax = (long)(((ulong)SMax & Hi) | (uint)S32Max);
            SMin = Math.Max(SMin, newSMin);
            SMax = Math.Min(SMax, newSMax);
        }

        // After a sign-extending load: a non-negative low half inside [S32_MIN, S32_MAX] means the
        // upper half cannot be all ones.
        if (S32Min >= 0 && SMin >= int.MinValue && SMax <= int.MaxValue)
        {
            SMin = S32Min;
            SMax = S32Max;
            UMin = (ulong)S32Min;
            UMax = (ulong)S32Max;
            VarOff = Tnum.Intersect(VarOff, Tnum.Range((ulong)SMin, (ulong)SMax));
        }
    }

    /// <summary>__reg_bound_offset: learn tnum bits from the u64 and u32 ranges.</summary>
    public void BoundOffset()
    {
        Tnum var64 = Tnum.Intersect(VarOff, Tnum.Range(UMin, UMax));
        Tnum var32 = Tnum.Intersect(Tnum.Subreg(var64), Tnum.Range(U32Min, U32Max));
        VarOff = Tnum.Or(Tnum.ClearSubreg(var64), var32);
    }

    /// <summary>
    /// reg_bounds_sanity_check without the side effects: returns the kernel's reason text
    /// ("range bounds violation", ...) or null when the invariants hold.
    /// </summary>
    public readonly string? CheckInvariants()
    {
        if (UMin > UMax || SMin > SMax || U32Min > U32Max || S32Min > S32Max)
        {
            return "range bounds violation";
        }

        if (VarOff.IsConst)
        {
            ulong u = VarOff.Value;
            if (UMin != u || UMax != u || SMin != (long)u || SMax != (long)u)
            {
                return "const tnum out of sync with range bounds";
            }
        }

        if (VarOff.SubregIsConst)
        {
            uint u32 = (uint)VarOff.Value;
            if (U32Min != u32 || U32Max != u32 || S32Min != (int)u32 || S32Max != (int)u32)
            {
                return "const subreg tnum out of sync with range bounds";
            }
        }

        return null;
    }

    /// <summary>
    /// reg_bounds_sanity_check (6.18): when the invariants are broken returns the complete log line
    /// <c>verifier bug: REG INVARIANTS VIOLATION ({ctx}): {reason} u64=[..] ...</c> (no newline) and
    /// forgets all eight bounds (var_off is kept); verification then continues. Returns null when fine.
    /// <paramref name="ctx"/> is e.g. "true_reg1", "false_reg2", "s32_range".
    /// </summary>
    public string? SanityCheck(string ctx)
    {
        string? reason = CheckInvariants();
        if (reason == null)
        {
            return null;
        }

        string line = $"verifier bug: REG INVARIANTS VIOLATION ({ctx}): {FormatInvariantViolation(reason)}";
        MarkUnbounded();
        return line;
    }

    /// <summary>
    /// The numeric tail of the kernel's invariant-violation message:
    /// <c>{reason} u64=[..] s64=[..] u32=[..] s32=[..] var_off=(..)</c> (all %#llx / %#x).
    /// The caller adds the "verifier bug: REG INVARIANTS VIOLATION (ctx): " prefix.
    /// </summary>
    public readonly string FormatInvariantViolation(string reason) =>
        $"{reason} u64=[{Hex(UMin)}, {Hex(UMax)}] s64=[{Hex((ulong)SMin)}, {Hex((ulong)SMax)}] " +
        $"u32=[{Hex(U32Min)}, {Hex(U32Max)}] s32=[{Hex((uint)S32Min)}, {Hex((uint)S32Max)}] " +
        $"var_off=({Hex(VarOff.Value)}, {Hex(VarOff.Mask)})";

    private static string Hex(ulong v) => "0x" + v.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
}
