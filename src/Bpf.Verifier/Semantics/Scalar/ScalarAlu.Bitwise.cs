using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Semantics.Scalar;

/// <summary>Range rules of and, or, xor (the tnum is already updated when these run).</summary>
public static partial class ScalarAlu
{
    internal static void And32(ref ScalarBounds dst, in ScalarBounds src)
    {
        Tnum t = Tnum.Subreg(dst.VarOff);
        if (src.VarOff.SubregIsConst && dst.VarOff.SubregIsConst)
        {
            dst.MarkKnown32(t.Value);
            return;
        }

        // Minimum from the known-one bits, maximum from the smaller operand maximum.
        dst.U32Min = (uint)t.Value;
        dst.U32Max = Math.Min(dst.U32Max, src.U32Max);
        SignedFromUnsigned32(ref dst);
    }

    internal static void And64(ref ScalarBounds dst, in ScalarBounds src)
    {
        if (src.VarOff.IsConst && dst.VarOff.IsConst)
        {
            dst.MarkKnown(dst.VarOff.Value);
            return;
        }

        dst.UMin = dst.VarOff.Value;
        dst.UMax = Math.Min(dst.UMax, src.UMax);
        SignedFromUnsigned64(ref dst);
        dst.UpdateBounds();
    }

    internal static void Or32(ref ScalarBounds dst, in ScalarBounds src)
    {
        Tnum t = Tnum.Subreg(dst.VarOff);
        if (src.VarOff.SubregIsConst && dst.VarOff.SubregIsConst)
        {
            dst.MarkKnown32(t.Value);
            return;
        }

        // Maximum from the tnum, minimum from the larger operand minimum.
        dst.U32Min = Math.Max(dst.U32Min, src.U32Min);
        dst.U32Max = (uint)(t.Value | t.Mask);
        SignedFromUnsigned32(ref dst);
    }

    internal static void Or64(ref ScalarBounds dst, in ScalarBounds src)
    {
        if (src.VarOff.IsConst && dst.VarOff.IsConst)
        {
            dst.MarkKnown(dst.VarOff.Value);
            return;
        }

        dst.UMin = Math.Max(dst.UMin, src.UMin);
        dst.UMax = dst.VarOff.Value | dst.VarOff.Mask;
        SignedFromUnsigned64(ref dst);
        dst.UpdateBounds();
    }

    internal static void Xor32(ref ScalarBounds dst, in ScalarBounds src)
    {
        Tnum t = Tnum.Subreg(dst.VarOff);
        if (src.VarOff.SubregIsConst && dst.VarOff.SubregIsConst)
        {
            dst.MarkKnown32(t.Value);
            return;
        }

        dst.U32Min = (uint)t.Value;
        dst.U32Max = (uint)(t.Value | t.Mask);
        SignedFromUnsigned32(ref dst);
    }

    internal static void Xor64(ref ScalarBounds dst, in ScalarBounds src)
    {
        if (src.VarOff.IsConst && dst.VarOff.IsConst)
        {
            dst.MarkKnown(dst.VarOff.Value);
            return;
        }

        dst.UMin = dst.VarOff.Value;
        dst.UMax = dst.VarOff.Value | dst.VarOff.Mask;
        SignedFromUnsigned64(ref dst);
        dst.UpdateBounds();
    }

    // The unsigned result range is a valid signed range only if it does not cross the sign boundary.
    private static void SignedFromUnsigned32(ref ScalarBounds dst)
    {
        if ((int)dst.U32Min <= (int)dst.U32Max)
        {
            dst.S32Min = (int)dst.U32Min;
            dst.S32Max = (int)dst.U32Max;
        }
        else
        {
            dst.S32Min = int.MinValue;
            dst.S32Max = int.MaxValue;
        }
    }

    private static void SignedFromUnsigned64(ref ScalarBounds dst)
    {
        if ((long)dst.UMin <= (long)dst.UMax)
        {
            dst.SMin = (long)dst.UMin;
            dst.SMax = (long)dst.UMax;
        }
        else
        {
            dst.SMin = long.MinValue;
            dst.SMax = long.MaxValue;
        }
    }
}
