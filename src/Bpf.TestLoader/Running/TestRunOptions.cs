using Bpf.Object;

namespace Bpf.TestLoader.Running;

public sealed record TestRunOptions
{
    public LoadOptions? Load { get; init; }
    /// <summary>Run every program of an annotated object, untagged ones as "expect success" (what RUN_TESTS does).</summary>
    public bool IncludeUnannotated { get; init; }
    /// <summary>Count a test whose verifier part passed as PASS even when it also expects a retval/xlated/jited check.</summary>
    public bool VerifierOnly { get; init; }
    /// <summary>Per-program verification time limit (bpfv then answers "unsupported").</summary>
    public TimeSpan? TimeLimit { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>How many log lines a failure report keeps.</summary>
    public int LogTailLines { get; init; } = 20;
}
