using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// Packet pointers around bpf_tail_call (Data/tailcall_pkt_cases.c, Data/tailcall_pkt_build.sh): a tail call that
/// fails falls through with packet pointers valid, in registers and spilled; one that happened from a subprogram
/// returns into its caller with them invalid, as does a global function containing one. Each row is the live Linux
/// 6.18.44 kernel's verdict, error line, processed instructions and peak states through veristat, default and -t.
/// tail_prune was a false accept (the spilled packet pointer became a scalar, so a 4-byte fill passed).
/// </summary>
public class TailCallPacketTests
{
    /// <summary>(program, kernel error line or null when accepted, total_insns, peak_states, and both with -t).</summary>
    public static readonly TheoryData<string, string?, int, int, int, int> Cases = new()
    {
        { "global_sub", "R6 invalid mem access 'scalar'", 10, 1, 10, 3 },
        { "main_tail_then_plain", null, 20, 2, 20, 6 },
        { "reg_pkt_used", null, 16, 1, 16, 3 },
        { "skb_change_then_used", "R0 invalid mem access 'scalar'", 12, 1, 12, 2 },
        { "spilled_pkt_used", null, 17, 1, 17, 3 },
        { "static_sub", "R6 invalid mem access 'scalar'", 13, 1, 13, 4 },
        { "sub_keeps", null, 16, 1, 15, 6 },
        { "tail_prune", "invalid size of register fill", 40, 3, 40, 11 },
    };

    private static readonly Lazy<ObjectSpec> Obj =
        new(() => ObjectLoader.Load(Path.Combine(AppContext.BaseDirectory, "Data", "tailcall_pkt_cases.o")));

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithKernel(string prog, string? error, int insns, int peak, int insnsT, int peakT) =>
        KernelAnswer.AssertAgrees(prog, freq => BpfVerifier.Verify(Obj.Value, Obj.Value.Programs.Single(p => p.Name == prog),
            new VerifierOptions { LogLevel = 1 | 4, NrCpus = TestProgram.KernelNrCpus, TestStateFreq = freq }), error, insns, peak, insnsT, peakT);
}
