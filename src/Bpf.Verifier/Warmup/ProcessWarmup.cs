using Bpf.Isa;
using Bpf.Object;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier;

/// <summary>
/// What the kernel has before its first bpf_check and a fresh bpfv process has not: the vmlinux BTF parsed and indexed,
/// memory that has been touched, and the verifier's code and tables warm. Done once per process, before the first
/// verification's clock starts, so a program's `duration` measures its verification (as the kernel's does) and not the
/// process's start-up: without it the first program to need kernel BTF paid ~150 ms, and the first programs of a
/// process 10-50x their steady-state time in first-touch page faults (expensive on virtual machines).
/// The programs run after the memory is touched and collected: a collection leaves the caches cold, and the first
/// program after it would pay 2-5x its time (measured: 50-200 µs for programs the kernel verifies in 15-20 µs).
/// </summary>
public static class ProcessWarmup
{
    /// <summary>
    /// Short-lived allocations, then a collection: the pages they faulted in serve the next allocations. A first touch
    /// costs ~15-45 µs a page on the project's VM (the in-kernel verifier allocates from memory already mapped), so a
    /// fresh process's first programs would pay 2 ms for 40 pages; each MiB here costs ~10 ms once per process.
    /// </summary>
    private const long MinPretouchBytes = 4 << 20;

    private static long s_pretouchBytes = MinPretouchBytes;

    // A socket filter touching the common paths: a map lookup and NULL check, a bounded loop (checkpoints and pruning),
    // stack spills, a packet-length context load and a bpf-to-bpf call.
    private const string Program =
        "r6 = r1; r1 = 0; *(u64 *)(r10 - 8) = r1; r2 = r10; r2 += -8; r1 = warm_map ll; call 1; " +
        "if r0 == 0 goto out; r7 = *(u64 *)(r0 + 0); r8 = 0; " +
        "loop: if r8 > 7 goto done; r8 += 1; r7 ^= r8; *(u64 *)(r10 - 16) = r7; if r7 s< 3 goto loop; r7 &= 255; goto loop; " +
        "done: r7 = *(u64 *)(r10 - 16); *(u64 *)(r0 + 0) = r7; r1 = r6; call pc+2; " +
        "out: r0 = 0; exit; " +
        "r0 = *(u32 *)(r1 + 0); r0 &= 1; exit;";

    // A rejection (reading an uninitialised stack slot): the error path, i.e. the first exception thrown, is costly.
    private const string Rejected = "r0 = *(u64 *)(r10 - 8); exit;";

    private static readonly Lazy<bool> s_done = new(Run, LazyThreadSafetyMode.ExecutionAndPublication);
    [ThreadStatic] private static bool t_running;

    /// <summary>Prepares the process once; later calls return at once (and a call from the warm-up itself is ignored).</summary>
    public static void Ensure()
    {
        if (!t_running)
            _ = s_done.Value;
    }

    /// <summary>
    /// Prepares the process for a run expected to allocate about <paramref name="expectedAllocation"/> bytes
    /// (<see cref="ExpectedAllocation"/>) before its first collection: that much memory is touched up front, up to
    /// <see cref="SerialGcBudget.ThresholdBytes"/>, after which collections recycle memory already touched. Without it
    /// every program past the first 4 MiB of a run allocated on fresh pages: a 27-instruction kprobe took 80-250 µs
    /// (6-8 page faults) in a 137-program run, 8 µs alone. Has an effect only before the first verification.
    /// </summary>
    public static void Ensure(long expectedAllocation)
    {
        if (!s_done.IsValueCreated)
            Interlocked.Exchange(ref s_pretouchBytes, Math.Clamp(expectedAllocation, MinPretouchBytes, SerialGcBudget.ThresholdBytes));
        Ensure();
    }

    /// <summary>
    /// A rough upper estimate of what preparing the process and verifying these programs allocate: ~1.5 MiB for the
    /// warm-up itself; on the selftests (2026-11-26) a median 10 KB for a program under 50 instructions and 260 KB for
    /// one of 200-1,000, but a short loop explored many times allocates megabytes (ebpf-samples' bounded_loop: 2.5 MB
    /// for a few dozen instructions), hence the generous 64 KB a program.
    /// </summary>
    public static long ExpectedAllocation(int programs, long instructions) => (2L << 20) + (64L << 10) * programs + 1024 * instructions;

    private static bool Run()
    {
        t_running = true;
        try
        {
            KernelTypes.Prepare();
            Pretouch();
            VerifyProgram();
            VerifyProgram(Rejected);
            VerifyEmbeddedObject();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Best effort: a warm-up failure only costs the first verification its speed; that verification reports
            // whatever is really wrong (a missing kernel BTF, say) itself.
            return false;
        }
        finally
        {
            t_running = false;
        }
        return true;
    }

    /// <summary>
    /// Brings the common paths back into the caches after a collection or a long program (<see cref="SerialGcBudget"/>):
    /// the two small programs, ~10 µs when warm. Does nothing before the process is prepared.
    /// </summary>
    public static void Rewarm()
    {
        if (!s_done.IsValueCreated || !s_done.Value || t_running)
            return;
        t_running = true;
        try
        {
            // Statistics only, as `bpfv stat` verifies: the level-2 log of the loop allocates ~1 MiB, which would push
            // the next programs onto memory the warm-up had not touched.
            VerifyProgram(Program, 4);
            VerifyProgram(Rejected, 4);
        }
        finally
        {
            t_running = false;
        }
    }

    private static void Pretouch()
    {
        object? last = null;
        long bytes = Interlocked.Read(ref s_pretouchBytes);
        for (long i = 0; i < bytes / 2048; i++)
            last = new byte[2000];
        GC.KeepAlive(last);
        GC.Collect();
    }

    /// <summary>
    /// The embedded warmup.bpf.o (Warmup/warmup.bpf.c): the paths real objects take that a socket filter does not
    /// (CO-RE, BTF-typed contexts, packet parsing, kfuncs, callbacks, global functions), each program as `bpfv stat`
    /// verifies it.
    /// </summary>
    public static IReadOnlyList<(string Program, VerificationResult Result)> VerifyEmbeddedObject(bool testStateFreq = false)
    {
        var obj = LoadEmbeddedObject();
        var results = new List<(string, VerificationResult)>(obj.Programs.Count);
        foreach (var prog in obj.Programs)
            results.Add((prog.Name, BpfVerifier.Verify(obj, prog, new VerifierOptions { LogLevel = 4, NrCpus = 2, TestStateFreq = testStateFreq })));
        return results;
    }

    private static ObjectSpec LoadEmbeddedObject()
    {
        using var stream = typeof(ProcessWarmup).Assembly.GetManifestResourceStream("Bpf.Verifier.warmup.bpf.o")
            ?? throw new InvalidOperationException("warmup.bpf.o is not embedded");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return ObjectLoader.Load(bytes, "warmup.bpf.o");
    }

    /// <summary>Verifies the warm-up program (a test checks that it stays accepted, i.e. that it walks the success paths).</summary>
    public static VerificationResult VerifyProgram() => VerifyProgram(Program);

    private static VerificationResult VerifyProgram(string text, int logLevel = 2 | 4)
    {
        var asm = Assembler.Assemble(text);
        var insns = (Instruction[])asm.Instructions.Clone();
        foreach (var r in asm.Relocations)
            insns[r.InsnIndex] = insns[r.InsnIndex].WithSrc(Pseudo.MapIdx).WithImm(0);
        var prog = new ProgramSpec
        {
            Name = "warmup",
            SectionName = "socket",
            Type = ProgramType.SocketFilter,
            Instructions = insns,
        };
        var map = new MapSpec { Name = "warm_map", Type = 1, KeySize = 8, ValueSize = 8, MaxEntries = 16 };
        var obj = new ObjectSpec { Path = "warmup.o", Programs = [prog], Maps = [map], License = "GPL" };
        return BpfVerifier.Verify(obj, prog, new VerifierOptions { LogLevel = logLevel, NrCpus = 2 });
    }
}
