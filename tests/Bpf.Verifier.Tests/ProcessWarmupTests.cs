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
}
