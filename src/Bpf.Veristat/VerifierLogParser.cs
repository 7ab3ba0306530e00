namespace Bpf.Veristat;

/// <summary>
/// Extracts stats from a verifier log the way veristat's <c>parse_verif_log</c> does: it scans
/// the last 100 lines from the end, matching <c>verification time %ld usec</c> and
/// <c>processed %ld insns (limit %*d) max_states_per_insn %ld total_states %ld peak_states %ld
/// mark_read %ld</c> with sscanf semantics, so an earlier match overwrites a later one and a
/// partial match still stores the values it got to.
/// </summary>
public static class VerifierLogParser
{
    private const int MaxParsedLines = 100;

    private const string TimeFormat = "verification time %ld usec\n";

    private const string ProcessedFormat =
        "processed %ld insns (limit %*d) max_states_per_insn %ld total_states %ld peak_states %ld mark_read %ld";

    private static readonly StatId[] TimeTargets = [StatId.Duration];

    private static readonly StatId[] ProcessedTargets =
        [StatId.TotalInsns, StatId.MaxStatesPerInsn, StatId.TotalStates, StatId.PeakStates, StatId.MarkReadMaxLen];

    /// <summary>Stores duration, insns and state counts found in <paramref name="log"/> into <paramref name="row"/>.</summary>
    public static void Apply(string log, StatRow row)
    {
        int nul = log.IndexOf('\0');
        if (nul >= 0)
            log = log[..nul];

        int pos = log.Length - 1;
        for (int lines = 0; pos >= 0 && lines < MaxParsedLines; lines++)
        {
            int cur = pos;
            while (cur > 0 && log[cur] != '\n')
            {
                cur--;
                pos--;
            }
            pos--;
            if (log[cur] == '\n')
                cur++;

            // Each candidate runs to the end of the log, as the C string does.
            Scan(log, cur, TimeFormat, TimeTargets, row);
            Scan(log, cur, ProcessedFormat, ProcessedTargets, row);
        }
    }

    /// <summary>A tiny sscanf: literals, white space, <c>%ld</c> (stored) and <c>%*d</c>.</summary>
    private static void Scan(string s, int i, string format, StatId[] targets, StatRow row)
    {
        int target = 0;
        for (int f = 0; f < format.Length; f++)
        {
            char fc = format[f];
            if (CNumbers.IsSpace(fc))
            {
                while (i < s.Length && CNumbers.IsSpace(s[i]))
                    i++;
                continue;
            }
            if (fc != '%')
            {
                if (i >= s.Length || s[i] != fc)
                    return;
                i++;
                continue;
            }

            bool store = format[f + 1] != '*';
            f += 2; // past "ld" or "*d"
            int end = CNumbers.Strtol(s, i, out long value, out _);
            if (end < 0)
                return;
            i = end;
            if (!store)
                continue;
            row[targets[target++]] = value;
        }
    }
}
