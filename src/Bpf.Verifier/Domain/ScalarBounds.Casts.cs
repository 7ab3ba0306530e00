namespace Bpf.Verifier.Domain;

/// <summary>Width changes: zero extension, truncation and sign extension of a scalar.</summary>
public partial struct ScalarBounds
{
    /// <summary>
    /// zext_32_to_64: keep the low 32 bits (ALU32 results and 32-bit moves) and derive the 64-bit
    /// bounds from the 32-bit ones. Does not sync.
    /// </summary>
    public void Zext32To64()
    {
        VarOff = Tnum.Subreg(VarOff);
        AssignU32IntoU64();
    }

    /// <summary>__reg_assign_32_into_64.</summary>
    public void AssignU32IntoU64()
    {
        UMin = U32Min;
        UMax = U32Max;

        // s32 bounds carry over only when both are non-negative; otherwise [0, U32_MAX] and let the
        // tnum refine it later.
        if (S32Min >= 0 && S32Max >= 0)
        {
            SMin = S32Min;
            SMax = S32Max;
        }
        else
        {
            SMin = 0;
            SMax = uint.MaxValue;
        }
    }

    /// <summary>coerce_reg_to_size: truncate to <paramref name="size"/> bytes (1, 2 or 4), then sync.</summary>
    public void CoerceToSize(int size)
    {
        VarOff = Tnum.Cast(VarOff, size);
        ulong mask = (1UL << (size * 8)) - 1;
        if ((UMin & ~mask) == (UMax & ~mask))
        {
            UMin &= mask;
            UMax &= mask;
        }
        else
        {
            UMin = 0;
            UMax = mask;
        }

        SMin = (long)UMin;
        SMax = (long)UMax;

        // Narrower than 32 bits: the old 32-bit bounds no longer apply; relearn them from 64-bit ones.
        if (size < 4)
        {
            MarkUnbounded32();
        }

        Sync();
    }

    /// <summary>coerce_reg_to_size_sx: sign-extend the low <paramref name="size"/> bytes (1, 2 or 4) to 64 bits. No sync.</summary>
    public void CoerceToSizeSx(int size)
    {
        if (VarOff.IsConst)
        {
            ulong c = SignExtend(VarOff.Value, size);
            VarOff = Tnum.Const(c);
            SMin = SMax = (long)c;
            UMin = UMax = c;
            S32Min = S32Max = (int)c;
            U32Min = U32Max = (uint)c;
            return;
        }

        int bits = size * 8;
        ulong topMax = ((ulong)SMax >> bits) << bits;
        ulong topMin = ((ulong)SMin >> bits) << bits;
        if (topMax == topMin)
        {
            long a = (long)SignExtend((ulong)SMax, size);
            long b = (long)SignExtend((ulong)SMin, size);
            long hi = Math.Max(a, b);
            long lo = Math.Min(a, b);
            if ((hi >= 0) == (lo >= 0))
            {
                SMin = lo;
                SMax = hi;
                S32Min = (int)lo;
                S32Max = (int)hi;
                UMin = (ulong)lo;
                UMax = (ulong)hi;
                U32Min = (uint)lo;
                U32Max = (uint)hi;
                VarOff = Tnum.Range((ulong)lo, (ulong)hi);
                return;
            }
        }

        SetSext64Default(size);
    }

    /// <summary>coerce_subreg_to_size_sx: sign-extend the low 1 or 2 bytes into the 32-bit subregister. No sync.</summary>
    public void CoerceSubregToSizeSx(int size)
    {
        if (VarOff.IsConst)
        {
            // The kernel extends into the full 64-bit tnum here; the caller zero-extends afterwards.
            ulong c = SignExtend(VarOff.Value, size);
            VarOff = Tnum.Const(c);
            S32Min = S32Max = (int)c;
            U32Min = U32Max = (uint)c;
            return;
        }

        int bits = size * 8;
        uint topMax = ((uint)S32Max >> bits) << bits;
        uint topMin = ((uint)S32Min >> bits) << bits;
        if (topMax == topMin)
        {
            int a = (int)SignExtend((uint)S32Max, size);
            int b = (int)SignExtend((uint)S32Min, size);
            int hi = Math.Max(a, b);
            int lo = Math.Min(a, b);
            if ((lo >= 0) == (hi >= 0))
            {
                S32Min = lo;
                S32Max = hi;
                U32Min = (uint)lo;
                U32Max = (uint)hi;
                VarOff = Tnum.Subreg(Tnum.Range((ulong)(long)lo, (ulong)(long)hi));
                return;
            }
        }

        S32Min = size == 1 ? sbyte.MinValue : short.MinValue;
        S32Max = size == 1 ? sbyte.MaxValue : short.MaxValue;
        U32Min = 0;
        U32Max = uint.MaxValue;
        VarOff = Tnum.Subreg(Tnum.Unknown);
    }

    private void SetSext64Default(int size)
    {
        (long lo, long hi) = size switch
        {
            1 => ((long)sbyte.MinValue, (long)sbyte.MaxValue),
            2 => (short.MinValue, short.MaxValue),
            _ => (int.MinValue, int.MaxValue),
        };
        SMin = lo;
        S32Min = (int)lo;
        SMax = hi;
        S32Max = (int)hi;
        UMin = 0;
        U32Min = 0;
        UMax = ulong.MaxValue;
        U32Max = uint.MaxValue;
        VarOff = Tnum.Unknown;
    }

    /// <summary>Sign-extends the low <paramref name="size"/> bytes of <paramref name="v"/>.</summary>
    public static ulong SignExtend(ulong v, int size) => size switch
    {
        1 => (ulong)(long)(sbyte)v,
        2 => (ulong)(long)(short)v,
        4 => (ulong)(long)(int)v,
        _ => v,
    };
}
