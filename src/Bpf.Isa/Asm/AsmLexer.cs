namespace Bpf.Isa;

/// <summary>Splits one statement into tokens. Columns are 1-based positions in the source line.</summary>
internal static class AsmLexer
{
    // Longest first, so "<<=" wins over "<<" and "<=".
    private static readonly string[] Puncts =
    [
        "<<=", ">>=",
        "+=", "-=", "*=", "/=", "%=", "|=", "&=", "^=", "==", "!=", ">=", "<=", "<<", ">>",
        "=", "+", "-", "*", "/", "|", "&", "^", "<", ">", "(", ")", "[", "]", ",", ":", "#", "~", "!",
    ];

    public static List<AsmToken> Lex(string line, int start, int end, int lineNo)
    {
        var tokens = new List<AsmToken>();
        int i = start;
        while (i < end)
        {
            char c = line[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            int col = i + 1;
            if (IsIdentStart(c))
            {
                int j = i + 1;
                while (j < end)
                {
                    if (IsIdentPart(line[j]))
                        j++;
                    else if (line[j] == '%' && j + 1 < end && line[j + 1] == '=')
                        j += 2; // inline-asm unique-number marker inside labels: l0_%=
                    else
                        break;
                }

                tokens.Add(new AsmToken(AsmTokenKind.Ident, line[i..j], col));
                i = j;
            }
            else if (char.IsAsciiDigit(c))
            {
                int j = i + 1;
                while (j < end && (char.IsAsciiLetterOrDigit(line[j]) || line[j] == '_'))
                    j++;
                tokens.Add(new AsmToken(AsmTokenKind.Number, line[i..j], col));
                i = j;
            }
            else if (c == '%' && i + 1 < end && line[i + 1] == '[')
            {
                int close = line.IndexOf(']', i + 2, end - i - 2);
                if (close < 0)
                    throw new AsmException("unterminated %[", lineNo, col);
                tokens.Add(new AsmToken(AsmTokenKind.Subst, line[(i + 2)..close].Trim(), col));
                i = close + 1;
            }
            else
            {
                string? p = MatchPunct(line, i, end);
                if (p == null)
                    throw new AsmException($"unexpected character '{c}'", lineNo, col);
                tokens.Add(new AsmToken(AsmTokenKind.Punct, p, col));
                i += p.Length;
            }
        }

        tokens.Add(new AsmToken(AsmTokenKind.End, "", end + 1));
        return tokens;
    }

    private static string? MatchPunct(string line, int i, int end)
    {
        foreach (string p in Puncts)
        {
            if (p.Length <= end - i && string.CompareOrdinal(line, i, p, 0, p.Length) == 0)
                return p;
        }

        return null;
    }

    private static bool IsIdentStart(char c) => char.IsAsciiLetter(c) || c is '_' or '.' or '$';

    private static bool IsIdentPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '$';
}
