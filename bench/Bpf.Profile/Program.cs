using System.Diagnostics;
using Bpf.Object;
using Bpf.Verifier;

// Repeated verification of the named programs in one process: per-run wall and CPU time, bytes allocated and
// garbage collections, so that steady-state cost (JIT warmed up) and allocation can be compared between builds.
// Usage: Bpf.Profile [-n RUNS] [-t] [--alloc] [--prog-types CSV] OBJ[:PROG] ...   (--alloc: sampled allocations by
// type; --prog-types: a corpus's program-types.csv, for objects such as ebpf-samples' that libbpf alone refuses)
if (Gen0Budget.RunAgainWithBudget() is int exitCode)
    return exitCode;
int runs = 5;
bool testFreq = false;
var loadOptions = new LoadOptions();
Bpf.Profile.AllocSampler? sampler = null;
var targets = new List<(string File, string? Prog)>();
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "-n" && i + 1 < args.Length)
        runs = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
    else if (args[i] == "-t")
        testFreq = true;
    else if (args[i] == "--prog-types" && i + 1 < args.Length)
        loadOptions = new LoadOptions { Overrides = ProgramTypeOverrides.Load(args[++i]) };
    else if (args[i] == "--alloc")
        sampler = new Bpf.Profile.AllocSampler();
    else
    {
        int colon = args[i].LastIndexOf(':');
        targets.Add(colon > 0 ? (args[i][..colon], args[i][(colon + 1)..]) : (args[i], null));
    }
}
if (targets.Count == 0)
{
    Console.Error.WriteLine("usage: Bpf.Profile [-n RUNS] [-t] [--alloc] [--prog-types CSV] OBJ[:PROG] ...");
    return 2;
}
var options = new VerifierOptions { LogLevel = 4, TestStateFreq = testFreq };
Console.WriteLine("program\trun\twall_us\tcpu_us\talloc_mb\tgc0\tgc1\tgc2\tinsns\tverdict");
foreach (var (file, progName) in targets)
{
    var obj = ObjectLoader.Load(File.ReadAllBytes(file), file, loadOptions);
    foreach (var prog in obj.Programs)
    {
        if (progName != null && prog.Name != progName)
            continue;
        for (int r = 0; r < runs; r++)
        {
            long alloc0 = GC.GetTotalAllocatedBytes(true);
            int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var result = BpfVerifier.Verify(obj, prog, options);
            sw.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            double mb = (GC.GetTotalAllocatedBytes(true) - alloc0) / 1048576.0;
            Console.WriteLine(string.Join('\t', $"{Path.GetFileName(file)}:{prog.Name}", r, (long)sw.Elapsed.TotalMicroseconds,
                (long)cpu.TotalMicroseconds, mb.ToString("F1", System.Globalization.CultureInfo.InvariantCulture),
                GC.CollectionCount(0) - g0, GC.CollectionCount(1) - g1, GC.CollectionCount(2) - g2,
                result.Stats.TotalInsns, result.Accepted ? "success" : "failure"));
        }
    }
}
sampler?.Print(Console.Out);
return 0;
