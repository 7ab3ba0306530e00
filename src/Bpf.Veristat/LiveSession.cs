namespace Bpf.Veristat;

/// <summary>
/// veristat's live-mode bookkeeping (<c>process_obj</c>/<c>process_prog</c>) for a caller that
/// does the actual verification: which files and programs the name filters let through, the
/// progress messages in veristat's order, the counters of the <c>Done.</c> line, and the final
/// sorted output. Call per file: <see cref="BeginFile"/>, then <see cref="FileOpenFailed"/> or
/// <see cref="FileOpened"/>, then per program <see cref="ShouldVerify"/> and
/// <see cref="AddResult"/>; finally <see cref="Finish"/>.
/// </summary>
public sealed class LiveSession(VeristatOptions options, TextWriter stdout, TextWriter stderr)
{
    private readonly List<StatRow> _rows = [];
    private int _filesProcessed, _filesSkipped, _progsProcessed, _progsSkipped;

    public IReadOnlyList<StatRow> Rows => _rows;

    public RunCounters Counters => new(_filesProcessed, _progsProcessed, _filesSkipped, _progsSkipped);

    /// <summary>veristat reports file names without directories.</summary>
    public static string BaseName(string path)
    {
        string trimmed = path.TrimEnd('/');
        if (trimmed.Length == 0)
            return path.Length == 0 ? "." : "/";
        int slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }

    /// <summary>
    /// Decides whether to open <paramref name="path"/>: false (file counted as skipped) if the
    /// name filters exclude it or it is not a BPF ELF object. Prints the verbose skip notes and
    /// the <c>Processing '...'...</c> line.
    /// </summary>
    public bool BeginFile(string path, bool isBpfObject)
    {
        if (!options.Filters.ShouldProcess(BaseName(path), null))
        {
            if (options.Verbose)
                stdout.Write(LiveMessages.SkippingDueToFilters(path));
            _filesSkipped++;
            return false;
        }
        if (!isBpfObject)
        {
            if (options.Verbose)
                stdout.Write(LiveMessages.SkippingNotBpfObject(path));
            _filesSkipped++;
            return false;
        }
        if (LiveMessages.ShowProcessing(options))
            stdout.Write(LiveMessages.Processing(BaseName(path)));
        return true;
    }

    /// <summary>The object could not be opened (libbpf open failure): reported, file skipped.</summary>
    public void FileOpenFailed(string path, int negativeErrno)
    {
        stderr.Write(LiveMessages.FailedToOpen(path, negativeErrno));
        _filesSkipped++;
    }

    public void FileOpened() => _filesProcessed++;

    /// <summary>Name filters for one program; a filtered program counts as skipped.</summary>
    public bool ShouldVerify(string path, string progName)
    {
        if (options.Filters.ShouldProcess(BaseName(path), progName))
            return true;
        _progsSkipped++;
        return false;
    }

    /// <summary>
    /// Records one verified program. Stats come from <paramref name="log"/> as veristat parses
    /// them; verbose mode echoes the log.
    /// </summary>
    public StatRow AddResult(string path, string progName, bool success, string log)
    {
        StatRow row = new(BaseName(path), progName) { Verdict = success };
        VerifierLogParser.Apply(log, row);
        AddRow(path, row, log);
        return row;
    }

    /// <summary>
    /// Records a program whose stats the caller already has (its <see cref="StatRow.FileName"/>
    /// should be the base name); verbose mode echoes <paramref name="log"/>.
    /// </summary>
    public void AddRow(string path, StatRow row, string log = "")
    {
        _progsProcessed++;
        _rows.Add(row);
        if (options.Verbose)
            stdout.Write(LiveMessages.VerboseProgram(path, row.ProgName, row.Duration, row.Verdict, log));
    }

    /// <summary>Prints the sorted, filtered result; returns veristat's exit code (0).</summary>
    public int Finish()
    {
        Veristat.Render(_rows, options, Counters, stdout);
        return 0;
    }
}
