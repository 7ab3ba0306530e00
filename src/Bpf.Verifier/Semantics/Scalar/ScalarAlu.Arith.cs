using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Semantics.Scalar;

/// <summary>Range rules of add, sub and mul (scalar{32,}_min_max_{add,sub,mul}, 6.18).</summary>
public static partial class ScalarAlu
{
    internal static void Add64(ref ScalarBounds dst, in ScalarBounds src)
    {
        long smin = dst.SMin + src.SMin;
        long smax = dst.SMax + src.SMax;
        if (AddOverflows(dst.SMin, src.SMin, smin) || AddOverflows(dst.SMax, src.SMax, smax))
        {
            dst.SMin = long.MinValue;
            dst.SMax = long.MaxValue;
        }
        else
        {
            dst.SMin = smin;
            dst.SMax = smax;
        }

        // Wrapping both ends (or neither) keeps the range contiguous; wrapping only the top does not.
        ulong umin = dst.UMin + src.UMin;
        ulong umax = dst.UMax + src.UMax;
        bool minOv = umin < dst.UMin;
        bool maxOv = umax < dst.UMax;
        if (!minOv && maxOv)
        {
            dst.UMin = 0;
            dst.UMax = ulong.MaxValue;
        }
        else
        {
            dst.UMin = umin;
            dst.UMax = umax;
        }
    }

    internal static void Add32(ref ScalarBounds dst, in ScalarBounds src)
    {
        int smin = dst.S32Min + src.S32Min;
        int smax = dst.S32Max + src.S32Max;
        if (AddOverflows(dst.S32Min, src.S32Min, smin) || AddOverflows(dst.S32Max, src.S32Max, smax))
        {
            dst.S32Min = int.MinValue;
            dst.S32Max = int.MaxValue;
        }
        else
        {
            dst.S32Min = smin;
            dst.S32Max = smax;
        }

        uint umin = dst.U32Min + src.U32Min;
        uint umax = dst.U32Max + src.U32Max;
        bool minOv = umin < dst.U32Min;
        bool maxOv = umax < dst.U32Max;
        if (!minOv && maxOv)
        {
            dst.U32Min = 0;
            dst.U32Max = uint.MaxValue;
        }
        else
        {
            dst.U32Min = umin;
            dst.U32Max = umax;
        }
    }

    internal static void Sub64(ref ScalarBounds dst, in ScalarBounds src)
    {
        long smin = dst.SMin - src.SMax;
        long smax = dst.SMax - src.SMin;
        if (SubOverflows(dst.SMin, src.SMax, smin) || SubOverflows(dst.SMax, src.SMin, smax))
        {
            dst.SMin = long.MinValue;
            dst.SMax = long.MaxValue;
        }
        else
        {
            dst.SMin = smin;
            dst.SMax = smax;
        }

        bool minUf = dst.UMin < src.UMax;
        bool maxUf = dst.UMax < src.UMin;
        ulong umin = dst.UMin - src.UMax;
        ulong umax = dst.UMax - src.UMin;
        if (minUf && !maxUf)
        {
            dst.UMin = 0;
            dst.UMax = ulong.MaxValue;
        }
        else
        {
            dst.UMin = umin;
            dst.UMax = umax;
        }
    }

    internal static void Sub32(ref ScalarBounds dst, in ScalarBounds src)
    {
        int smin = dst.S32Min - src.S32Max;
        int smax = dst.S32Max - src.S32Min;
        if (SubOverflows(dst.S32Min, src.S32Max, smin) || SubOverflows(dst.S32Max, src.S32Min, smax))
        {
            dst.S32Min = int.MinValue;
            dst.S32Max = int.MaxValue;
        }
        else
        {
            dst.S32Min = smin;
            dst.S32Max = smax;
        }

        bool minUf = dst.U32Min < src.U32Max;
        bool maxUf = dst.U32Max < src.U32Min;
        uint umin = dst.U32Min - src.U32Max;
        uint umax = dst.U32Max - src.U32Min;
        if (minUf && !maxUf)
        {
            dst.U32Min = 0;
            dst.U32Max = uint.MaxValue;
        }
        else
        {
            dst.U32Min = umin;
            dst.U32Max = umax;
        }
    }

    internal static void Mul64(ref ScalarBounds dst, in ScalarBounds src)
    {
        if (UMulOverflows(dst.UMax, src.UMax) || UMulOverflows(dst.UMin, src.UMin))
        {
            dst.UMin = 0;
            dst.UMax = ulong.MaxValue;
        }
        else
        {
            dst.UMin *= src.UMin;
            dst.UMax *= src.UMax;
        }

        // Signed: all four corner products must fit, then take their min and max.
        if (SMulOverflows(dst.SMin, src.SMin, out long p0) || SMulOverflows(dst.SMin, src.SMax, out long p1) ||
            SMulOverflows(dst.SMax, src.SMin, out long p2) || SMulOverflows(dst.SMax, src.SMax, out long p3))
        {
            dst.SMin = long.MinValue;
            dst.SMax = long.MaxValue;
        }
        else
        {
            dst.SMin = Math.Min(Math.Min(p0, p1), Math.Min(p2, p3));
            dst.SMax = Math.Max(Math.Max(p0, p1), Math.Max(p2, p3));
        }
    }

    internal static void Mul32(ref ScalarBounds dst, in ScalarBounds src)
    {
        ulong umax = (ulong)dst.U32Max * src.U32Max;
        ulong umin = (ulong)dst.U32Min * src.U32Min;
        if (umax > uint.MaxValue || umin > uint.MaxValue)
        {
            dst.U32Min = 0;
            dst.U32Max = uint.MaxValue;
        }
        else
        {
            dst.U32Min = (uint)umin;
            dst.U32Max = (uint)umax;
        }

        long p0 = (long)dst.S32Min * src.S32Min;
        long p1 = (long)dst.S32Min * src.S32Max;
        long p2 = (long)dst.S32Max * src.S32Min;
        long p3 = (long)dst.S32Max * src.S32Max;
        if (!FitsInt(p0) || !FitsInt(p1) || !FitsInt(p2) || !FitsInt(p3))
        {
            dst.S32Min = int.MinValue;
            dst.S32Max = int.MaxValue;
        }
        else
        {
            dst.S32Min = (int)Math.Min(Math.Min(p0, p1), Math.Min(p2, p3));
            dst.S32Max = (int)Math.Max(Math.Max(p0, p1), Math.Max(p2, p3));
        }
    }

    private static bool FitsInt(long v) => v >= int.MinValue && v <= int.MaxValue;

    private static bool AddOverflows(long a, long b, long r) => ((a ^ r) & (b ^ r)) < 0;

    private static bool AddOverflows(int a, int b, int r) => ((a ^ r) & (b ^ r)) < 0;

    private static bool SubOverflows(long a, long b, long r) => ((a ^ b) & (a ^ r)) < 0;

    private static bool SubOverflows(int a, int b, int r) => ((a ^ b) & (a ^ r)) < 0;

    private static bool UMulOverflows(ulong a, ulong b) => Math.BigMul(a, b, out _) != 0;

    private static bool SMulOverflows(long a, long b, out long r)
    {
        long hi = Math.BigMul(a, b, out r);
        return hi != (r >> 63);
    }
}
