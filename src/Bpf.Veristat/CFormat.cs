using System.Globalization;
using System.Numerics;
using System.Text;

namespace Bpf.Veristat;

/// <summary>printf-compatible formatting: byte-counted padding and exactly rounded <c>%+.2f</c>.</summary>
internal static class CFormat
{
    /// <summary>printf field widths count bytes, not characters.</summary>
    public static int Width(string s) => Encoding.UTF8.GetByteCount(s);

    /// <summary><c>%-*s</c></summary>
    public static string Left(string s, int width)
    {
        int pad = width - Width(s);
        return pad > 0 ? s + new string(' ', pad) : s;
    }

    /// <summary><c>%*s</c></summary>
    public static string Right(string s, int width)
    {
        int pad = width - Width(s);
        return pad > 0 ? new string(' ', pad) + s : s;
    }

    /// <summary><c>%ld</c></summary>
    public static string Long(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>%+ld</c></summary>
    public static string SignedLong(long v) => v < 0 ? Long(v) : "+" + Long(v);

    /// <summary>
    /// <c>%+.2f</c> with glibc's exact round-half-to-even of the binary value (.NET's "F2"
    /// rounds ties away from zero).
    /// </summary>
    public static string SignedFixed2(double v)
    {
        long bits = BitConverter.DoubleToInt64Bits(v);
        bool negative = bits < 0;
        int exp = (int)((bits >> 52) & 0x7FF);
        long frac = bits & 0xFFFFFFFFFFFFFL;
        BigInteger mantissa = exp == 0 ? frac : frac | (1L << 52);
        int e = exp == 0 ? -1074 : exp - 1075;

        BigInteger hundredths;
        if (e >= 0)
        {
            hundredths = (mantissa * 100) << e;
        }
        else
        {
            BigInteger num = mantissa * 100;
            BigInteger den = BigInteger.One << -e;
            hundredths = BigInteger.DivRem(num, den, out BigInteger rem);
            int half = (rem * 2).CompareTo(den);
            if (half > 0 || (half == 0 && !hundredths.IsEven))
                hundredths += 1;
        }

        BigInteger whole = BigInteger.DivRem(hundredths, 100, out BigInteger cents);
        return (negative ? "-" : "+") + whole.ToString(CultureInfo.InvariantCulture) + "." +
            ((int)cents).ToString("D2", CultureInfo.InvariantCulture);
    }
}
