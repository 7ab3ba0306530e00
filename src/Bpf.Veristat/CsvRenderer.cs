namespace Bpf.Veristat;

/// <summary>veristat's <c>-o csv</c> output.</summary>
public static class CsvRenderer
{
    /// <summary>Header of canonical stat names, then one line per row passing the stat filters.</summary>
    public static void RenderStats(IReadOnlyList<StatRow> rows, StatSpec spec, FilterSet filters, int topN, TextWriter output)
    {
        for (int c = 0; c < spec.Count; c++)
            output.Write((c == 0 ? "" : ",") + StatCatalog.CsvName(spec[c].Id));
        output.Write('\n');

        int printed = 0;
        foreach (StatRow row in rows)
        {
            if (!filters.ShouldOutput(row))
                continue;
            if (topN != 0 && printed >= topN)
                break;
            for (int c = 0; c < spec.Count; c++)
                output.Write((c == 0 ? "" : ",") + StatCells.Text(row, spec[c].Id));
            output.Write('\n');
            printed++;
        }
    }

    /// <summary>
    /// Comparison CSV: <c>_base</c>, <c>_comp</c>, <c>_diff</c> columns per non-key stat. Like
    /// veristat 6.12, a non-key first stat gets no commas between its three values.
    /// </summary>
    public static void RenderComparison(IReadOnlyList<JoinRow> rows, StatSpec spec, FilterSet filters, int topN, TextWriter output)
    {
        List<CompareCells.Column> columns = CompareCells.Columns(spec);
        for (int c = 0; c < columns.Count; c++)
            output.Write((c == 0 ? "" : ",") + columns[c].CsvName);
        output.Write('\n');

        foreach (JoinRow row in CompareCells.Shown(rows, filters, topN))
        {
            string[] cells = CompareCells.Row(row, spec);
            for (int c = 0; c < columns.Count; c++)
                output.Write((columns[c].SpecIndex == 0 ? "" : ",") + cells[c]);
            output.Write('\n');
        }
    }
}
