namespace Bpf.Verifier;

/// <summary>veristat's per-program statistics.</summary>
public readonly record struct VerifierStats(
    int TotalInsns,
    int TotalStates,
    int PeakStates,
    int MaxStatesPerInsn,
    int MarkRead,
    int StackDepth,
    long DurationMicros);

/// <summary>The verdict on one program.</summary>
public sealed record VerificationResult
{
    public required bool Accepted { get; init; }
    /// <summary>The rejection message (the line before the statistics), or null when accepted.</summary>
    public string? ErrorLine { get; init; }
    /// <summary>The log as the kernel would return it for the requested level.</summary>
    public required string Log { get; init; }
    /// <summary>Memory held by the 6.18 stack liveness analysis (the seed's "liveness mem"), in bytes.</summary>
    public long LivenessBytes { get; init; }
    public required VerifierStats Stats { get; init; }
    /// <summary>True when the rejection is bpfv's own "unsupported" (not a kernel verdict).</summary>
    public bool Unsupported => ErrorLine?.StartsWith("bpfv: unsupported", StringComparison.Ordinal) == true;
}
