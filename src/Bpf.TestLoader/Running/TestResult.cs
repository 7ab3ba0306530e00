namespace Bpf.TestLoader.Running;

public enum TestStatus
{
    Pass,
    Fail,
    Skip,
}

/// <summary>Machine-readable cause of a FAIL or SKIP (the <c>[tag]</c> in reports).</summary>
public enum TestReason
{
    None,
    /// <summary>Failure expected, bpfv accepted.</summary>
    UnexpectedSuccess,
    /// <summary>Success expected, bpfv rejected.</summary>
    UnexpectedFailure,
    /// <summary>The verdict matched but an expected message was missing, misplaced or forbidden.</summary>
    Message,
    /// <summary>bpfv stopped with its own "unsupported" verdict: no kernel answer to compare.</summary>
    Unsupported,
    /// <summary>The annotations do not parse (test_loader: "Can't parse test spec").</summary>
    BadSpec,
    /// <summary>bpfv threw: a bug, reported rather than crashing the run.</summary>
    Crash,
    Unprivileged,
    Arch,
    BtfPath,
    Flags,
    NoJit,
    Auxiliary,
    /// <summary>The verifier part passed; retval/xlated/jited/stream checks need a kernel.</summary>
    PostLoadChecks,
}

/// <summary>The outcome of one test (one program in one mode).</summary>
public sealed record TestResult
{
    /// <summary><c>file/prog</c>, with <c> @unpriv</c> for the unprivileged variant.</summary>
    public required string Name { get; init; }
    public required TestStatus Status { get; init; }
    public TestReason Reason { get; init; }
    /// <summary>One line: why it failed or was skipped.</summary>
    public string Message { get; init; } = "";
    /// <summary>Extra lines for verbose output: the matched messages, the log tail.</summary>
    public IReadOnlyList<string> Details { get; init; } = [];
    public string? Description { get; init; }
    /// <summary>Whether bpfv's verdict and log satisfied the verifier expectations (null when not run).</summary>
    public bool? VerifierAgrees { get; init; }
    public TimeSpan Duration { get; init; }

    public static string ReasonTag(TestReason r) => r switch
    {
        TestReason.UnexpectedSuccess => "unexpected_load_success",
        TestReason.UnexpectedFailure => "unexpected_load_failure",
        TestReason.Message => "expect_msg",
        TestReason.Unsupported => "bpfv_unsupported",
        TestReason.BadSpec => "bad_spec",
        TestReason.Crash => "bpfv_crash",
        TestReason.Unprivileged => "unpriv",
        TestReason.Arch => "arch",
        TestReason.BtfPath => "btf_path",
        TestReason.Flags => "flags",
        TestReason.NoJit => "no_jit",
        TestReason.Auxiliary => "auxiliary",
        TestReason.PostLoadChecks => "no_interpreter",
        _ => "",
    };
}

/// <summary>All tests of one object file, in program order, or why the object could not be read.</summary>
public sealed record ObjectResult(string Path, IReadOnlyList<TestResult> Tests, string? LoadError = null);
