namespace Bpf.Veristat;

/// <summary>
/// Static description of every stat: table header, the names accepted in specs (the first one is
/// the CSV column name), default sort direction and alignment.
/// </summary>
public static class StatCatalog
{
    /// <summary>Number of stats veristat knows; also the maximum length of one spec.</summary>
    public const int Count = 9;

    /// <summary>Number of numeric stats (everything before <see cref="StatId.FileName"/>).</summary>
    public const int NumericCount = 7;

    private sealed record Def(string Header, string[] Names, bool AscByDefault, bool LeftAligned);

    private static readonly Def[] Defs =
    [
        new("Verdict", ["verdict"], true, true),
        new("Duration (us)", ["duration", "dur"], false, false),
        new("Insns", ["total_insns", "insns"], false, false),
        new("States", ["total_states", "states"], false, false),
        new("Peak states", ["peak_states"], false, false),
        new("Max states per insn", ["max_states_per_insn"], false, false),
        new("Max mark read length", ["max_mark_read_len", "mark_read"], false, false),
        new("File", ["file_name", "filename", "file"], true, true),
        new("Program", ["prog_name", "progname", "prog"], true, true),
    ];

    // Suffixes indexed by StatVariant.
    private static readonly string[] VariantSuffixes = ["_a", "_b", "_diff", "_pct"];

    public static string Header(StatId id) => Defs[(int)id].Header;

    /// <summary>The canonical name, used as the CSV column name.</summary>
    public static string CsvName(StatId id) => Defs[(int)id].Names[0];

    public static IReadOnlyList<string> Names(StatId id) => Defs[(int)id].Names;

    public static bool AscendingByDefault(StatId id) => Defs[(int)id].AscByDefault;

    public static bool LeftAligned(StatId id) => Defs[(int)id].LeftAligned;

    /// <summary>File and program name: the join key, with no A/B/DIFF columns.</summary>
    public static bool IsKey(StatId id) => id is StatId.FileName or StatId.ProgName;

    public static bool IsNumeric(StatId id) => (int)id < NumericCount;

    /// <summary>
    /// Resolves the first <paramref name="length"/> characters of <paramref name="text"/> as a
    /// stat name with optional variant suffix and optional <c>|...|</c> absolute-value bars.
    /// Like veristat, the alias prefix test looks at the whole string, not just the first
    /// <paramref name="length"/> characters.
    /// </summary>
    public static bool TryResolve(string text, int length, out StatId id, out StatVariant variant, out bool abs)
    {
        int start = 0;
        abs = false;
        if (length > 2 && text[0] == '|' && text[length - 1] == '|')
        {
            abs = true;
            start = 1;
            length -= 2;
        }

        for (int i = 0; i < Defs.Length; i++)
        {
            foreach (string alias in Defs[i].Names)
            {
                if (string.CompareOrdinal(text, start, alias, 0, alias.Length) != 0 || text.Length - start < alias.Length)
                    continue;
                if (alias.Length == length)
                {
                    id = (StatId)i;
                    variant = StatVariant.B;
                    return true;
                }
                for (int k = 0; k < VariantSuffixes.Length; k++)
                {
                    string sfx = VariantSuffixes[k];
                    if (alias.Length + sfx.Length == length &&
                        string.CompareOrdinal(text, start + alias.Length, sfx, 0, sfx.Length) == 0)
                    {
                        id = (StatId)i;
                        variant = (StatVariant)k;
                        return true;
                    }
                }
            }
        }

        id = default;
        variant = default;
        return false;
    }
}
