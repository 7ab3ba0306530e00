using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Semantics.Scalar;

/// <summary>Range rules of lsh, rsh, arsh by a constant amount (already checked in range).</summary>
public static partial class ScalarAlu
{
    internal static void Lsh32(ref ScalarBounds dst, in ScalarBounds src)
    {
        uint umin = src.U32Min;
        uint umax = src.U32Max;
        Tnum sub = Tnum.Subreg(dst.VarOff);
        Lsh32Bounds(ref dst, umin, umax);
        dst.VarOff = Tnum.Subreg(Tnum.LShift(sub, (int)umin));
        dst.MarkUnbounded64();
        dst.UpdateBounds32();
    }

    private static void Lsh32Bounds(ref ScalarBounds dst, ulong umin, ulong umax)
    {
        dst.S32Min = int.MinValue;
        dst.S32Max = int.MaxValue;

        // Shifting the top bit out loses everything.
        if (umax > 31 || dst.U32Max > 1UL << (int)(31 - umax))
        {
            dst.U32Min = 0;
            dst.U32Max = uint.MaxValue;
        }
        else
        {
            dst.U32Min <<= (int)umin;
            dst.U32Max <<= (int)umax;
        }
    }

    internal static void Lsh64(ref ScalarBounds dst, in ScalarBounds src)
    {
        ulong umin = src.UMin;
        ulong umax = src.UMax;

        // The 64-bit part reads the unshifted 32-bit bounds, so it goes first.
        if (umin == 32 && umax == 32)
        {
            // <<32 then s>>32 is the compiler's sign extension idiom; s32 bounds shift exactly.
            dst.SMax = (long)dst.S32Max << 32;
            dst.SMin = (long)dst.S32Min << 32;
        }
        else
        {
            dst.SMax = long.MaxValue;
            dst.SMin = long.MinValue;
        }

        if (dst.UMax > 1UL << (int)(63 - umax))
        {
            dst.UMin = 0;
            dst.UMax = ulong.MaxValue;
        }
        else
        {
            dst.UMin <<= (int)umin;
            dst.UMax <<= (int)umax;
        }

        Lsh32Bounds(ref dst, umin, umax);
        dst.VarOff = Tnum.LShift(dst.VarOff, (int)umin);
        dst.UpdateBounds();
    }

    internal static void Rsh32(ref ScalarBounds dst, in ScalarBounds src)
    {
        Tnum sub = Tnum.Subreg(dst.VarOff);
        uint umax = src.U32Max;
        uint umin = src.U32Min;
        dst.S32Min = int.MinValue;
        dst.S32Max = int.MaxValue;
        dst.VarOff = Tnum.RShift(sub, (int)umin);
        dst.U32Min >>= (int)umax;
        dst.U32Max >>= (int)umin;
        dst.MarkUnbounded64();
        dst.UpdateBounds32();
    }

    internal static void Rsh64(ref ScalarBounds dst, in ScalarBounds src)
    {
        ulong umax = src.UMax;
        ulong umin = src.UMin;
        dst.SMin = long.MinValue;
        dst.SMax = long.MaxValue;
        dst.VarOff = Tnum.RShift(dst.VarOff, (int)umin);
        dst.UMin >>= (int)umax;
        dst.UMax >>= (int)umin;
        dst.MarkUnbounded32();
        dst.UpdateBounds();
    }

    internal static void Arsh32(ref ScalarBounds dst, in ScalarBounds src)
    {
        int shift = (int)src.U32Min;
        dst.S32Min >>= shift;
        dst.S32Max >>= shift;
        dst.VarOff = Tnum.ARShift(Tnum.Subreg(dst.VarOff), shift, 32);
        dst.U32Min = 0;
        dst.U32Max = uint.MaxValue;
        dst.MarkUnbounded64();
        dst.UpdateBounds32();
    }

    internal static void Arsh64(ref ScalarBounds dst, in ScalarBounds src)
    {
        int shift = (int)src.UMin;
        dst.SMin >>= shift;
        dst.SMax >>= shift;
        dst.VarOff = Tnum.ARShift(dst.VarOff, shift, 64);
        dst.UMin = 0;
        dst.UMax = ulong.MaxValue;
        dst.MarkUnbounded32();
        dst.UpdateBounds();
    }
}
