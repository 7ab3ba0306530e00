using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// Code of the selftests' test_progs-cpuv4 build (-mcpu=v4): signed division and modulo, sign-extending moves
/// (which stay linked to their source when the extension cannot change the value), sign-extending loads from every
/// memory kind (BTF-typed contexts of iterators and tp_btf included: btf_ctx_access ignores is_ldsx), byte swaps
/// and 32-bit jumps. Each program of Data/cpuv4_cases.o (built from the C file beside it with clang-19 -O2 -g
/// --target=bpf -mcpu=v4) against the verdict, error line, processed instructions and peak states the live Linux
/// 6.18.44 kernel gave through veristat, with default flags and with -t (BPF_F_TEST_STATE_FREQ); the level-2 logs
/// of all of them are identical too.
/// </summary>
public class CpuV4Tests
{
    /// <summary>(program, kernel error line or null when accepted, total_insns, peak_states, and both with -t).</summary>
    public static readonly TheoryData<string, string?, int, int, int, int> Cases = new()
    {
        { "bswap64_range", null, 4, 0, 4, 1 },
        { "bswap_ptr", null, 4, 0, 4, 0 },
        { "c_s8_index", "invalid variable-offset write to stack R3 var_off=(0x0; 0xffffffffffffffff) off=-64 size=1", 19, 1, 19, 3 },
        { "gotol_fwd", "unreachable insn 2", 0, 0, 0, 0 },
        { "gotol_loop", null, 14, 1, 14, 9 },
        { "it_sx16_range", null, 5, 0, 5, 2 },
        { "it_sx32_range", null, 4, 0, 4, 1 },
        { "it_sx8_neg", "R2 invalid mem access 'scalar'", 3, 0, 3, 1 },
        { "it_sx8_range", null, 5, 0, 5, 2 },
        { "it_sx_beyond", "invalid bpf_context access off=32 size=4", 1, 0, 1, 0 },
        { "it_sx_bucket", null, 3, 0, 3, 0 },
        { "it_sx_meta16", "invalid bpf_context access off=0 size=2", 1, 0, 1, 0 },
        { "it_sx_ptr", "invalid bpf_context access off=8 size=4", 1, 0, 1, 0 },
        { "it_sx_uid8", null, 3, 0, 3, 0 },
        { "it_sx_unaligned", "invalid bpf_context access off=26 size=2", 1, 0, 1, 0 },
        { "it_sx_write", "invalid bpf_context access off=24 size=4", 2, 0, 2, 0 },
        { "it_zx32_range", null, 4, 0, 4, 1 },
        { "ja32_back_inf", "unreachable insn 3", 0, 0, 0, 0 },
        { "ldsx_flow_keys", null, 4, 0, 4, 0 },
        { "ldsx_kprobe", null, 3, 0, 3, 0 },
        { "ldsx_pkt", null, 9, 1, 9, 2 },
        { "ldsx_pkt_oob", "R2 offset is outside of the packet", 6, 0, 6, 1 },
        { "ldsx_rawtp", null, 3, 0, 3, 0 },
        { "ldsx_sk", null, 7, 0, 6, 2 },
        { "ldsx_skb_data", "invalid bpf_context access off=76 size=4", 1, 0, 1, 0 },
        { "ldsx_skb_len", null, 2, 0, 2, 0 },
        { "ldsx_skb_narrow", null, 2, 0, 2, 0 },
        { "ldsx_sock_create", null, 3, 0, 3, 0 },
        { "ldsx_stack_const", null, 4, 0, 4, 0 },
        { "ldsx_stack_misc", null, 5, 0, 5, 0 },
        { "ldsx_stack_ptr", "invalid size of register fill", 2, 0, 2, 0 },
        { "ldsx_stack_spill32", null, 4, 0, 4, 0 },
        { "ldsx_stack_uninit", null, 2, 0, 2, 0 },
        { "ldsx_stack_var", null, 9, 0, 9, 1 },
        { "ldsx_xdp_data", "invalid bpf_context access off=0 size=4", 1, 0, 1, 0 },
        { "ldsx_xdp_ifindex", null, 2, 0, 2, 0 },
        { "movsx32_id", null, 9, 1, 8, 4 },
        { "movsx32_ptr", null, 3, 0, 3, 0 },
        { "movsx_id", null, 9, 1, 8, 4 },
        { "movsx_ptr", null, 3, 0, 3, 0 },
        { "movsx_range", null, 6, 0, 6, 3 },
        { "movsx_s32_id", null, 9, 1, 8, 4 },
        { "movsx_s32_neg", null, 10, 1, 9, 5 },
        { "movsx_s32_ptr", null, 3, 0, 3, 0 },
        { "sdiv32_const", null, 4, 0, 4, 0 },
        { "sdiv_const", null, 5, 0, 5, 0 },
        { "sdiv_min", null, 4, 0, 4, 0 },
        { "sdiv_neg1", null, 3, 0, 3, 1 },
        { "sdiv_ptr", "R0 pointer arithmetic with /= operator prohibited", 2, 0, 2, 0 },
        { "sdiv_range", null, 4, 0, 4, 1 },
        { "sdiv_var", null, 8, 0, 8, 2 },
        { "sdiv_zero_reg", null, 4, 0, 4, 1 },
        { "smod32_const", null, 4, 0, 4, 0 },
        { "smod32_zero_reg", null, 4, 0, 4, 1 },
        { "smod_const", null, 5, 0, 5, 0 },
        { "smod_min32", null, 4, 0, 4, 0 },
        { "smod_neg1", null, 3, 0, 3, 1 },
        { "smod_ptr_src", "R0 pointer arithmetic with %= operator prohibited", 3, 0, 3, 0 },
        { "smod_range", null, 4, 0, 4, 1 },
        { "tb_sx_arg", null, 3, 0, 3, 0 },
        { "tb_sx_ptr", "invalid bpf_context access off=8 size=4", 1, 0, 1, 0 },
    };

    /// <summary>The same for Data/cpuv4_more.o (read-only maps, map values, arena, BTF pointers, linked movsx).</summary>
    public static readonly TheoryData<string, string?, int, int, int, int> MoreCases = new()
    {
        { "arena_sx", null, 8, 0, 8, 0 },
        { "btf_sx_pid", null, 4, 0, 4, 0 },
        { "btf_sx_task", null, 7, 0, 6, 2 },
        { "btf_sx_task_ptr", "R0 invalid mem access 'scalar'", 4, 0, 4, 1 },
        { "movsx_boundary", null, 8, 0, 8, 3 },
        { "movsx_const", null, 4, 0, 4, 0 },
        { "movsx_delta", "R0 invalid mem access 'scalar'", 10, 1, 10, 5 },
        { "movsx_same_reg", null, 10, 1, 9, 4 },
        { "movsx_src_delta", null, 12, 1, 12, 5 },
        { "mv_sx32_oob", "R0 min value is outside of the allowed memory range", 8, 0, 8, 1 },
        { "mv_sx8", null, 9, 0, 9, 1 },
        { "mv_sx_ornull", null, 8, 0, 8, 1 },
        { "ro_sx16", null, 3, 0, 3, 0 },
        { "ro_sx32", null, 3, 0, 3, 0 },
        { "ro_sx32_b", null, 5, 0, 5, 2 },
        { "ro_sx8", null, 3, 0, 3, 0 },
    };

    private static readonly Lazy<ObjectSpec> Object =
        new(() => ObjectLoader.Load(Path.Combine(AppContext.BaseDirectory, "Data", "cpuv4_cases.o")));

    private static readonly Lazy<ObjectSpec> More =
        new(() => ObjectLoader.Load(Path.Combine(AppContext.BaseDirectory, "Data", "cpuv4_more.o")));

    private static VerificationResult Run(string prog, int logLevel = 1 | 4, bool stateFreq = false, bool more = false)
    {
        var obj = more ? More.Value : Object.Value;
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
    public void AgreesWithKernel(string prog, string? error, int insns, int peak, int insnsT, int peakT) =>
        Check(prog, error, insns, peak, insnsT, peakT, more: false);

    [Theory]
    [MemberData(nameof(MoreCases))]
    public void MoreAgreeWithKernel(string prog, string? error, int insns, int peak, int insnsT, int peakT) =>
        Check(prog, error, insns, peak, insnsT, peakT, more: true);

    private static void Check(string prog, string? error, int insns, int peak, int insnsT, int peakT, bool more) =>
        KernelAnswer.AssertAgrees(prog, freq => Run(prog, stateFreq: freq, more: more), error, insns, peak, insnsT, peakT);

    /// <summary>r1 = (s8)r0 with r0 in [0, 127] keeps r1 linked to r0: the bound learnt on r1 reaches r0.</summary>
    [Fact]
    public void SignExtendingMoveKeepsScalarId()
    {
        var r = Run("movsx_id", 2);
        Assert.Contains("2: (bf) r1 = (s8)r0                   ; R0=scalar(id=1,smin=smin32=0,smax=umax=smax32=umax32=127,var_off=(0x0; 0x7f)) R1=scalar(id=1,smin=smin32=0,smax=umax=smax32=umax32=127,var_off=(0x0; 0x7f))\n", r.Log);
        Assert.Contains("4: R0=scalar(id=1,smin=smin32=0,smax=umax=smax32=umax32=10,var_off=(0x0; 0xf))\n", r.Log);
    }

    /// <summary>A sign-extending load of an iterator context's int argument is a signed byte.</summary>
    [Fact]
    public void SignExtendingLoadFromIteratorContext()
    {
        var r = Run("it_sx8_neg", 2);
        Assert.Contains("0: (91) r2 = *(s8 *)(r1 +24)          ; R1=ctx() R2=scalar(smin=smin32=-128,smax=smax32=127)\n", r.Log);
        Assert.Contains("1: (65) if r2 s> 0xffffffff goto pc+1         ; R2=scalar(smin=smin32=-128,smax=smax32=-1,umin=0xffffffffffffff80,umin32=0xffffff80,var_off=(0xffffffffffffff80; 0x7f))\n", r.Log);
    }
}
