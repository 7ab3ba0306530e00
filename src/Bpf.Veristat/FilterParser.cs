namespace Bpf.Veristat;

/// <summary>Parses one filter expression the way veristat 6.12's <c>append_filter</c> does.</summary>
public static class FilterParser
{
    // Order matters: two-character operators must be tried before their one-character prefixes.
    private static readonly (string Text, FilterOp Op)[] Operators =
    [
        ("==", FilterOp.Eq),
        ("!=", FilterOp.Neq),
        ("<>", FilterOp.Neq),
        ("<=", FilterOp.Le),
        ("<", FilterOp.Lt),
        (">=", FilterOp.Ge),
        (">", FilterOp.Gt),
        ("=", FilterOp.Eq),
    ];

    private static readonly string[] TrueWords = ["true", "t", "success", "succ", "s", "match", "m"];
    private static readonly string[] FalseWords = ["false", "f", "failure", "fail", "mismatch", "mis"];

    /// <summary>
    /// Parses <paramref name="text"/> (without any leading <c>!</c>). On error writes veristat's
    /// message to <paramref name="stderr"/> and returns a negative errno.
    /// </summary>
    public static int TryParse(string text, TextWriter stderr, out FilterSpec? filter)
    {
        filter = null;
        foreach ((string opText, FilterOp op) in Operators)
        {
            int pos = text.IndexOf(opText, StringComparison.Ordinal);
            if (pos < 0)
                continue;

            if (!StatCatalog.TryResolve(text, pos, out StatId id, out StatVariant variant, out _))
            {
                stderr.Write($"Unrecognized stat name in '{text}'!\n");
                return -Errno.EINVAL;
            }
            if (!StatCatalog.IsNumeric(id))
            {
                stderr.Write($"Non-integer stat is specified in '{text}'!\n");
                return -Errno.EINVAL;
            }

            string valueText = text[(pos + opText.Length)..];
            if (!TryParseValue(valueText, out long value))
            {
                stderr.Write($"Invalid integer value in '{text}'!\n");
                return -Errno.EINVAL;
            }

            // veristat 6.12 sets abs unconditionally, whatever the |stat| bars said.
            filter = new StatFilter(id, variant, op, value, Abs: true);
            return 0;
        }

        NameFilter name;
        int slash = text.IndexOf('/');
        if (slash < 0)
        {
            name = new NameFilter(text, null, null);
        }
        else
        {
            string? fileGlob = slash > 0 ? text[..slash] : null;
            string? progGlob = slash + 1 < text.Length ? text[(slash + 1)..] : null;
            name = new NameFilter(null, fileGlob, progGlob);
        }

        if ((name.AnyGlob == null && name.FileGlob == null && name.ProgGlob == null) || name.AnyGlob == "")
        {
            stderr.Write($"Invalid filter: '{text}'\n");
            return -Errno.EINVAL;
        }
        filter = name;
        return 0;
    }

    private static bool TryParseValue(string text, out long value)
    {
        foreach (string word in TrueWords)
        {
            if (AsciiEqualsIgnoreCase(text, word))
            {
                value = 1;
                return true;
            }
        }
        foreach (string word in FalseWords)
        {
            if (AsciiEqualsIgnoreCase(text, word))
            {
                value = 0;
                return true;
            }
        }
        return CNumbers.TryStrtolWhole(text, out value);
    }

    private static bool AsciiEqualsIgnoreCase(string a, string b)
    {
        if (a.Length != b.Length)
            return false;
        for (int i = 0; i < a.Length; i++)
        {
            if (char.ToLowerInvariant(a[i]) != b[i] || a[i] > 0x7f)
                return false;
        }
        return true;
    }
}
