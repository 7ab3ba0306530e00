using System.Globalization;

namespace Bpf.Verifier.Log;

/// <summary>verbose_snum / verbose_unum: decimal for small magnitudes, hex otherwise.</summary>
public static class NumText
{
    private const ulong UnumMaxDecimal = ushort.MaxValue;
    private const long SnumMaxDecimal = short.MaxValue;
    private const long SnumMinDecimal = short.MinValue;

    public static bool IsUnumDecimal(ulong v) => v <= UnumMaxDecimal;

    public static bool IsSnumDecimal(long v) => v >= SnumMinDecimal && v <= SnumMaxDecimal;

    public static string Unum(ulong v) => IsUnumDecimal(v)
        ? v.ToString(CultureInfo.InvariantCulture)
        : "0x" + v.ToString("x", CultureInfo.InvariantCulture);

    public static string Snum(long v) => IsSnumDecimal(v)
        ? v.ToString(CultureInfo.InvariantCulture)
        : "0x" + ((ulong)v).ToString("x", CultureInfo.InvariantCulture);
}
