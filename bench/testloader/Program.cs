using Bpf.TestLoader.Running;

// Runs bpfv's test loader over a folder of objects and writes one TSV row per test for measure.py.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: TestLoaderBench OBJDIR OUT.tsv [-j N] | OBJDIR OUT.jsonl --specs");
    return 2;
}
var files = Directory.GetFiles(args[0], "*.o");
Array.Sort(files, StringComparer.Ordinal);
if (args.Length > 2 && args[2] == "--specs")
{
    Bpf.TestLoader.Bench.SpecDump.Write(files, args[1]);
    return 0;
}
int jobs = args.Length > 3 && args[2] == "-j" ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 0;
using var w = new StreamWriter(args[1]);
w.WriteLine("file\tprog\tmode\tstatus\treason\tverifier_agrees\tseconds\tmessage");
var sw = System.Diagnostics.Stopwatch.StartNew();
TestSuite.Run(files, new TestRunOptions(), r =>
{
    string file = Path.GetFileName(r.Path);
    if (r.LoadError != null)
        w.WriteLine($"{file}\t\t\tLOADERR\t\t\t0\t{Clean(r.LoadError)}");
    foreach (var t in r.Tests)
    {
        string name = t.Name[(file.Length + 1)..];
        bool unpriv = name.EndsWith(" @unpriv", StringComparison.Ordinal);
        string prog = unpriv ? name[..^8] : name;
        string agrees = t.VerifierAgrees switch { true => "1", false => "0", _ => "" };
        w.WriteLine($"{file}\t{prog}\t{(unpriv ? "unpriv" : "priv")}\t{t.Status}\t{TestResult.ReasonTag(t.Reason)}\t{agrees}\t{t.Duration.TotalSeconds:0.###}\t{Clean(t.Message)}");
    }
    w.Flush();
}, jobs);
Console.Error.WriteLine($"done in {sw.Elapsed.TotalSeconds:0.0}s");
return 0;

static string Clean(string s) => s.Replace('\t', ' ').Replace('\n', ' ');
