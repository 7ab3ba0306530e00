using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// bpf_throw unwinds every frame: references held in a subprogram leak (check_reference_leak with exception_exit).
/// Programs of Data/throw_cases.c; verdicts and statistics from the live Linux 6.18 verifier through veristat.
/// </summary>
public class ThrowTests
{
    private static readonly Lazy<ObjectSpec> Obj =
        new(() => ObjectLoader.Load(Path.Combine(AppContext.BaseDirectory, "Data", "throw_cases.o")));

    private static VerificationResult Run(string name)
    {
        var prog = Obj.Value.Programs.First(p => p.Name == name);
        return BpfVerifier.Verify(Obj.Value, prog, new VerifierOptions { LogLevel = 1 | 4, NrCpus = TestProgram.KernelNrCpus });
    }

    [Fact]
    public void ThrowFromSubprogramHoldingReferenceLeaks()
    {
        var r = Run("throw_sub_ref");
        Assert.False(r.Accepted);
        Assert.Equal("bpf_throw would lead to reference leak", r.ErrorLine);
        Assert.Contains("Unreleased reference id=2 alloc_insn=11\nbpf_throw would lead to reference leak\n", r.Log, StringComparison.Ordinal);
        Assert.Equal(13, r.Stats.TotalInsns);
        Assert.Equal(1, r.Stats.PeakStates);
    }

    [Fact]
    public void ThrowFromSubprogramAfterReleaseIsAccepted()
    {
        var r = Run("throw_sub_ref_released");
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(19, r.Stats.TotalInsns);
        Assert.Equal(1, r.Stats.PeakStates);
        // do_misc_fixups adds the default exception callback as a hidden function: one more "+0".
        Assert.Contains("\nstack depth 0+16+0\n", r.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowingProgramListsTheHiddenExceptionCallback()
    {
        var r = Run("use_throw");
        Assert.True(r.Accepted, r.Log);
        Assert.Contains("\nstack depth 0+0\n", r.Log, StringComparison.Ordinal);
    }
}
