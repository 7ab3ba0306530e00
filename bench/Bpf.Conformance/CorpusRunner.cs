using System.Collections.Concurrent;
using System.Diagnostics;
using Bpf.Object;
using Bpf.Verifier;

namespace Bpf.Conformance;

/// <summary>Loads every object of a corpus and verifies every program in-process, on all cores.</summary>
public static class CorpusRunner
{
    /// <param name="warm">verify each program twice and keep the second run's duration: the JIT has compiled the
    /// paths it takes, as they are in a native (AOT) build and in the kernel.</param>
    /// <param name="jobs">programs verified at once (0: one per core).</param>
    public static Dictionary<(string, string), Outcome> Run(string corpusDir, int timeLimitMs, DateTime deadline,
        System.Text.RegularExpressions.Regex? only = null, bool warm = false, int jobs = 0)
    {
        string objs = Path.Combine(corpusDir, "objs");
        string types = Path.Combine(corpusDir, "program-types.csv");
        var options = new LoadOptions { Overrides = File.Exists(types) ? ProgramTypeOverrides.Load(types) : null };
        var files = Directory.EnumerateFiles(objs, "*.o", SearchOption.AllDirectories)
            .Where(f => only is null || only.IsMatch(Path.GetRelativePath(objs, f).Replace('\\', '/')))
            .Order(StringComparer.Ordinal).ToArray();

        var results = new ConcurrentDictionary<(string, string), Outcome>();
        var work = new ConcurrentBag<(string Rel, ObjectSpec Obj, ProgramSpec Prog)>();
        Parallel.ForEach(files, path =>
        {
            string rel = Path.GetRelativePath(objs, path).Replace('\\', '/');
            try
            {
                var obj = ObjectLoader.Load(path, options);
                foreach (var p in obj.Programs)
                    work.Add((rel, obj, p));
            }
            catch (Exception e) when (e is ObjectFormatException or IOException or FormatException)
            {
                // Programs of an object bpfv cannot open are simply missing from the results.
                Console.Error.WriteLine($"conformance: {rel}: {e.Message}");
            }
        });

        // Largest programs first so one long program does not finish the run alone.
        var ordered = work.OrderByDescending(w => w.Prog.Instructions.Length).ToArray();
        // veristat without -v asks only for statistics (log level 4): the kernel's durations are measured that way.
        var verifierOptions = new VerifierOptions { LogLevel = 4, TimeLimit = TimeSpan.FromMilliseconds(timeLimitMs) };
        int parallelism = jobs > 0 ? jobs : Environment.ProcessorCount;
        Parallel.ForEach(ordered, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, w =>
        {
            var key = (w.Rel, w.Prog.Name);
            if (DateTime.UtcNow > deadline)
            {
                results[key] = new Outcome(w.Rel, w.Prog.Name, false, null, 0, 0, 0, 0, OutcomeKind.Timeout);
                return;
            }
            if (parallelism == 1)
                SerialGcBudget.BeforeProgram();
            var outcome = VerifyOne(w.Rel, w.Obj, w.Prog, verifierOptions);
            if (warm && outcome.Kind == OutcomeKind.Verified)
            {
                if (parallelism == 1)
                    SerialGcBudget.BeforeProgram();
                outcome = outcome with { DurationUs = VerifyOne(w.Rel, w.Obj, w.Prog, verifierOptions).DurationUs };
            }
            results[key] = outcome;
        });
        return new Dictionary<(string, string), Outcome>(results);
    }

    static Outcome VerifyOne(string rel, ObjectSpec obj, ProgramSpec prog, VerifierOptions options)
    {
        long t0 = Stopwatch.GetTimestamp();
        try
        {
            var r = BpfVerifier.Verify(obj, prog, options);
            // The kernel's error lines in the corpus come from verbose runs (log level 1): a rejection is verified
            // again that way for its error line; the timing stays the statistics-only run's.
            if (!r.Accepted && !r.Unsupported)
                r = BpfVerifier.Verify(obj, prog, options with { LogLevel = 1 }) with { Stats = r.Stats };
            var kind = r.Unsupported ? OutcomeKind.Unsupported : OutcomeKind.Verified;
            if (r.Unsupported && r.ErrorLine!.Contains("time limit", StringComparison.Ordinal))
                kind = OutcomeKind.Timeout;
            var s = r.Stats;
            return new Outcome(rel, prog.Name, r.Accepted, r.ErrorLine, s.TotalInsns, s.TotalStates, s.PeakStates, s.DurationMicros, kind,
                r.LivenessBytes);
        }
        catch (Exception e)
        {
            long us = (long)Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
            return new Outcome(rel, prog.Name, false, $"bpfv crash: {e.GetType().Name}: {e.Message}", 0, 0, 0, us, OutcomeKind.Crash);
        }
    }
}
