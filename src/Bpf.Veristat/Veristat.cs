namespace Bpf.Veristat;

/// <summary>Entry points: whole command lines, the offline modes, and live-mode rendering.</summary>
public static class Veristat
{
    /// <summary>
    /// Runs a veristat command line (without the program name) and returns its exit code.
    /// Live mode (object files) is delegated to <paramref name="live"/>.
    /// </summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, LiveModeHandler? live = null,
        string argv0 = "veristat", string? workingDirectory = null)
    {
        ArgParseResult parsed = ArgParser.Parse(args, stdout, stderr, argv0, workingDirectory);
        if (parsed.Options is not VeristatOptions options)
            return parsed.ExitCode;

        if (options.ShowVersion)
        {
            stdout.Write(options.VersionString + "\n");
            return 0;
        }
        if (options.Verbose && options.Quiet)
            return UsageFailure(stderr, "Verbose and quiet modes are incompatible, please specify just one or neither!", 1);
        if (options.CompareMode && options.ReplayMode)
            return UsageFailure(stderr, "Can't specify replay and comparison mode at the same time!", 1);

        if (options.CompareMode || options.ReplayMode)
            return RunOffline(options, stdout, stderr);

        if (options.Files.Count == 0)
            return UsageFailure(stderr, "Please provide path to BPF object file!", Errno.EINVAL);
        if (live == null)
        {
            stderr.Write("Verifying object files is not available here\n");
            return 1;
        }
        return live(options, stdout, stderr);
    }

    /// <summary>
    /// <c>-C</c> (comparison) or <c>-R</c> (replay) mode: reads the CSV files in
    /// <see cref="VeristatOptions.Files"/> and prints the result. Returns the exit code.
    /// </summary>
    public static int RunOffline(VeristatOptions options, TextWriter stdout, TextWriter stderr)
    {
        if (options.CompareMode)
            return OfflineModes.Compare(options, stdout, stderr);
        if (options.ReplayMode)
            return OfflineModes.Replay(options, stdout, stderr);
        stderr.Write("Neither comparison nor replay mode is selected\n");
        return 1;
    }

    /// <summary>
    /// Live mode output: sorts <paramref name="rows"/> (programs that passed the name filters)
    /// by the sort spec and prints them in the selected format with stat filters and <c>-n</c>.
    /// </summary>
    public static void Render(IReadOnlyList<StatRow> rows, VeristatOptions options, RunCounters counters, TextWriter stdout)
    {
        List<StatRow> sorted = RowSorter.Sort(rows, options.EffectiveSortSpec);
        StatSpec spec = options.EffectiveEmitSpec;
        if (options.OutputFormat == OutputFormat.Table)
            TableRenderer.RenderStats(sorted, spec, options.Filters, options.TopN, counters, stdout);
        else
            CsvRenderer.RenderStats(sorted, spec, options.Filters, options.TopN, stdout);
    }

    /// <summary>Same as the other overload with all counters zero (as in replay mode).</summary>
    public static void Render(IReadOnlyList<StatRow> rows, VeristatOptions options, TextWriter stdout) =>
        Render(rows, options, default, stdout);

    /// <summary>An error message, a blank line and argp's short usage, as veristat's main prints them.</summary>
    internal static int UsageFailure(TextWriter stderr, string message, int exitCode)
    {
        stderr.Write(message + "\n\n");
        stderr.Write(UsageText.ShortUsage);
        return exitCode;
    }
}
