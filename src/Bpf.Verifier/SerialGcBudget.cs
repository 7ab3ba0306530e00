namespace Bpf.Verifier;

/// <summary>
/// For hosts that verify one program at a time and time each one (veristat's way: <c>bpfv stat --jobs 1</c>, the
/// conformance harness with <c>--jobs 1</c>). A collection is paid by whichever allocation crosses the gen0 budget,
/// so without this a 30 µs program can be charged a pause for garbage that earlier programs left. Calling
/// <see cref="BeforeProgram"/> between programs collects that garbage outside every program's timed region once it
/// nears the budget; a program that allocates a large share of the budget itself still pays its own collections.
/// A collection, or a long program, leaves the caches cold for the next program (2-10x the time of a µs program), so
/// either is followed by a re-run of the small warm-up programs (<see cref="ProcessWarmup.Rewarm"/>, ~10 µs).
/// Do not use with concurrent verifications: a collection would pause the others mid-measurement.
/// </summary>
public static class SerialGcBudget
{
    /// <summary>Garbage left by earlier programs that triggers a collection before the next one (a quarter of the 64 MiB gen0 budget of the native build, src/Bpf.Cli/Bpf.Cli.csproj).</summary>
    public const long ThresholdBytes = 16L << 20;

    /// <summary>Time since the previous call after which the caches are taken to be cold: 1 ms.</summary>
    private static readonly long LongProgramTicks = System.Diagnostics.Stopwatch.Frequency / 1000;

    private static long _allocatedAtLastGc;
    private static int _gcCount = -1;
    private static long _lastCall;

    public static void BeforeProgram()
    {
        long allocated = GC.GetTotalAllocatedBytes(precise: false);
        int count = GC.CollectionCount(0);
        bool cold = _lastCall != 0 && System.Diagnostics.Stopwatch.GetTimestamp() - _lastCall > LongProgramTicks;
        if (count != _gcCount)
        {
            // A collection happened inside the last program: its garbage is gone, count from here.
            cold |= _gcCount != -1;
            _gcCount = count;
            _allocatedAtLastGc = allocated;
        }
        else if (allocated - _allocatedAtLastGc >= ThresholdBytes)
        {
            GC.Collect(0, GCCollectionMode.Forced, blocking: true);
            _gcCount = GC.CollectionCount(0);
            _allocatedAtLastGc = GC.GetTotalAllocatedBytes(precise: false);
            cold = true;
        }
        if (cold)
            ProcessWarmup.Rewarm();
        _lastCall = System.Diagnostics.Stopwatch.GetTimestamp();
    }
}
