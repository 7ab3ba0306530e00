namespace Bpf.Veristat;

/// <summary>
/// All <c>-f</c> filters of a run, split into allow and deny lists. Name filters decide which
/// programs are processed (or which CSV rows are read); stat filters decide which rows are
/// printed.
/// </summary>
public sealed class FilterSet
{
    private readonly List<FilterSpec> _allow = [];
    private readonly List<FilterSpec> _deny = [];

    public IReadOnlyList<FilterSpec> Allow => _allow;

    public IReadOnlyList<FilterSpec> Deny => _deny;

    /// <summary>
    /// Adds one <c>-f</c> argument: <c>@path</c> reads a filter file, a leading <c>!</c> makes a
    /// deny filter. Prints veristat's messages and returns a negative errno on error.
    /// </summary>
    public int AddArgument(string arg, TextWriter stderr, string? workingDirectory = null)
    {
        int err;
        if (arg.StartsWith('@'))
            err = AddFile(arg[1..], stderr, workingDirectory);
        else
            err = AddExpression(arg, stderr);
        if (err != 0)
            stderr.Write($"Failed to collect program filter expressions: {err}\n");
        return err;
    }

    /// <summary>Adds an expression, honouring a leading <c>!</c> for deny.</summary>
    public int AddExpression(string expr, TextWriter stderr)
    {
        bool deny = expr.StartsWith('!');
        int err = FilterParser.TryParse(deny ? expr[1..] : expr, stderr, out FilterSpec? filter);
        if (err != 0)
            return err;
        (deny ? _deny : _allow).Add(filter!);
        return 0;
    }

    /// <summary>Adds all expressions of a filter file (one per line, <c>#</c> comments).</summary>
    public int AddFile(string path, TextWriter stderr, string? workingDirectory = null)
    {
        int err = InputFiles.TryRead(path, workingDirectory, out byte[] content);
        // fopen() of a directory succeeds and the first read just fails: no filters, no error.
        if (err == -Errno.EISDIR)
            return 0;
        if (err != 0)
        {
            stderr.Write($"Failed to open filters in '{path}': {err}\n");
            return err;
        }
        foreach (string line in FilterFileLines.Split(content))
        {
            if (line.StartsWith('#'))
                continue;
            err = AddExpression(line, stderr);
            if (err != 0)
                return err;
        }
        return 0;
    }

    /// <summary>
    /// veristat's <c>should_process_file_prog</c>. With <paramref name="progName"/> null it only
    /// asks whether the file may contain wanted programs.
    /// </summary>
    public bool ShouldProcess(string fileName, string? progName)
    {
        foreach (FilterSpec f in _deny)
        {
            if (f is NameFilter nf && nf.Matches(fileName, progName))
                return false;
        }

        int allowCount = 0;
        foreach (FilterSpec f in _allow)
        {
            if (f is not NameFilter nf)
                continue;
            allowCount++;
            if (progName != null && nf.Matches(fileName, progName))
                return true;
            if (progName == null && nf.MayMatchFile(fileName))
                return true;
        }
        return allowCount == 0;
    }

    /// <summary>Stat filters for a single data set row.</summary>
    public bool ShouldOutput(StatRow row) => ShouldOutput(f => f.Matches(row));

    /// <summary>Stat filters for a joined comparison row.</summary>
    public bool ShouldOutput(JoinRow row) => ShouldOutput(f => f.Matches(row));

    private bool ShouldOutput(Func<StatFilter, bool> matches)
    {
        foreach (FilterSpec f in _deny)
        {
            if (f is StatFilter sf && matches(sf))
                return false;
        }

        int allowCount = 0;
        foreach (FilterSpec f in _allow)
        {
            if (f is not StatFilter sf)
                continue;
            allowCount++;
            if (matches(sf))
                return true;
        }
        return allowCount == 0;
    }
}
