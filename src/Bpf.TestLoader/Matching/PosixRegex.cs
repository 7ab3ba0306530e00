using System.Text;
using System.Text.RegularExpressions;

namespace Bpf.TestLoader.Matching;

/// <summary>
/// Builds the regex test_loader compiles for a <c>{{...}}</c> pattern: verbatim text escaped, the parts between
/// <c>{{</c> and <c>}}</c> taken as POSIX extended regexes (REG_EXTENDED | REG_NEWLINE), translated to .NET syntax.
/// </summary>
public static class PosixRegex
{
    // compile_regex() assembles the pattern in a 256-byte buffer and refuses longer ones.
    private const int BufferLimit = 254;
    private const string EreSpecials = ".[]\\()*+?{}|^$";

    /// <summary>Compiles a test_loader message pattern; returns null with the error test_loader would print.</summary>
    public static Regex? Compile(string pattern, out string? error)
    {
        string? ere = ToEre(pattern, out error);
        if (ere == null)
            return null;
        try
        {
            return new Regex(Translate(ere), RegexOptions.Multiline | RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            error = $"Regexp compilation error in '{ere}': '{e.Message}'";
            return null;
        }
    }

    /// <summary>The POSIX ERE test_loader hands to regcomp (verbatim parts escaped, <c>{{ }}</c> removed).</summary>
    public static string? ToEre(string pattern, out string? error)
    {
        var sb = new StringBuilder();
        bool inRegex = false;
        int i = 0;
        while (i < pattern.Length && sb.Length < BufferLimit)
        {
            if (!inRegex && string.CompareOrdinal(pattern, i, "{{", 0, 2) == 0)
            {
                inRegex = true;
                i += 2;
            }
            else if (inRegex && string.CompareOrdinal(pattern, i, "}}", 0, 2) == 0)
            {
                inRegex = false;
                i += 2;
            }
            else
            {
                if (!inRegex && EreSpecials.Contains(pattern[i]))
                    sb.Append('\\');
                sb.Append(pattern[i++]);
            }
        }
        error = i < pattern.Length ? $"Regexp too long: '{pattern}'"
            : inRegex ? $"Regexp has open '{{{{' but no closing '}}}}': '{pattern}'"
            : null;
        return error == null ? sb.ToString() : null;
    }

    /// <summary>POSIX ERE (GNU flavour) to .NET: bracket expressions, character classes and GNU word anchors.</summary>
    public static string Translate(string ere)
    {
        var sb = new StringBuilder(ere.Length + 8);
        for (int i = 0; i < ere.Length; i++)
        {
            char c = ere[i];
            if (c == '[')
            {
                i = Bracket(ere, i, sb);
                continue;
            }
            if (c == '\\' && i + 1 < ere.Length)
            {
                char n = ere[++i];
                if (n is '<' or '>')
                    sb.Append(@"\b");
                else if (n is 'w' or 'W' or 's' or 'S' or 'b' or 'B' || char.IsAsciiDigit(n))
                    sb.Append('\\').Append(n);
                else
                    sb.Append(Regex.Escape(n.ToString()));
                continue;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Translates the bracket expression at <paramref name="start"/>; returns the index of its closing <c>]</c>.</summary>
    private static int Bracket(string ere, int start, StringBuilder sb)
    {
        int i = start + 1;
        var body = new StringBuilder();
        bool negate = i < ere.Length && ere[i] == '^';
        if (negate)
            i++;
        bool first = true;
        for (; i < ere.Length; i++)
        {
            char c = ere[i];
            if (c == ']' && !first)
                break;
            first = false;
            if (c == '[' && i + 1 < ere.Length && ere[i + 1] is ':' or '=' or '.')
            {
                char kind = ere[i + 1];
                int close = ere.IndexOf(kind + "]", i + 2, StringComparison.Ordinal);
                if (close > 0)
                {
                    string name = ere[(i + 2)..close];
                    body.Append(kind == ':' ? ClassBody(name) : Regex.Escape(name));
                    i = close + 1;
                    continue;
                }
            }
            body.Append(c is '\\' or '[' or ']' or '^' ? "\\" + c : c.ToString());
        }
        if (i >= ere.Length) // unterminated: let .NET report it
        {
            sb.Append(ere, start, ere.Length - start);
            return ere.Length;
        }
        // REG_NEWLINE: a non-matching list never matches a newline.
        sb.Append('[').Append(negate ? "^\\n" : "").Append(body).Append(']');
        return i;
    }

    private static string ClassBody(string name) => name switch
    {
        "alpha" => "a-zA-Z",
        "digit" => "0-9",
        "alnum" => "a-zA-Z0-9",
        "upper" => "A-Z",
        "lower" => "a-z",
        "xdigit" => "0-9A-Fa-f",
        "space" => @" \t\n\r\f\v",
        "blank" => @" \t",
        "punct" => @"!-/:-@\[-`{-~",
        "cntrl" => @"\x00-\x1f\x7f",
        "print" => @"\x20-\x7e",
        "graph" => @"\x21-\x7e",
        _ => throw new ArgumentException($"unknown character class [:{name}:]"),
    };
}
