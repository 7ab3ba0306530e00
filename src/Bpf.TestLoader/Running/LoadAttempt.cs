using Bpf.Object;
using Bpf.TestLoader.Spec;
using Bpf.Verifier;

namespace Bpf.TestLoader.Running;

/// <summary>What bpf_object__load() reports for the tested program: success or not, and the log buffer's content.</summary>
public sealed record LoadOutcome(bool Loaded, string Log, VerificationResult? Result, string? Error);

/// <summary>
/// Loads one program the way test_loader's libbpf does: the requested log level, prog_flags applied,
/// the level-0 retry at level 1 after a failure, and the 2 MiB rotating log buffer whose overflow fails the load.
/// </summary>
public static class LoadAttempt
{
    /// <summary>TEST_LOADER_LOG_BUF_SZ.</summary>
    public const int LogBufferSize = 2 * 1024 * 1024;

    public static LoadOutcome Run(ObjectSpec obj, ProgramSpec prog, TestSpec spec, TimeSpan? timeLimit)
    {
        var p = ApplyFlags(prog, spec.ProgFlags);
        int level = spec.LogLevel;
        var r = Verify(obj, p, level, spec.ProgFlags, timeLimit);
        if (!r.Accepted && level == 0 && !r.Unsupported)
        {
            // libbpf loads without a log first and retries at level 1 to explain a failure
            // (bpfv's own "unsupported" would only repeat itself).
            level = 1;
            r = Verify(obj, p, level, spec.ProgFlags, timeLimit);
        }
        string log = level == 0 ? "" : r.Log;
        bool loaded = r.Accepted;
        string? error = r.ErrorLine;
        if (log.Length > LogBufferSize - 1)
        {
            // The kernel keeps the tail in a rotating log and fails the load with ENOSPC.
            log = log[^(LogBufferSize - 1)..];
            if (loaded)
                error = "log buffer overflow (-ENOSPC)";
            loaded = false;
        }
        return new LoadOutcome(loaded, log, r, error);
    }

    private static VerificationResult Verify(ObjectSpec obj, ProgramSpec prog, int level, int flags, TimeSpan? timeLimit) =>
        BpfVerifier.Verify(obj, prog, new VerifierOptions
        {
            LogLevel = level,
            TestStateFreq = (flags & ProgLoadFlags.TestStateFreq) != 0,
            TimeLimit = timeLimit,
        });

    /// <summary>Flags carried by the program itself (sleepable, XDP frags) join its definition.</summary>
    private static ProgramSpec ApplyFlags(ProgramSpec prog, int flags)
    {
        uint extra = 0;
        if ((flags & ProgLoadFlags.Sleepable) != 0)
            extra |= ProgFlags.Sleepable;
        if ((flags & ProgLoadFlags.XdpHasFrags) != 0)
            extra |= ProgFlags.XdpHasFrags;
        if ((prog.ProgFlags | extra) == prog.ProgFlags)
            return prog;
        return prog with { ProgFlags = prog.ProgFlags | extra, Sleepable = prog.Sleepable || (extra & ProgFlags.Sleepable) != 0 };
    }

    /// <summary>The prog_flags bits bpfv cannot honour (so the test is skipped), or 0.</summary>
    public static int UnsupportedFlags(int flags)
    {
        // ANY_ALIGNMENT is a no-op on x86-64 (efficient unaligned access); RND_HI32 only rewrites the xlated
        // program; REG_INVARIANTS only turns an invariant violation into an error, which bpfv never reports.
        const int Handled = ProgLoadFlags.AnyAlignment | ProgLoadFlags.TestRndHi32 | ProgLoadFlags.TestStateFreq
            | ProgLoadFlags.Sleepable | ProgLoadFlags.XdpHasFrags | ProgLoadFlags.TestRegInvariants;
        return flags & ~Handled;
    }
}
