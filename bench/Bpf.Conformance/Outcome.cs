namespace Bpf.Conformance;

/// <summary>What bpfv said about one program.</summary>
public sealed record Outcome(
    string File,
    string Prog,
    bool Accepted,
    string? ErrorLine,
    long Insns,
    long States,
    long PeakStates,
    long DurationUs,
    OutcomeKind Kind,
    long LivenessBytes = 0);

public enum OutcomeKind
{
    /// <summary>The verifier ran to a verdict.</summary>
    Verified,
    /// <summary>bpfv refused with `bpfv: unsupported: ...` (a known gap, not a kernel rejection).</summary>
    Unsupported,
    /// <summary>The object could not be loaded by bpfv.</summary>
    LoadError,
    /// <summary>An exception escaped: a bug.</summary>
    Crash,
    /// <summary>The per-program time limit was hit.</summary>
    Timeout,
}
