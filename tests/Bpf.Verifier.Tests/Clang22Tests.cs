using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// The selftests rebuilt with clang-22 (-mcpu=v3 and v4) agree with the live kernel on every judged program; the one
/// new instruction pattern is that clang-22 emits the fetching atomics (BPF_FETCH) for every __sync_fetch_and_op,
/// even when the result is unused. Data/clang22/clang22_cases.o (built from the C file beside it with clang-22 -O2 -g
/// --target=bpf -mcpu=v3) covers them on every memory kind, against the verdict, error line, processed instructions
/// and peak states the live Linux 6.18.44 kernel gave through veristat, with default flags and with -t. It found a
/// false accept: an atomic through a variable-offset stack pointer (the kernel first reads without a destination,
/// which check_stack_read refuses for a variable offset).
/// </summary>
public class Clang22Tests
{
    /// <summary>(program, kernel error line or null when accepted, total_insns, peak_states, and both with -t).</summary>
    public static readonly TheoryData<string, string?, int, int, int, int> Cases = new()
    {
        { "c_global_counters", null, 17, 0, 17, 0 },
        { "c_map_counter", null, 12, 1, 12, 2 },
        { "c_stack_counter", null, 7, 0, 7, 0 },
        { "f_arena", null, 7, 0, 7, 0 },
        { "f_btf", "only read is supported", 3, 0, 3, 0 },
        { "f_cmpxchg_stack", null, 7, 0, 7, 0 },
        { "f_ctx", "BPF_ATOMIC stores into R1 ctx is not allowed", 2, 0, 2, 0 },
        { "f_leak", null, 11, 1, 11, 2 },
        { "f_map_add", null, 11, 1, 11, 2 },
        { "f_map_idx", "math between map_value pointer and register with unbounded min value is not allowed", 10, 0, 10, 1 },
        { "f_map_null", null, 10, 0, 10, 1 },
        { "f_map_oob", "misaligned value access off 0+0+4 size 8", 9, 0, 9, 1 },
        { "f_map_w32", null, 14, 1, 14, 2 },
        { "f_pkt_skb", "BPF_ATOMIC stores into R2 pkt is not allowed", 7, 0, 7, 1 },
        { "f_rodata", "write into map forbidden, value_size=16 off=0 size=8", 3, 0, 3, 0 },
        { "f_stack", null, 7, 0, 7, 0 },
        { "f_stack_const", null, 7, 0, 7, 2 },
        { "f_stack_ptr", null, 6, 0, 6, 0 },
        { "f_stack_ptr_fill", "R1 invalid mem access 'scalar'", 5, 0, 5, 0 },
        { "f_stack_uninit", null, 4, 0, 4, 0 },
        { "f_stack_var", "variable offset stack pointer cannot be passed into helper function; var_off=(0x0; 0x8) off=-16 size=8", 10, 0, 10, 1 },
        { "f_stack_var_cmpxchg", "variable offset stack pointer cannot be passed into helper function; var_off=(0x0; 0x8) off=-16 size=8", 11, 0, 11, 1 },
        { "f_stack_var_misalign", "misaligned stack access off (0x0; 0x4)+-16+0 size 8", 10, 0, 10, 1 },
        { "f_stack_var_oob", "invalid variable-offset read from stack R1 var_off=(0x0; 0x8) off=-8 size=8", 9, 0, 9, 1 },
        { "f_stack_var_uninit", "variable offset stack pointer cannot be passed into helper function; var_off=(0x0; 0x8) off=-16 size=8", 7, 0, 7, 1 },
        { "f_stack_var_w32", "variable offset stack pointer cannot be passed into helper function; var_off=(0x0; 0x4) off=-16 size=4", 10, 0, 10, 1 },
        { "f_stack_var_xchg", "variable offset stack pointer cannot be passed into helper function; var_off=(0x0; 0x8) off=-16 size=8", 10, 0, 10, 1 },
        { "f_stack_w32", null, 7, 0, 7, 0 },
        { "f_stack_w32_spill", null, 7, 0, 7, 2 },
        { "f_uninit_src", "R3 !read_ok", 8, 0, 8, 1 },
        { "f_xchg_stack", null, 6, 0, 6, 0 },
        { "l_stack_var", "variable offset stack pointer cannot be passed into helper function; var_off=(0x0; 0x8) off=-16 size=8", 10, 0, 10, 1 },
    };

    private static readonly Lazy<ObjectSpec> Object =
        new(() => ObjectLoader.Load(Path.Combine(AppContext.BaseDirectory, "Data", "clang22", "clang22_cases.o")));

    private static VerificationResult Run(string prog, bool stateFreq)
    {
        var obj = Object.Value;
        var spec = obj.Programs.Single(p => p.Name == prog);
        return BpfVerifier.Verify(obj, spec, new VerifierOptions
        {
            LogLevel = 1 | 4,
            NrCpus = TestProgram.KernelNrCpus,
            TestStateFreq = stateFreq,
        });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithKernel(string prog, string? error, int insns, int peak, int insnsT, int peakT) =>
        KernelAnswer.AssertAgrees(prog, freq => Run(prog, freq), error, insns, peak, insnsT, peakT);
}
