using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// btf_check_subprog_call for static functions: a dynptr argument that is not initialized is logged at the call
/// ("Expected an initialized dynptr as arg #1") and the call goes on. Data/static_dynptr_cases.o against the live
/// Linux 6.18.44 kernel's answers (veristat, with and without -t; its level-2 log, kfunc ids masked, is identical).
/// </summary>
public class StaticArgMatchTests
{
    private static readonly Lazy<ObjectSpec> Object =
        new(() => ObjectLoader.Load(Path.Combine(AppContext.BaseDirectory, "Data", "static_dynptr_cases.o")));

    private static VerificationResult Run(bool stateFreq, int logLevel = 1 | 4) =>
        BpfVerifier.Verify(Object.Value, Object.Value.Programs.Single(p => p.Name == "uninit_then_init"),
            new VerifierOptions { LogLevel = logLevel, TestStateFreq = stateFreq });

    [Fact]
    public void AgreesWithKernel() =>
        KernelAnswer.AssertAgrees("uninit_then_init", freq => Run(freq), null, 31, 3, 30, 11);

    [Fact]
    public void UninitializedDynptrIsLoggedOnceAtTheCall()
    {
        var log = Run(stateFreq: false, logLevel: 2 | 4).Log;
        Assert.Contains("2: (85) call pc+7\nExpected an initialized dynptr as arg #1\ncaller:\n", log, StringComparison.Ordinal);
        Assert.Single(log.Split('\n'), l => l.StartsWith("Expected an initialized dynptr", StringComparison.Ordinal));
    }
}
