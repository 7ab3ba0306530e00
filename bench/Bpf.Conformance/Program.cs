using System.Diagnostics;
using Bpf.Conformance;

// Corpus conformance: runs bpfv over each corpus directory (objs/ + the kernel's answers) and compares.
//   dotnet run -c Release --project bench/Bpf.Conformance -- [--corpus DIR]... [--report docs/CONFORMANCE.md]
//       [--baseline bench/conformance-baseline.txt] [--check] [--update-baseline] [--time-limit-ms N] [--max-seconds N]
//       [--only REGEX] [--rows FILE.tsv] [--warm] [--jobs N]
// --only keeps the objects whose corpus-relative path matches REGEX (for working on one area; no baseline check then);
// --rows writes one line per judged program: file, program, kernel and bpfv verdicts, insns and error lines.
// --warm times each program's second verification (JIT warmed up); --jobs N verifies N programs at once (default:
// one per core; veristat's kernel figures are one program at a time).
if (Gen0Budget.RunAgainWithBudget() is int exitCode)
    return exitCode;

var corpora = new List<string>();
string? reportPath = null, baselinePath = null, rowsPath = null;
System.Text.RegularExpressions.Regex? only = null;
bool check = false, update = false, warm = false;
int jobs = 0;
int timeLimitMs = 20_000, maxSeconds = 900;
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--corpus": corpora.Add(Next()); break;
        case "--report": reportPath = Next(); break;
        case "--baseline": baselinePath = Next(); break;
        case "--check": check = true; break;
        case "--update-baseline": update = true; break;
        case "--time-limit-ms": timeLimitMs = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--only": only = new System.Text.RegularExpressions.Regex(Next()); break;
        case "--rows": rowsPath = Next(); break;
        case "--warm": warm = true; break;
        case "--jobs": jobs = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--max-seconds": maxSeconds = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"conformance: unknown argument {args[i]}");
            return 2;
    }
}
if (corpora.Count == 0)
{
    Console.Error.WriteLine("conformance: give at least one --corpus DIR");
    return 2;
}

var comparisons = new List<Comparison>();
var deadline = DateTime.UtcNow.AddSeconds(maxSeconds);
foreach (string dir in corpora)
{
    string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(dir));
    var kernel = KernelAnswers.Read(dir);
    if (only is not null)
        kernel = kernel.Where(only);
    var sw = Stopwatch.StartNew();
    var ours = CorpusRunner.Run(dir, timeLimitMs, deadline, only, warm, jobs);
    sw.Stop();
    var c = Comparison.Compute(name, kernel, ours);
    c.WallSeconds = sw.Elapsed.TotalSeconds;
    c.Warm = warm;
    comparisons.Add(c);
    Console.Write(Report.Summary(c));
    if (rowsPath is not null)
        Report.WriteRows(rowsPath, name, kernel, ours, append: comparisons.Count > 1);
}

if (reportPath is not null)
{
    var text = new System.Text.StringBuilder();
    text.AppendLine($"Generated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores.");
    text.AppendLine();
    foreach (var c in comparisons)
        text.Append(Report.Summary(c));
    foreach (var c in comparisons)
        text.Append(Report.Details(c));
    Report.WriteInto(reportPath, text.ToString());
}

int rc = 0;
if (baselinePath is not null && check && only is null)
{
    var baseline = Baseline.Read(baselinePath);
    foreach (var c in comparisons)
    {
        foreach (string f in Baseline.Check(baseline, c))
        {
            Console.Error.WriteLine($"conformance regression: {f}");
            rc = 1;
        }
    }
}
if (baselinePath is not null && update && only is null)
    Baseline.Write(baselinePath, comparisons);
return rc;

