namespace Bpf.TestLoader.Running;

/// <summary>Runs many objects in parallel and hands the results back in input order, as soon as each prefix is done.</summary>
public static class TestSuite
{
    public static void Run(IReadOnlyList<string> paths, TestRunOptions options, Action<ObjectResult> onResult, int parallelism = 0)
    {
        var runner = new TestRunner(options);
        int workers = parallelism > 0 ? parallelism : Environment.ProcessorCount;
        var done = new ObjectResult?[paths.Count];
        var ready = new ManualResetEventSlim[paths.Count];
        for (int i = 0; i < ready.Length; i++)
            ready[i] = new ManualResetEventSlim(false);
        int next = -1;
        var threads = new Thread[Math.Min(workers, Math.Max(1, paths.Count))];
        for (int t = 0; t < threads.Length; t++)
        {
            // Dedicated threads with a large stack: verification recurses deeply on big programs.
            threads[t] = new Thread(Work, 64 * 1024 * 1024) { IsBackground = true };
            threads[t].Start();
        }
        for (int i = 0; i < paths.Count; i++)
        {
            ready[i].Wait();
            ready[i].Dispose();
            onResult(done[i]!);
            done[i] = null;
        }
        foreach (var t in threads)
            t.Join();

        void Work()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < paths.Count)
            {
                try
                {
                    done[i] = runner.Run(paths[i]);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // A bpfv bug on one object must not take the whole run down.
                    done[i] = new ObjectResult(paths[i], [], $"internal error: {e.GetType().Name}: {e.Message}");
                }
                ready[i].Set();
            }
        }
    }
}
