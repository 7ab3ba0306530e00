using System.Text;
using System.Text.RegularExpressions;

namespace Bpf.Isa.Tests;

/// <summary>One <c>__naked</c> function of a selftest source: its asm text and its operand macros.</summary>
internal sealed record NakedAsm(string Function, string? Text, List<(string Macro, string Name)> Operands);

/// <summary>Test-only extraction of <c>asm volatile ("..." : : __imm(x) ...)</c> blocks from selftest C sources.</summary>
internal static partial class SelftestAsmSource
{
    [GeneratedRegex(@"__naked\s+(?:\w+\s+)*?(\w+)\s*\(")]
    private static partial Regex NakedFunction();

    [GeneratedRegex(@"\basm\s+(?:volatile\s*)?\(")]
    private static partial Regex AsmStart();

    [GeneratedRegex(@"(__imm\w*)\(\s*(\w+)|\[(\w+)\]\s*""i""")]
    private static partial Regex Operand();

    public static List<NakedAsm> Extract(string source)
    {
        // Backslash-newline splices lines, also inside string literals.
        source = source.Replace("\\\r\n", "", StringComparison.Ordinal).Replace("\\\n", "", StringComparison.Ordinal);
        var result = new List<NakedAsm>();
        foreach (Match m in NakedFunction().Matches(source))
        {
            int body = source.IndexOf('{', m.Index + m.Length);
            if (body < 0 || source.IndexOf(';', m.Index + m.Length) < body)
                continue; // a declaration, not a definition
            var asm = AsmStart().Match(source, body);
            if (!asm.Success)
                continue;
            int i = asm.Index + asm.Length;
            string? text = ReadLiterals(source, ref i);
            var operands = new List<(string, string)>();
            int end = MatchingParen(source, i);
            foreach (Match op in Operand().Matches(source[i..end]))
                operands.Add(op.Groups[3].Success ? ("i", op.Groups[3].Value) : (op.Groups[1].Value, op.Groups[2].Value));
            result.Add(new NakedAsm(m.Groups[1].Value, text, operands));
        }

        return result;
    }

    /// <summary>Concatenated string literals up to the first ':' or ')'; null if anything else (a macro) is there.</summary>
    private static string? ReadLiterals(string s, ref int i)
    {
        var sb = new StringBuilder();
        while (i < s.Length)
        {
            char c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && i + 1 < s.Length && s[i + 1] == '/')
            {
                i = s.IndexOf('\n', i) is int nl and >= 0 ? nl : s.Length;
            }
            else if (c == '/' && i + 1 < s.Length && s[i + 1] == '*')
            {
                i = s.IndexOf("*/", i + 2, StringComparison.Ordinal) + 2;
            }
            else if (c == '"')
            {
                for (i++; i < s.Length && s[i] != '"'; i++)
                {
                    if (s[i] != '\\')
                    {
                        sb.Append(s[i]);
                        continue;
                    }

                    i++;
                    sb.Append(s[i] switch { 'n' => '\n', 't' => '\t', _ => s[i] });
                }

                i++;
            }
            else if (c is ':' or ')')
            {
                return sb.ToString();
            }
            else
            {
                return null;
            }
        }

        return null;
    }

    private static int MatchingParen(string s, int i)
    {
        int depth = 1;
        for (; i < s.Length; i++)
        {
            if (s[i] == '(')
                depth++;
            else if (s[i] == ')' && --depth == 0)
                return i;
        }

        return s.Length;
    }
}
