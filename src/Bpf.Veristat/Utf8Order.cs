namespace Bpf.Veristat;

/// <summary>
/// Compares strings in UTF-8 byte order (what C's <c>strcmp</c> sees), which for UTF-16 means
/// code point order: surrogates must sort above U+E000..U+FFFF.
/// </summary>
public static class Utf8Order
{
    public static int Compare(string x, string y)
    {
        int n = Math.Min(x.Length, y.Length);
        for (int i = 0; i < n; i++)
        {
            char a = x[i], b = y[i];
            if (a != b)
                return Fix(a) < Fix(b) ? -1 : 1;
        }
        return x.Length.CompareTo(y.Length);
    }

    private static int Fix(char c) => c >= 0xD800 ? (c >= 0xE000 ? c - 0x800 : c + 0x2000) : c;
}
