namespace Bpf.Veristat;

/// <summary>veristat's human-readable table output (<c>-o table</c>, the default).</summary>
public static class TableRenderer
{
    private const string ColumnSep = "  ";

    /// <summary>
    /// Single data set table (<c>output_prog_stats</c>): widths from all rows passing the stat
    /// filters, output capped at <paramref name="topN"/>, closing underline and <c>Done.</c> line
    /// only when the last filtered row got printed.
    /// </summary>
    public static void RenderStats(IReadOnlyList<StatRow> rows, StatSpec spec, FilterSet filters, int topN,
        RunCounters counters, TextWriter output)
    {
        int[] widths = new int[spec.Count];
        for (int c = 0; c < spec.Count; c++)
            widths[c] = CFormat.Width(StatCatalog.Header(spec[c].Id));

        int lastIndex = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            if (!filters.ShouldOutput(rows[i]))
                continue;
            for (int c = 0; c < spec.Count; c++)
                widths[c] = Math.Max(widths[c], CFormat.Width(StatCells.Text(rows[i], spec[c].Id)));
            lastIndex = i;
        }

        for (int c = 0; c < spec.Count; c++)
        {
            StatId id = spec[c].Id;
            string header = StatCatalog.Header(id);
            output.Write(c == 0 ? "" : ColumnSep);
            output.Write(StatCatalog.LeftAligned(id) ? CFormat.Left(header, widths[c]) : CFormat.Right(header, widths[c]));
        }
        if (spec.Count > 0)
            output.Write('\n');
        WriteUnderline(widths, output);

        int printed = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            if (!filters.ShouldOutput(rows[i]))
                continue;
            if (topN != 0 && printed >= topN)
                break;
            for (int c = 0; c < spec.Count; c++)
            {
                StatId id = spec[c].Id;
                string text = StatCells.Text(rows[i], id);
                output.Write(c == 0 ? "" : ColumnSep);
                output.Write(StatCells.IsText(id) ? CFormat.Left(text, widths[c]) : CFormat.Right(text, widths[c]));
            }
            if (spec.Count > 0)
                output.Write('\n');
            if (i == lastIndex)
            {
                WriteUnderline(widths, output);
                output.Write(
                    $"Done. Processed {counters.FilesProcessed} files, {counters.ProgsProcessed} programs. " +
                    $"Skipped {counters.FilesSkipped} files, {counters.ProgsSkipped} programs.\n");
            }
            printed++;
        }
    }

    /// <summary>
    /// Comparison table (<c>handle_comparison_mode</c>): A/B/DIFF column triplets for every
    /// non-key stat. veristat 6.12 never prints a closing underline here.
    /// </summary>
    public static void RenderComparison(IReadOnlyList<JoinRow> rows, StatSpec spec, FilterSet filters, int topN,
        TextWriter output)
    {
        List<CompareCells.Column> columns = CompareCells.Columns(spec);
        List<JoinRow> shown = CompareCells.Shown(rows, filters, topN);
        List<string[]> cells = shown.ConvertAll(r => CompareCells.Row(r, spec));

        int[] widths = new int[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            widths[c] = CFormat.Width(columns[c].Header + columns[c].TableSuffix);
            foreach (string[] row in cells)
                widths[c] = Math.Max(widths[c], CFormat.Width(row[c]));
        }

        for (int c = 0; c < columns.Count; c++)
        {
            string sfx = columns[c].TableSuffix;
            output.Write(c == 0 ? "" : ColumnSep);
            output.Write(CFormat.Left(columns[c].Header, widths[c] - sfx.Length));
            output.Write(sfx);
        }
        if (columns.Count > 0)
            output.Write('\n');
        WriteUnderline(widths, output);

        foreach (string[] row in cells)
        {
            for (int c = 0; c < columns.Count; c++)
            {
                output.Write(c == 0 ? "" : ColumnSep);
                output.Write(columns[c].LeftAligned ? CFormat.Left(row[c], widths[c]) : CFormat.Right(row[c], widths[c]));
            }
            if (columns.Count > 0)
                output.Write('\n');
        }
    }

    private static void WriteUnderline(int[] widths, TextWriter output)
    {
        for (int c = 0; c < widths.Length; c++)
        {
            output.Write(c == 0 ? "" : ColumnSep);
            output.Write(new string('-', widths[c]));
        }
        output.Write('\n');
    }
}
