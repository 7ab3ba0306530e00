namespace Bpf.TestLoader.Matching;

/// <summary>Why a message check failed, with test_loader's words for it.</summary>
public enum MismatchKind
{
    /// <summary>A positive message was not found ("EXPECTED").</summary>
    Missing,
    /// <summary>A disassembly line matched, but not on the line after the previous one ("WRONG LINE").</summary>
    WrongLine,
    /// <summary>A <c>__not_msg</c> pattern was found ("UNEXPECTED").</summary>
    Unexpected,
}

/// <summary>The first message that failed (messages before it matched).</summary>
public sealed record Mismatch(int Index, ExpectedMessage Message, MismatchKind Kind, int ExpectedLine = -1, int ActualLine = -1)
{
    public string Describe()
    {
        string status = Kind switch
        {
            MismatchKind.Missing => "EXPECTED",
            MismatchKind.WrongLine => "WRONG LINE",
            _ => "UNEXPECTED",
        };
        string kind = Message.IsRegex ? "REGEX" : "SUBSTR";
        string text = $"{status} {kind}: '{Message.Text}'";
        return Kind == MismatchKind.WrongLine ? $"{text} (expecting match at line {ExpectedLine}, actual match is at line {ActualLine})" : text;
    }
}

/// <summary>
/// test_loader's validate_msgs: positive messages are searched in order, each from the end of the previous match;
/// a negative message must not occur between the matches of its neighbouring positive messages.
/// </summary>
public static class MessageMatcher
{
    private struct Span
    {
        public int Start;
        public int End;
        public int Line;
        public readonly bool Found => Start >= 0;
    }

    /// <summary>Null when every message is satisfied, else the first failure in message order.</summary>
    public static Mismatch? Validate(string log, IReadOnlyList<ExpectedMessage> msgs)
    {
        var matches = new Span[msgs.Count];
        for (int i = 0; i < matches.Length; i++)
            matches[i] = new Span { Start = -1, End = -1 };
        MatchPositive(log, msgs, matches);
        MatchNegative(log, msgs, matches);

        int prev = -1;
        for (int i = 0; i < msgs.Count; i++)
        {
            var msg = msgs[i];
            if (msg.Negative)
            {
                if (matches[i].Found)
                    return new Mismatch(i, msg, MismatchKind.Unexpected);
                continue;
            }
            if (!matches[i].Found)
                return new Mismatch(i, msg, MismatchKind.Missing);
            if (msg.OnNextLine && prev >= 0 && matches[prev].Line + 1 != matches[i].Line)
                return new Mismatch(i, msg, MismatchKind.WrongLine, matches[prev].Line + 1, matches[i].Line);
            prev = i;
        }
        return null;
    }

    private static void MatchPositive(string log, IReadOnlyList<ExpectedMessage> msgs, Span[] matches)
    {
        int pos = 0, prevStart = 0, line = 0;
        for (int i = 0; i < msgs.Count; i++)
        {
            if (msgs[i].Negative)
                continue;
            var (start, end) = msgs[i].Find(log, pos);
            if (start < 0)
                continue; // later messages still search from the last match
            line += CountLines(log, prevStart, start);
            matches[i] = new Span { Start = start, End = end, Line = line };
            prevStart = start;
            pos = end;
        }
    }

    private static void MatchNegative(string log, IReadOnlyList<ExpectedMessage> msgs, Span[] matches)
    {
        int start = 0;
        for (int i = 0; i < msgs.Count; i++)
        {
            if (!msgs[i].Negative)
            {
                if (matches[i].Found)
                    start = matches[i].End;
                continue;
            }
            // The span ends where the next positive message matched; an unmatched one leaves no span (NULL end).
            int end = log.Length;
            int nextPositive = i + 1;
            for (; nextPositive < msgs.Count; nextPositive++)
            {
                if (!msgs[nextPositive].Negative)
                {
                    end = matches[nextPositive].Start;
                    break;
                }
            }
            // test_loader tries the stride's first negative pattern for every slot of the stride; kept as is.
            for (int j = i; j < nextPositive; j++)
            {
                var (ms, me) = msgs[i].Find(log, start);
                if (ms >= 0 && end >= 0 && me <= end)
                    matches[j] = new Span { Start = ms, End = me };
            }
            i = nextPositive - 1;
        }
    }

    private static int CountLines(string s, int from, int to)
    {
        int n = 0;
        for (int k = from; k < to; k++)
        {
            if (s[k] == '\n')
                n++;
        }
        return n;
    }
}
