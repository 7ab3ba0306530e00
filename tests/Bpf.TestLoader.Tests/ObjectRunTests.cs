using Bpf.TestLoader.Running;

namespace Bpf.TestLoader.Tests;

public class ObjectRunTests
{
    private static readonly Lazy<ObjectResult> Annotated = new(() => new TestRunner(new TestRunOptions()).Run(TestData.Path("annotated.o")));

    private static TestResult Result(string name) => Assert.Single(Annotated.Value.Tests, t => t.Name == "annotated.o/" + name);

    [Fact]
    public void OnlyAnnotatedProgramsAreTests()
    {
        Assert.Null(Annotated.Value.LoadError);
        Assert.DoesNotContain(Annotated.Value.Tests, t => t.Name.EndsWith("/untagged", StringComparison.Ordinal));
        var plain = new TestRunner(new TestRunOptions()).Run(TestData.Path("plain.o"));
        Assert.Empty(plain.Tests);
    }

    [Fact]
    public void AllProgramsOptionRunsUntaggedOnesExpectingSuccess()
    {
        var r = new TestRunner(new TestRunOptions { IncludeUnannotated = true }).Run(TestData.Path("annotated.o"));
        Assert.Equal(TestStatus.Pass, Assert.Single(r.Tests, t => t.Name == "annotated.o/untagged").Status);
    }

    [Theory]
    [InlineData("ok_plain")]
    [InlineData("fail_uninit_r0")]
    [InlineData("fail_regex")]
    [InlineData("level2_msgs")]
    [InlineData("priv_and_unpriv")]
    [InlineData("state_freq")]
    public void Passes(string name) => Assert.Equal(TestStatus.Pass, Result(name).Status);

    [Theory]
    [InlineData("fail_wrong_msg", TestReason.Message)]
    [InlineData("accepted_but_failure_expected", TestReason.UnexpectedSuccess)]
    [InlineData("forbidden_msg", TestReason.Message)]
    [InlineData("msg_needs_log", TestReason.Message)] // level 0 and accepted: libbpf asked for no log
    public void Fails(string name, TestReason reason)
    {
        var r = Result(name);
        Assert.Equal(TestStatus.Fail, r.Status);
        Assert.Equal(reason, r.Reason);
    }

    [Theory]
    [InlineData("ok_retval", TestReason.PostLoadChecks)]
    [InlineData("xlated_expect", TestReason.PostLoadChecks)]
    [InlineData("priv_and_unpriv @unpriv", TestReason.Unprivileged)]
    [InlineData("arm64_only", TestReason.Arch)]
    [InlineData("strict_alignment", TestReason.Flags)]
    [InlineData("custom_btf", TestReason.BtfPath)]
    [InlineData("aux_prog", TestReason.Auxiliary)]
    public void Skips(string name, TestReason reason)
    {
        var r = Result(name);
        Assert.Equal(TestStatus.Skip, r.Status);
        Assert.Equal(reason, r.Reason);
    }

    [Fact]
    public void MismatchNamesTheFirstUnmatchedMessage()
    {
        Assert.Equal("EXPECTED SUBSTR: 'this message never appears'", Result("fail_wrong_msg").Message);
        Assert.Equal("UNEXPECTED SUBSTR: 'exit'", Result("forbidden_msg").Message);
    }

    [Fact]
    public void VerifierOnlyPassesPostLoadChecks()
    {
        var r = new TestRunner(new TestRunOptions { VerifierOnly = true }).Run(TestData.Path("annotated.o"));
        Assert.Equal(TestStatus.Pass, Assert.Single(r.Tests, t => t.Name == "annotated.o/ok_retval").Status);
    }

    [Fact]
    public void SpecsMatchTheAnnotations()
    {
        var (_, programs) = ObjectTests.Read(TestData.Path("annotated.o"), null);
        var spec = programs.Single(p => p.Program.Name == "level2_msgs").Spec!;
        Assert.Equal(2, spec.LogLevel);
        Assert.Equal(["0: (b7) r0 = 0", "1: (95) exit", "r0 = 1"], spec.Privileged.Messages.Select(m => m.Text));
        Assert.True(spec.Privileged.Messages[2].Negative);
        Assert.Equal("plain success", programs.Single(p => p.Program.Name == "ok_plain").Spec!.Description);
        Assert.False(programs.Single(p => p.Program.Name == "untagged").Annotated);
    }
}
