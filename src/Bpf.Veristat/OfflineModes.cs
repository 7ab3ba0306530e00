namespace Bpf.Veristat;

/// <summary>veristat's <c>handle_comparison_mode</c> and <c>handle_replay_mode</c>.</summary>
internal static class OfflineModes
{
    public static int Compare(VeristatOptions options, TextWriter stdout, TextWriter stderr)
    {
        if (options.Files.Count != 2)
            return Veristat.UsageFailure(stderr, "Comparison mode expects exactly two input CSV files!", Errno.EINVAL);

        int errno = 0;
        string pathA = options.Files[0], pathB = options.Files[1];
        if (!TryRead(options, pathA, stderr, ref errno, out StatSpec specA, out List<StatRow> rowsA, out int err))
            return -err;
        if (!TryRead(options, pathB, stderr, ref errno, out StatSpec specB, out List<StatRow> rowsB, out err))
            return -err;

        if (specA.Count != specB.Count)
        {
            stderr.Write($"Number of stats in '{pathA}' and '{pathB}' differs ({specA.Count} != {specB.Count})!\n");
            return Errno.EINVAL;
        }
        for (int i = 0; i < specA.Count; i++)
        {
            if (specA[i].Id != specB[i].Id)
            {
                stderr.Write($"Stats composition differs between '{pathA}' and '{pathB}' " +
                    $"({StatCatalog.CsvName(specA[i].Id)} != {StatCatalog.CsvName(specB[i].Id)})!\n");
                return Errno.EINVAL;
            }
        }

        List<JoinRow> joined = RowSorter.Sort(CompareEngine.Join(rowsA, rowsB), options.EffectiveSortSpec);
        StatSpec spec = options.EffectiveEmitSpec;
        if (options.OutputFormat == OutputFormat.Table)
            TableRenderer.RenderComparison(joined, spec, options.Filters, options.TopN, stdout);
        else
            CsvRenderer.RenderComparison(joined, spec, options.Filters, options.TopN, stdout);
        return 0;
    }

    public static int Replay(VeristatOptions options, TextWriter stdout, TextWriter stderr)
    {
        if (options.Files.Count != 1)
            return Veristat.UsageFailure(stderr, "Replay mode expects exactly one input CSV file!", Errno.EINVAL);

        int errno = 0;
        if (!TryRead(options, options.Files[0], stderr, ref errno, out _, out List<StatRow> rows, out int err))
            return -err;
        Veristat.Render(rows, options, stdout);
        return 0;
    }

    private static bool TryRead(VeristatOptions options, string path, TextWriter stderr, ref int errno,
        out StatSpec header, out List<StatRow> rows, out int err)
    {
        err = CsvStatsReader.Read(path, options.WorkingDirectory, options.Filters, stderr, ref errno, out header, out rows);
        if (err == 0)
            return true;
        stderr.Write($"Failed to parse stats from '{path}': {err}\n");
        return false;
    }
}
