using System.Text.RegularExpressions;

namespace Bpf.TestLoader.Matching;

/// <summary>
/// One expected (or, with <see cref="Negative"/>, forbidden) log message: a substring, or a regex when the text
/// holds <c>{{...}}</c> parts. <see cref="OnNextLine"/> is used by disassembly expectations (xlated/jited).
/// </summary>
public sealed record ExpectedMessage
{
    public required string Text { get; init; }
    public bool Negative { get; init; }
    public bool OnNextLine { get; init; }
    /// <summary>The compiled pattern when <see cref="Text"/> contains <c>{{</c>; null for plain substrings.</summary>
    public Regex? Regex { get; init; }
    public bool IsRegex => Regex != null;

    /// <summary>Builds a message as test_loader's push_msg does; returns null with an error for a bad regex.</summary>
    public static ExpectedMessage? Create(string text, bool negative, bool onNextLine, out string? error)
    {
        error = null;
        Regex? regex = null;
        if (text.Contains("{{", StringComparison.Ordinal))
        {
            regex = PosixRegex.Compile(text, out error);
            if (regex == null)
                return null;
        }
        return new ExpectedMessage { Text = text, Negative = negative, OnNextLine = onNextLine, Regex = regex };
    }

    /// <summary>First match in <c>log[start..]</c> (as regexec on that suffix: <c>^</c> matches at start); (-1, -1) when none.</summary>
    public (int Start, int End) Find(string log, int start)
    {
        if (Regex == null)
        {
            int at = log.IndexOf(Text, start, StringComparison.Ordinal);
            return at < 0 ? (-1, -1) : (at, at + Text.Length);
        }
        var m = Regex.Match(log, start, log.Length - start);
        return m.Success ? (m.Index, m.Index + m.Length) : (-1, -1);
    }
}
