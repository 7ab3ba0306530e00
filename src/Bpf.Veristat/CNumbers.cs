namespace Bpf.Veristat;

/// <summary>
/// The C library integer parsing veristat relies on (base 10 <c>strtol</c>, <c>sscanf("%ld %n")</c>),
/// reproduced exactly: leading white space, optional sign, clamping on overflow.
/// </summary>
internal static class CNumbers
{
    /// <summary>C <c>isspace</c> in the C locale.</summary>
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    /// <summary>
    /// Parses a base-10 long starting at <paramref name="pos"/>. Returns the index after the last
    /// digit, or -1 if there are no digits. <paramref name="overflow"/> is set when the value was
    /// clamped to long's range (C sets <c>ERANGE</c>).
    /// </summary>
    public static int Strtol(string s, int pos, out long value, out bool overflow)
    {
        value = 0;
        overflow = false;
        int i = pos;
        while (i < s.Length && IsSpace(s[i]))
            i++;
        bool negative = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            negative = s[i] == '-';
            i++;
        }
        int digitsStart = i;
        ulong limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        ulong acc = 0;
        while (i < s.Length && s[i] >= '0' && s[i] <= '9')
        {
            ulong digit = (ulong)(s[i] - '0');
            if (!overflow && (acc > (limit - digit) / 10))
                overflow = true;
            else if (!overflow)
                acc = acc * 10 + digit;
            i++;
        }
        if (i == digitsStart)
            return -1;
        if (overflow)
            value = negative ? long.MinValue : long.MaxValue;
        else
            value = negative ? unchecked((long)(0 - acc)) : (long)acc;
        return i;
    }

    /// <summary><c>strtol</c> that must consume the whole string without overflow.</summary>
    public static bool TryStrtolWhole(string s, out long value)
    {
        int end = Strtol(s, 0, out value, out bool overflow);
        return end == s.Length && !overflow;
    }
}
