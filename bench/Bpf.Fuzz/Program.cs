using System.Diagnostics;
using Bpf.Fuzz;

// Mutation fuzzing of the object readers (ELF, BTF, BTF.ext, relocation, CO-RE, linking):
//   dotnet run -c Release --project bench/Bpf.Fuzz -- --objs DIR [--objs DIR]... [--iterations N] [--seed S] [--hang-ms 1000]
// Expected outcome per input: loaded, or refused with the readers' own exception types. Anything else, or a hang, is a bug;
// the input is written to /tmp/bpfv-fuzz/ for replay.
var dirs = new List<string>();
int iterations = 100_000, seed = 1, hangMs = 1000;
for (int i = 0; i < args.Length; i++)
{
    string Next() => args[++i];
    switch (args[i])
    {
        case "--objs": dirs.Add(Next()); break;
        case "--iterations": iterations = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--hang-ms": hangMs = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"fuzz: unknown argument {args[i]}"); return 2;
    }
}
var files = dirs.SelectMany(d => Directory.EnumerateFiles(d, "*.o", SearchOption.AllDirectories)).Order(StringComparer.Ordinal).ToArray();
if (files.Length == 0)
{
    Console.Error.WriteLine("fuzz: no objects found (give --objs DIR)");
    return 2;
}
var originals = files.Select(File.ReadAllBytes).ToArray();
var outDir = Path.Combine(Path.GetTempPath(), "bpfv-fuzz");
Directory.CreateDirectory(outDir);

int workers = Environment.ProcessorCount;
int next = -1, refused = 0, loaded = 0, crashes = 0, hangs = 0;
long slowestMs = 0;
var kinds = new int[6];
var sw = Stopwatch.StartNew();
var threads = new Thread[workers];
for (int w = 0; w < workers; w++)
{
    int worker = w;
    threads[w] = new Thread(() =>
    {
        var mutator = new Mutator(seed * 7919 + worker);
        int n;
        while ((n = Interlocked.Increment(ref next)) < iterations)
        {
            int pick = n % originals.Length;
            byte[] input = mutator.Mutate(originals[pick], out var kind);
            Interlocked.Increment(ref kinds[(int)kind]);
            var t0 = Stopwatch.GetTimestamp();
            var result = Target.Run(input, files[pick]);
            long ms = (long)Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            InterlockedMax(ref slowestMs, ms);
            if (ms > hangMs)
            {
                Interlocked.Increment(ref hangs);
                File.WriteAllBytes(Path.Combine(outDir, $"hang-{n}.o"), input);
            }
            switch (result.Outcome)
            {
                case TargetOutcome.Loaded: Interlocked.Increment(ref loaded); break;
                case TargetOutcome.Refused: Interlocked.Increment(ref refused); break;
                default:
                    if (Interlocked.Increment(ref crashes) <= 20)
                        Console.Error.WriteLine($"crash #{n} ({kind}, from {files[pick]}): {result.Error}");
                    File.WriteAllBytes(Path.Combine(outDir, $"crash-{n}.o"), input);
                    break;
            }
        }
    }, 16 * 1024 * 1024);
    threads[w].Start();
}
foreach (var t in threads)
    t.Join();
Console.WriteLine($"{iterations} mutated objects from {files.Length} originals in {sw.Elapsed.TotalSeconds:0.0} s: " +
    $"{loaded} loaded, {refused} refused cleanly, {crashes} unhandled exceptions, {hangs} over {hangMs} ms (slowest {slowestMs} ms)");
Console.WriteLine("mutations: " + string.Join(", ", Enum.GetValues<Mutator.Kind>().Select(k => $"{k} {kinds[(int)k]}")));
return crashes == 0 && hangs == 0 ? 0 : 1;

static void InterlockedMax(ref long target, long value)
{
    long cur;
    while (value > (cur = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, cur) != cur)
    {
    }
}
