using Xunit;

namespace Bpf.Verifier.Tests;

public class ProcessWarmupTests
{
    [Fact]
    public void WarmupProgramIsAcceptedAfterWalkingLoopAndCall()
    {
        var r = ProcessWarmup.VerifyProgram();
        Assert.True(r.Accepted, r.ErrorLine);
        // The bounded loop and the bpf-to-bpf call are walked, not skipped: several states, the callee's instructions.
        Assert.True(r.Stats.TotalStates >= 3, r.Log);
        Assert.Contains("caller:", r.Log, StringComparison.Ordinal);
    }

    /// <summary>
    /// The embedded warm-up object's programs against the live Linux 6.18.44 kernel's answers (veristat, with and
    /// without -t): the warm-up walks the paths it is meant to (a program rejected early would warm nothing).
    /// </summary>
    public static readonly TheoryData<string, string?, int, int, int, int> Cases = new()
    {
        { "iter_sum", null, 70, 10, 61, 22 },
        { "on_sleep", null, 16, 1, 16, 2 },
        { "on_switch", null, 13, 1, 13, 2 },
        { "reject_null_value", "R0 invalid mem access 'map_value_or_null'", 7, 0, 7, 1 },
        { "reject_packet_oob", "R1 offset is outside of the packet", 7, 0, 7, 1 },
        { "tc_ingress", null, 266, 19, 236, 62 },
        { "trace_enter", null, 66, 5, 66, 13 },
        { "xdp_parse", null, 81, 7, 77, 13 },
    };

    private static readonly Lazy<IReadOnlyList<(string Program, VerificationResult Result)>[]> Results =
        new(() => [ProcessWarmup.VerifyEmbeddedObject(), ProcessWarmup.VerifyEmbeddedObject(testStateFreq: true)]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void EmbeddedObjectAgreesWithKernel(string prog, string? error, int insns, int peak, int insnsT, int peakT) =>
        KernelAnswer.AssertAgrees(prog, freq => Results.Value[freq ? 1 : 0].First(p => p.Program == prog).Result, error, insns, peak, insnsT, peakT);

    [Fact]
    public void EmbeddedObjectHasOnlyTheListedPrograms()
    {
        var names = ProcessWarmup.VerifyEmbeddedObject().Select(p => p.Program).Order().ToArray();
        Assert.Equal(Cases.Select(c => (string)c[0]).Order().ToArray(), names);
    }
}
