namespace Bpf.Veristat;

/// <summary>Cell text of a single data set row (<c>prepare_value</c>).</summary>
internal static class StatCells
{
    /// <summary>File, program and verdict print as left-aligned text; the rest as numbers.</summary>
    public static bool IsText(StatId id) => id is StatId.FileName or StatId.ProgName or StatId.Verdict;

    public static string Text(StatRow row, StatId id) => id switch
    {
        StatId.FileName => row.FileName,
        StatId.ProgName => row.ProgName,
        StatId.Verdict => VerdictText(row.Verdict),
        _ => CFormat.Long(row[id]),
    };

    public static string VerdictText(bool success) => success ? "success" : "failure";
}
