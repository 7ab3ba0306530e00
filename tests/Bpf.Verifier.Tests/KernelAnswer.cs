namespace Bpf.Verifier.Tests;

/// <summary>The live kernel's answer for one program, with and without BPF_F_TEST_STATE_FREQ (veristat -t).</summary>
internal static class KernelAnswer
{
    /// <summary>
    /// Verifies <paramref name="prog"/> in both modes through <paramref name="run"/> (its argument: state-frequency
    /// mode) and checks the verdict, error line (null = accepted), processed instructions and peak states.
    /// </summary>
    public static void AssertAgrees(string prog, Func<bool, VerificationResult> run, string? error, int insns, int peak, int insnsT, int peakT)
    {
        foreach (bool freq in new[] { false, true })
            AssertResult(prog, run(freq), error, freq ? insnsT : insns, freq ? peakT : peak);
    }

    /// <summary>One result against the kernel's verdict, error line (null = accepted), processed instructions and peak states.</summary>
    public static void AssertResult(string prog, VerificationResult r, string? error, int insns, int peak)
    {
        if (error == null)
        {
            Assert.True(r.Accepted, $"{prog}: {r.ErrorLine}\n{r.Log}");
        }
        else
        {
            Assert.False(r.Accepted, prog);
            Assert.Equal(error, r.ErrorLine);
        }
        Assert.Equal(insns, r.Stats.TotalInsns);
        Assert.Equal(peak, r.Stats.PeakStates);
    }
}
