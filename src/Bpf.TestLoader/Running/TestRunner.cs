using System.Diagnostics;
using Bpf.Btf;
using Bpf.Object;
using Bpf.TestLoader.Matching;
using Bpf.TestLoader.Spec;

namespace Bpf.TestLoader.Running;

/// <summary>
/// Runs the annotated programs of an object as test_loader would on an x86-64 Linux 6.18 machine, with bpfv in
/// place of the kernel: checks the verdict and the verifier log against the annotations.
/// </summary>
public sealed class TestRunner(TestRunOptions options)
{
    private readonly TestSpecParser _parser = new();

    /// <summary>Runs every test of one object; an unreadable object gives <see cref="ObjectResult.LoadError"/>.</summary>
    public ObjectResult Run(string path)
    {
        ObjectSpec obj;
        IReadOnlyList<ProgramTest> programs;
        try
        {
            (obj, programs) = ObjectTests.Read(path, options.Load, _parser);
        }
        catch (Exception e) when (e is ObjectFormatException or BtfException or IOException or UnauthorizedAccessException)
        {
            return new ObjectResult(path, [], e.Message);
        }
        return new ObjectResult(path, Run(obj, programs, Path.GetFileName(path)));
    }

    public IReadOnlyList<TestResult> Run(ObjectSpec obj, IReadOnlyList<ProgramTest> programs, string fileName)
    {
        var results = new List<TestResult>();
        bool objectAnnotated = programs.Any(p => p.Annotated);
        if (!objectAnnotated)
            return results;
        var aux = new AuxiliaryLoads(obj, programs, options.TimeLimit);
        foreach (var pt in programs)
        {
            if (!pt.Annotated && !options.IncludeUnannotated)
                continue;
            string name = $"{fileName}/{pt.Program.Name}";
            if (pt.Spec == null)
            {
                results.Add(Fail(name, TestReason.BadSpec, $"Can't parse test spec: {pt.SpecError}"));
                continue;
            }
            if (pt.Spec.Auxiliary)
            {
                results.Add(Skip(name, TestReason.Auxiliary, "auxiliary program (loaded with the tests, not a test)", pt.Spec));
                continue;
            }
            if (pt.Spec.Modes.HasFlag(TestModes.Privileged))
                results.Add(RunCase(obj, pt, name, TestModes.Privileged, aux));
            if (pt.Spec.Modes.HasFlag(TestModes.Unprivileged))
                results.Add(RunCase(obj, pt, name + " @unpriv", TestModes.Unprivileged, aux));
        }
        return results;
    }

    private TestResult RunCase(ObjectSpec obj, ProgramTest pt, string name, TestModes mode, AuxiliaryLoads aux)
    {
        var spec = pt.Spec!;
        var skip = SkipReason(spec, mode);
        if (skip != null)
            return Skip(name, skip.Value.Reason, skip.Value.Message, spec);
        var sw = Stopwatch.StartNew();
        try
        {
            var outcome = aux.Load(pt, spec, mode);
            return Judge(name, spec, spec.For(mode), outcome) with { Duration = sw.Elapsed };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fail(name, TestReason.Crash, $"{e.GetType().Name}: {e.Message}", spec) with { Duration = sw.Elapsed };
        }
    }

    private static (TestReason Reason, string Message)? SkipReason(TestSpec spec, TestModes mode)
    {
        if ((spec.ArchMask & TestArch.X86_64) == 0)
            return (TestReason.Arch, "not for x86_64 (__arch_*)");
        if (!spec.RunsWithJit)
            return (TestReason.NoJit, "needs a kernel without JIT (__load_if_no_JITed)");
        if (mode == TestModes.Unprivileged)
            return (TestReason.Unprivileged, "unprivileged mode not modelled by bpfv");
        if (spec.BtfPath != null || spec.BtfFuncPath != null)
            return (TestReason.BtfPath, $"custom BTF '{spec.BtfPath ?? spec.BtfFuncPath}'");
        int bad = LoadAttempt.UnsupportedFlags(spec.ProgFlags);
        if (bad != 0)
            return (TestReason.Flags, $"flag {ProgLoadFlags.Describe(bad)} not implemented by bpfv");
        return null;
    }

    private TestResult Judge(string name, TestSpec spec, TestSubspec sub, LoadOutcome outcome)
    {
        var tail = Tail(outcome.Log);
        if (outcome.Result?.Unsupported == true)
            return Fail(name, TestReason.Unsupported, outcome.Result.ErrorLine!, spec, tail);
        if (sub.ExpectFailure && outcome.Loaded)
            return Fail(name, TestReason.UnexpectedSuccess, "expected failure, bpfv accepted", spec, tail);
        if (!sub.ExpectFailure && !outcome.Loaded)
            return Fail(name, TestReason.UnexpectedFailure, $"expected success, bpfv rejected: {outcome.Error}", spec, tail);
        var mismatch = MessageMatcher.Validate(outcome.Log, sub.Messages);
        if (mismatch != null)
        {
            var details = new List<string>();
            for (int i = 0; i < mismatch.Index; i++)
                details.Add($"MATCHED    {(sub.Messages[i].IsRegex ? "REGEX" : "SUBSTR")}: '{sub.Messages[i].Text}'");
            details.Add(mismatch.Describe());
            details.AddRange(tail);
            return Fail(name, TestReason.Message, mismatch.Describe(), spec, details);
        }
        var notChecked = Unchecked(sub);
        if (notChecked.Count > 0 && !options.VerifierOnly)
        {
            var skip = Skip(name, TestReason.PostLoadChecks, $"verifier part passed; not checked: {string.Join(", ", notChecked)}", spec);
            return skip with { VerifierAgrees = true };
        }
        return new TestResult { Name = name, Status = TestStatus.Pass, Description = spec.Description, VerifierAgrees = true };
    }

    /// <summary>Checks test_loader makes on the loaded program, which need the kernel's rewrite, JIT or test run.</summary>
    private static List<string> Unchecked(TestSubspec sub)
    {
        var list = new List<string>();
        bool run = sub.Execute && !sub.ExpectFailure;
        if (sub.Xlated.Count > 0)
            list.Add("xlated");
        if (sub.Jited.Count > 0)
            list.Add("jited");
        if (run)
            list.Add("retval");
        if (run && (sub.Stderr.Count > 0 || sub.Stdout.Count > 0))
            list.Add("stream output");
        return list;
    }

    private IReadOnlyList<string> Tail(string log)
    {
        var lines = log.Split('\n');
        int n = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        int from = Math.Max(0, n - options.LogTailLines);
        return lines[from..n].Select(l => "log: " + l).ToArray();
    }

    private static TestResult Fail(string name, TestReason reason, string message, TestSpec? spec = null, IReadOnlyList<string>? details = null) => new()
    {
        Name = name,
        Status = TestStatus.Fail,
        Reason = reason,
        Message = message,
        Description = spec?.Description,
        Details = details ?? [],
        VerifierAgrees = reason is TestReason.BadSpec or TestReason.Crash ? null : false,
    };

    private static TestResult Skip(string name, TestReason reason, string message, TestSpec spec) => new()
    {
        Name = name,
        Status = TestStatus.Skip,
        Reason = reason,
        Message = message,
        Description = spec.Description,
    };
}
