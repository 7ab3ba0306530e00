namespace Bpf.Veristat;

/// <summary>Columns and cell texts of comparison output (<c>output_comp_stats</c>).</summary>
internal static class CompareCells
{
    private const string NotAvailable = "N/A";

    private static readonly string[] TableSuffixes = [" (A)", " (B)", " (DIFF)"];
    private static readonly string[] CsvSuffixes = ["_base", "_comp", "_diff"];

    /// <summary>One printed column: key stats give one, other stats an A/B/DIFF triplet.</summary>
    /// <param name="SpecIndex">Index of the spec entry the column belongs to.</param>
    /// <param name="Part">0, 1, 2 for A, B, DIFF (always 0 for key stats).</param>
    public sealed record Column(int SpecIndex, int Part, StatId Id, string Header, string TableSuffix, string CsvName, bool LeftAligned);

    public static List<Column> Columns(StatSpec spec)
    {
        List<Column> columns = [];
        for (int i = 0; i < spec.Count; i++)
        {
            StatId id = spec[i].Id;
            string header = StatCatalog.Header(id);
            string name = StatCatalog.CsvName(id);
            if (StatCatalog.IsKey(id))
            {
                columns.Add(new Column(i, 0, id, header, "", name, true));
                continue;
            }
            for (int part = 0; part < 3; part++)
                columns.Add(new Column(i, part, id, header, TableSuffixes[part], name + CsvSuffixes[part], StatCells.IsText(id)));
        }
        return columns;
    }

    /// <summary>Rows passing the stat filters, at most <paramref name="topN"/> (0: all).</summary>
    public static List<JoinRow> Shown(IReadOnlyList<JoinRow> rows, FilterSet filters, int topN)
    {
        List<JoinRow> shown = [];
        foreach (JoinRow row in rows)
        {
            if (!filters.ShouldOutput(row))
                continue;
            if (topN != 0 && shown.Count >= topN)
                break;
            shown.Add(row);
        }
        return shown;
    }

    /// <summary>Cell texts in <see cref="Columns"/> order.</summary>
    public static string[] Row(JoinRow row, StatSpec spec)
    {
        List<string> cells = [];
        for (int i = 0; i < spec.Count; i++)
        {
            StatId id = spec[i].Id;
            if (id == StatId.FileName)
            {
                cells.Add(row.FileName);
            }
            else if (id == StatId.ProgName)
            {
                cells.Add(row.ProgName);
            }
            else if (id == StatId.Verdict)
            {
                string a = row.A == null ? NotAvailable : StatCells.VerdictText(row.A.Verdict);
                string b = row.B == null ? NotAvailable : StatCells.VerdictText(row.B.Verdict);
                cells.Add(a);
                cells.Add(b);
                cells.Add(row.A == null || row.B == null ? NotAvailable : (a == b ? "MATCH" : "MISMATCH"));
            }
            else
            {
                cells.Add(row.A == null ? NotAvailable : CFormat.Long(row.A[id]));
                cells.Add(row.B == null ? NotAvailable : CFormat.Long(row.B[id]));
                cells.Add(row.A == null || row.B == null ? NotAvailable : DiffText(row.A[id], row.B[id]));
            }
        }
        return [.. cells];
    }

    /// <summary><c>+N (+x.xx%)</c></summary>
    public static string DiffText(long a, long b) =>
        $"{CFormat.SignedLong(unchecked(b - a))} ({CFormat.SignedFixed2(JoinRow.PercentDiff(a, b))}%)";
}
