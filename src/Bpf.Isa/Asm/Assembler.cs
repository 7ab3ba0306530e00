using System.Text;

namespace Bpf.Isa;

/// <summary>
/// Assembles BPF text in two dialects: the kernel verifier log / <see cref="Disassembler"/> output
/// (optionally with <c>N: </c> and <c>(xx)</c> prefixes, trailing <c>; state</c> ignored) and the
/// LLVM inline-asm dialect of the kernel selftests (<c>r1 += -8;</c>, <c>if w1 s&lt; 3 goto l0_%=;</c>).
/// Statements are separated by newlines or ';'. <c>%[name]</c> takes its value from the constants.
/// </summary>
public static class Assembler
{
    // Far above any real program (the kernel allows 1M instructions); bounds nested .rept blow-ups.
    private const int MaxStatements = 4 << 20;

    public static AssemblyResult Assemble(string text, IReadOnlyDictionary<string, long>? constants = null) =>
        Assemble(text, constants, null);

    /// <param name="text">Assembly text.</param>
    /// <param name="constants">Values of <c>%[name]</c> operands (helper ids, offsets, raw <c>.8byte</c> words).</param>
    /// <param name="textSubstitutions">Operands replaced textually before parsing (inline asm "m" operands such as <c>%[ctx_a]</c> → <c>(r1 + 8)</c>).</param>
    public static AssemblyResult Assemble(
        string text,
        IReadOnlyDictionary<string, long>? constants,
        IReadOnlyDictionary<string, string>? textSubstitutions)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] lines = StripComments(text).Split('\n');
        var statements = new List<(List<AsmToken> Tokens, int Line)>();
        var labelNames = new HashSet<string>(StringComparer.Ordinal);
        for (int n = 0; n < lines.Length; n++)
        {
            string line = Substitute(lines[n].TrimEnd('\r'), textSubstitutions);
            foreach (var (start, end) in Statements(line))
            {
                var tokens = AsmLexer.Lex(line, start, end, n + 1);
                AsmParser.CollectLabels(tokens, labelNames);
                statements.Add((tokens, n + 1));
            }
        }

        var builder = new AsmBuilder();
        builder.SetLabelNames(labelNames);
        int index = 0;
        foreach (var (tokens, line) in ExpandRepeats(statements, ref index, constants, nested: false))
            new AsmParser(tokens, builder, constants, line).ParseStatement();
        return builder.Finish(lines.Length);
    }

    /// <summary>Expands <c>.rept N</c> ... <c>.endr</c> blocks (nestable) into repeated statements.</summary>
    private static List<(List<AsmToken> Tokens, int Line)> ExpandRepeats(
        List<(List<AsmToken> Tokens, int Line)> statements, ref int i, IReadOnlyDictionary<string, long>? constants, bool nested)
    {
        var result = new List<(List<AsmToken>, int)>();
        while (i < statements.Count)
        {
            var (tokens, line) = statements[i++];
            if (tokens[0].IsIdent(".endr"))
            {
                if (!nested)
                    throw new AsmException(".endr without .rept", line, tokens[0].Column);
                return result;
            }

            if (!tokens[0].IsIdent(".rept"))
            {
                result.Add((tokens, line));
                continue;
            }

            long count = AsmParser.ParseRepeatCount(tokens, constants, line);
            var body = ExpandRepeats(statements, ref i, constants, nested: true);
            if (count * body.Count + result.Count > MaxStatements)
                throw new AsmException(".rept expands beyond " + MaxStatements + " statements", line, tokens[0].Column);
            for (long k = 0; k < count; k++)
                result.AddRange(body);
        }

        if (nested)
            throw new AsmException(".rept without .endr", statements[^1].Line, 1);
        return result;
    }

    /// <summary>
    /// Statement ranges of one line. A listing line (<c>12: (bf) ...</c>) is one statement ending at ';'
    /// (the verifier appends register state there); a line starting with ';' is a source-line comment.
    /// </summary>
    private static List<(int Start, int End)> Statements(string line)
    {
        var ranges = new List<(int, int)>();
        int first = 0;
        while (first < line.Length && char.IsWhiteSpace(line[first]))
            first++;
        if (first == line.Length || line[first] == ';')
            return ranges;
        if (IsListingLine(line, first))
        {
            int semi = line.IndexOf(';', first);
            ranges.Add((first, semi < 0 ? line.Length : semi));
            return ranges;
        }

        int s = first;
        for (int i = first; i <= line.Length; i++)
        {
            if (i == line.Length || line[i] == ';')
            {
                ranges.Add((s, i));
                s = i + 1;
            }
        }

        return ranges;
    }

    /// <summary><c>N: (xx)</c> or <c>(xx)</c> at the start of a line.</summary>
    private static bool IsListingLine(string line, int i)
    {
        int j = i;
        while (j < line.Length && char.IsAsciiDigit(line[j]))
            j++;
        if (j > i)
        {
            if (j >= line.Length || line[j] != ':')
                return false;
            j++;
            while (j < line.Length && line[j] == ' ')
                j++;
        }

        return j + 3 < line.Length && line[j] == '(' && char.IsAsciiHexDigit(line[j + 1])
            && char.IsAsciiHexDigit(line[j + 2]) && line[j + 3] == ')';
    }

    /// <summary>Blanks out <c>//</c> and <c>/* */</c> comments, keeping line breaks and columns.</summary>
    private static string StripComments(string text)
    {
        if (!text.Contains('/', StringComparison.Ordinal))
            return text;
        var sb = new StringBuilder(text);
        for (int i = 0; i + 1 < sb.Length; i++)
        {
            if (sb[i] != '/')
                continue;
            if (sb[i + 1] == '/')
            {
                for (; i < sb.Length && sb[i] != '\n'; i++)
                    sb[i] = ' ';
            }
            else if (sb[i + 1] == '*')
            {
                sb[i] = ' ';
                sb[i + 1] = ' ';
                for (i += 2; i < sb.Length; i++)
                {
                    if (sb[i] == '*' && i + 1 < sb.Length && sb[i + 1] == '/')
                    {
                        sb[i] = ' ';
                        sb[i + 1] = ' ';
                        i++;
                        break;
                    }

                    if (sb[i] != '\n')
                        sb[i] = ' ';
                }
            }
        }

        return sb.ToString();
    }

    private static string Substitute(string line, IReadOnlyDictionary<string, string>? subs)
    {
        // "%%" is inline asm's escaped '%' (r1 %%= r2).
        if (line.Contains("%%", StringComparison.Ordinal))
            line = line.Replace("%%", "%", StringComparison.Ordinal);
        if (subs == null || subs.Count == 0 || !line.Contains("%[", StringComparison.Ordinal))
            return line;
        foreach (var (name, value) in subs)
            line = line.Replace("%[" + name + "]", value, StringComparison.Ordinal);
        return line;
    }
}
