namespace Bpf.Verifier;

/// <summary>How to verify: the loader's log level and flags.</summary>
public sealed record VerifierOptions
{
    /// <summary>0 none, 1 error path, 2 every instruction (BPF_LOG_LEVEL1/2).</summary>
    public int LogLevel { get; init; }
    /// <summary>BPF_F_TEST_STATE_FREQ: a checkpoint at every prune point (veristat -t).</summary>
    public bool TestStateFreq { get; init; }
    /// <summary>Which stack liveness analysis decides what pruning may ignore (6.18's by default).</summary>
    public Liveness.LivenessMode Liveness { get; init; }
    /// <summary>
    /// The CLI's guard: the kernel finishes any program within its 1M-insn budget in well under a second, so a bpfv
    /// run this long is a bpfv performance gap; it ends as `bpfv: unsupported: time limit exceeded`, never an accept.
    /// </summary>
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(60);

    /// <summary>
    /// nr_cpu_ids of the machine whose kernel is asked: bpf_get_smp_processor_id returns [0, NrCpus - 1]. The kernel's
    /// answer depends on the machine; by default bpfv answers for the one it runs on.
    /// </summary>
    public int NrCpus { get; init; } = Environment.ProcessorCount;

    /// <summary>Abort (as unsupported) after this long; null = no limit.</summary>
    public TimeSpan? TimeLimit { get; init; }
}
