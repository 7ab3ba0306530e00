using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// What the samples/katran corpus (Linux samples/bpf and facebookincubator/katran built with clang and judged by the
/// live kernel) taught: a stack write of a pointer the kernel does not spill (PTR_TO_TP_BUFFER, CONST_PTR_TO_DYNPTR:
/// is_spillable_regtype) is plain data and reads back as an unknown scalar; and a few of the corpus objects
/// themselves (Data/samples, see its README) as regression guards. Expectations: verdict, error line, processed
/// instructions and peak states from the live Linux 6.18.44 kernel through veristat, without and with -t.
/// </summary>
public class SamplesKatranTests
{
    /// <summary>(program, kernel error line or null when accepted, total_insns, peak_states, and both with -t).</summary>
    public static readonly TheoryData<string, string?, int, int, int, int> Cases = new()
    {
        { "tpbuf_key_u32", null, 12, 1, 12, 2 },
        { "tpbuf_spill_fill_deref", "R2 invalid mem access 'scalar'", 4, 0, 4, 0 },
        { "tpbuf_read", null, 4, 0, 4, 0 },
        { "tpbuf_half_spill", null, 5, 0, 5, 0 },
        { "tpbuf_arg1_scalar", "R2 invalid mem access 'scalar'", 2, 0, 2, 0 },
        { "tpbuf_narrow_read", "invalid bpf_context access off=0 size=4", 1, 0, 1, 0 },
        { "tpbuf_negative_off", "R1 invalid tracepoint buffer access: off=-8, size=8", 2, 0, 2, 0 },
        { "tpbuf_var_off", "R6 invalid variable buffer offset: off=0, var_off=(0x0; 0x8)", 5, 0, 5, 1 },
        { "tpbuf_write", null, 5, 0, 5, 0 },
        { "dynptr_spill_drain", "R1 type=scalar expected=fp, dynptr_ptr", 12, 1, 12, 5 },
        { "dynptr_direct_drain", null, 18, 2, 18, 9 },
    };

    /// <summary>(object under Data/samples, program, total_insns, peak_states, and both with -t): all accepted.</summary>
    public static readonly TheoryData<string, string, int, int, int, int> CorpusObjects = new()
    {
        { "katran_balancer.o", "balancer_ingress", 60078, 1009, 61312, 1442 },
        { "katran_healthchecking.o", "healthcheck_encap", 1217, 60, 940, 142 },
        { "katran_decap.o", "xdpdecap", 192, 14, 189, 40 },
        { "katran_xdp_root.o", "xdp_root", 14, 1, 14, 3 },
        { "katran_tc_srcmatch.o", "tc_srcmatch", 140, 9, 128, 22 },
        { "xdp_fwd_kern.o", "xdp_fwd_prog", 246, 10, 182, 25 },
        { "xdp_fwd_kern.o", "xdp_fwd_direct_prog", 246, 10, 182, 25 },
    };

    private static readonly Lazy<ObjectSpec> CasesObject =
        new(() => ObjectLoader.Load(Path.Combine(AppContext.BaseDirectory, "Data", "samples_cases.o")));

    private static VerificationResult Run(ObjectSpec obj, string prog, bool testStateFreq)
    {
        var spec = obj.Programs.Single(p => p.Name == prog);
        var options = new VerifierOptions { LogLevel = 1 | 4, NrCpus = TestProgram.KernelNrCpus, TestStateFreq = testStateFreq };
        return BpfVerifier.Verify(obj, spec, options);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithKernel(string prog, string? error, int insns, int peak, int insnsT, int peakT) =>
        KernelAnswer.AssertAgrees(prog, freq => Run(CasesObject.Value, prog, freq), error, insns, peak, insnsT, peakT);

    [Theory]
    [MemberData(nameof(CorpusObjects))]
    public void CorpusObjectAgreesWithKernel(string file, string prog, int insns, int peak, int insnsT, int peakT)
    {
        var obj = ObjectLoader.Load(Path.Combine(AppContext.BaseDirectory, "Data", "samples", file));
        KernelAnswer.AssertAgrees(prog, freq => Run(obj, prog, freq), null, insns, peak, insnsT, peakT);
    }

    /// <summary>The 4-byte write of a tp_buffer pointer is data: no "invalid size of register spill".</summary>
    [Fact]
    public void NarrowWriteOfUnspillablePointerIsData()
    {
        var r = Run(CasesObject.Value, "tpbuf_half_spill", false);
        Assert.True(r.Accepted, r.Log);
        Assert.DoesNotContain("invalid size of register spill", r.Log);
    }
}
