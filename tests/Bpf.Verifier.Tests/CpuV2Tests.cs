using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// Code shapes of the selftests' test_progs-no_alu32 build (-mcpu=v2: no ALU32, no JMP32): clang widens 32-bit
/// values with `&lt;&lt;= 32; &gt;&gt;= 32` (or `s&gt;&gt;= 32`) and bounds them with 64-bit compares, loops count in 64-bit
/// registers, global functions widen their int arguments themselves. Each program of Data/cpuv2_cases.o (built
/// from the C file beside it with -mcpu=v2) against the verdict, error line, processed instructions and peak states
/// the live Linux 6.18.44 kernel gave through veristat, with default flags and with -t (BPF_F_TEST_STATE_FREQ).
/// </summary>
public class CpuV2Tests
{
    /// <summary>(program, kernel error line or null when accepted, total_insns, peak_states, and both with -t).</summary>
    public static readonly TheoryData<string, string?, int, int, int, int> Cases = new()
    {
        { "global_buf_masked", null, 8, 0, 8, 1 },
        { "global_buf_off_by_one", "R2 max value is outside of the allowed memory range", 8, 0, 8, 2 },
        { "global_func_int_arg", "math between mem pointer and register with unbounded min value is not allowed", 22, 1, 22, 7 },
        { "global_func_unchecked", "R1 max value is outside of the allowed memory range", 17, 1, 17, 5 },
        { "s32_index_both", null, 20, 2, 19, 3 },
        { "s32_index_upper_only", "math between map_value pointer and register with unbounded min value is not allowed", 15, 1, 15, 2 },
        { "s32_negative_range", "math between map_value pointer and register with unbounded min value is not allowed", 15, 1, 15, 3 },
        { "s32_range_unsigned", null, 20, 1, 19, 3 },
        { "u32_bpf_loop", null, 53, 5, 51, 16 },
        { "u32_index_checked", null, 18, 1, 17, 3 },
        { "u32_index_unchecked", "R0 max value is outside of the allowed memory range", 13, 0, 13, 1 },
        { "u32_loop", null, 40, 1, 40, 2 },
        { "u32_mul_overflow", "math between map_value pointer and register with unbounded min value is not allowed", 20, 1, 20, 3 },
        { "u32_var_loop", null, 158, 6, 158, 51 },
        { "u32_wrap_then_check", null, 21, 1, 20, 3 },
        { "xdp_bswap_len", "R4 offset is outside of the packet", 14, 1, 14, 4 },
        { "xdp_ihl", null, 23, 2, 23, 5 },
        { "xdp_ihl_unchecked", "R1 offset is outside of the packet", 12, 0, 12, 1 },
    };

    private static readonly Lazy<ObjectSpec> Object =
        new(() => ObjectLoader.Load(Path.Combine(AppContext.BaseDirectory, "Data", "cpuv2_cases.o")));

    private static VerificationResult Run(string prog, int logLevel = 1 | 4, bool stateFreq = false)
    {
        var obj = Object.Value;
        var spec = obj.Programs.Single(p => p.Name == prog);
        return BpfVerifier.Verify(obj, spec, new VerifierOptions
        {
            LogLevel = logLevel,
            NrCpus = TestProgram.KernelNrCpus,
            TestStateFreq = stateFreq,
        });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithKernel(string prog, string? error, int insns, int peak, int insnsT, int peakT)
    {
        KernelAnswer.AssertAgrees(prog, freq => Run(prog, stateFreq: freq), error, insns, peak, insnsT, peakT);
    }

    /// <summary>The kernel's level-2 lines for a sign extension through `&lt;&lt;= 32; s&gt;&gt;= 32` after a range check.</summary>
    [Fact]
    public void SignExtensionByShiftsLog()
    {
        var r = Run("s32_index_both", 2);
        Assert.Contains("12: (67) r1 <<= 32                    ; R1=scalar(smin=smin32=0,smax=umax=0xf00000000,smax32=umax32=0,var_off=(0x0; 0xf00000000))\n", r.Log);
        Assert.Contains("13: (c7) r1 s>>= 32                   ; R1=scalar(smin=smin32=0,smax=umax=smax32=umax32=15,var_off=(0x0; 0xf))\n", r.Log);
    }
}
