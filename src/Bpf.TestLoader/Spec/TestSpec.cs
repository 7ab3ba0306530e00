using Bpf.TestLoader.Matching;

namespace Bpf.TestLoader.Spec;

/// <summary>Which loaders a test runs under (test_loader's mode_mask).</summary>
[Flags]
public enum TestModes
{
    None = 0,
    Privileged = 1,
    Unprivileged = 2,
}

/// <summary>Target architectures (test_loader's arch_mask bits).</summary>
[Flags]
public enum TestArch
{
    Unknown = 0x1,
    X86_64 = 0x2,
    Arm64 = 0x4,
    Riscv64 = 0x8,
    S390x = 0x10,
    LoongArch = 0x20,
    All = -1,
}

/// <summary>What one mode (privileged or unprivileged) of a test expects.</summary>
public sealed record TestSubspec
{
    public bool ExpectFailure { get; init; }
    /// <summary>Verifier-log expectations (<c>__msg</c>, <c>__not_msg</c>, <c>{{regex}}</c> parts), in order.</summary>
    public IReadOnlyList<ExpectedMessage> Messages { get; init; } = [];
    /// <summary>Rewritten-program expectations (<c>__xlated</c>); bpfv has no xlated form.</summary>
    public IReadOnlyList<ExpectedMessage> Xlated { get; init; } = [];
    /// <summary>JIT disassembly expectations for this machine's arch (<c>__jited</c>).</summary>
    public IReadOnlyList<ExpectedMessage> Jited { get; init; } = [];
    /// <summary>BPF stream expectations after a test run (<c>__stderr</c>/<c>__stdout</c>).</summary>
    public IReadOnlyList<ExpectedMessage> Stderr { get; init; } = [];
    public IReadOnlyList<ExpectedMessage> Stdout { get; init; } = [];
    /// <summary>True when <c>__retval</c> asks for a BPF_PROG_TEST_RUN.</summary>
    public bool Execute { get; init; }
    public int Retval { get; init; }
    /// <summary>Capabilities kept in unprivileged mode (<c>__caps_unpriv</c>), as a bit mask.</summary>
    public ulong Caps { get; init; }
}

/// <summary>A program's test specification, as test_loader.c's parse_test_spec() derives it from decl tags.</summary>
public sealed record TestSpec
{
    public required string ProgramName { get; init; }
    public string? Description { get; init; }
    public TestModes Modes { get; init; }
    public required TestSubspec Privileged { get; init; }
    public required TestSubspec Unprivileged { get; init; }
    /// <summary>BPF_LOG_* bits requested with <c>__log_level</c> (0 when absent).</summary>
    public int LogLevel { get; init; }
    /// <summary>prog_flags for BPF_PROG_LOAD: test_progs' defaults adjusted by every <c>__flag</c>.</summary>
    public int ProgFlags { get; init; }
    public TestArch ArchMask { get; init; } = TestArch.All;
    /// <summary>False when <c>__load_if_no_JITed</c> restricts the test to interpreter-only kernels.</summary>
    public bool RunsWithJit { get; init; } = true;
    public string? BtfPath { get; init; }
    public string? BtfFuncPath { get; init; }
    public bool Auxiliary { get; init; }
    /// <summary>True when the program carries at least one <c>comment:test_</c> tag.</summary>
    public bool Annotated { get; init; }
    /// <summary>The raw tags, in the order they were applied.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public TestSubspec For(TestModes mode) => mode == TestModes.Unprivileged ? Unprivileged : Privileged;
}
