namespace Bpf.Conformance;

/// <summary>What the kernel said about one program (a row of kernel.csv plus the error line from logs/).</summary>
public sealed record KernelRow(string File, string Prog, bool Accepted, long DurationUs, long Insns, long States, long PeakStates, string? ErrorLine);

/// <summary>Reads a corpus directory's kernel.csv, load-errors.csv and logs/.</summary>
public sealed class KernelAnswers
{
    public required IReadOnlyList<KernelRow> Judged { get; init; }
    /// <summary>Programs the kernel never judged (refused before verification or stopped by libbpf).</summary>
    public required HashSet<(string File, string Prog)> NotJudged { get; init; }

    /// <summary>The answers for the objects whose path matches <paramref name="only"/>.</summary>
    public KernelAnswers Where(System.Text.RegularExpressions.Regex only) => new()
    {
        Judged = Judged.Where(k => only.IsMatch(k.File)).ToList(),
        NotJudged = NotJudged,
    };

    public static KernelAnswers Read(string corpusDir)
    {
        var judged = new List<KernelRow>();
        foreach (var f in Csv.ReadRows(Path.Combine(corpusDir, "kernel.csv")))
        {
            string file = f["file_name"], prog = f["prog_name"];
            bool ok = f["verdict"] == "success";
            judged.Add(new KernelRow(file, prog, ok, Csv.Long(f["duration"]), Csv.Long(f["total_insns"]),
                Csv.Long(f["total_states"]), Csv.Long(f["peak_states"]), ok ? null : ReadErrorLine(corpusDir, file, prog)));
        }
        var notJudged = new HashSet<(string, string)>();
        string le = Path.Combine(corpusDir, "load-errors.csv");
        if (File.Exists(le))
        {
            foreach (var f in Csv.ReadRows(le))
                notJudged.Add((f["file_name"], f["prog_name"]));
        }
        return new KernelAnswers { Judged = judged, NotJudged = notJudged };
    }

    /// <summary>
    /// The line before `processed N insns`, skipping `verification time` and `stack depth` (the corpus README's rule).
    /// The corpus names a log `FILE__PROG.log`; a fresh `run-oracle.sh` output names it without the `.bpf.o`/`.o`
    /// suffix, which is read too, so corpora of our own need no renaming.
    /// </summary>
    static string? ReadErrorLine(string corpusDir, string file, string prog)
    {
        string logs = Path.Combine(corpusDir, "logs");
        string path = Path.Combine(logs, (file + "__" + prog).Replace("/", "__") + ".log");
        if (!File.Exists(path))
        {
            string stem = file.EndsWith(".bpf.o", StringComparison.Ordinal) ? file[..^6]
                : file.EndsWith(".o", StringComparison.Ordinal) ? file[..^2] : file;
            path = Path.Combine(logs, (stem + "__" + prog).Replace("/", "__") + ".log");
        }
        return File.Exists(path) ? ErrorLines.Extract(File.ReadAllLines(path)) : null;
    }
}

public static partial class ErrorLines
{
    // A few kernel messages lack their trailing newline ("insn 3 cannot call exception cb directly"), so the statistics
    // line is glued to them; the message is what precedes it (bpfv's log glues the same way, with its own time).
    [System.Text.RegularExpressions.GeneratedRegex(@"^(.+?)verification time \d+ usec$")]
    private static partial System.Text.RegularExpressions.Regex GluedTime();

    public static string WithoutGluedTime(string line)
    {
        var m = GluedTime().Match(line);
        return m.Success ? m.Groups[1].Value : line;
    }

    public static string? Extract(IReadOnlyList<string> lines)
    {
        int processed = -1;
        for (int i = lines.Count - 1; i >= 0; i--)
        {
            if (lines[i].StartsWith("processed ", StringComparison.Ordinal))
            {
                processed = i;
                break;
            }
        }
        int end = processed < 0 ? lines.Count : processed;
        for (int i = end - 1; i >= 0; i--)
        {
            string l = lines[i];
            if (l.Length == 0 || l.StartsWith("verification time", StringComparison.Ordinal) || l.StartsWith("stack depth", StringComparison.Ordinal))
                continue;
            return WithoutGluedTime(l);
        }
        return null;
    }
}
