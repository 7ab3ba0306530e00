using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// What the xdptools corpus (xdp-project's xdp-tools and xdp-tutorial built and judged by the live kernel) taught:
/// bpf_xdp_pull_data invalidates packet pointers and makes its subprogram change packet data, while other kfuncs
/// called from a global function leave the caller's packet pointers valid; the XDP xfrm kfuncs acquire and release a
/// struct xfrm_state; bpf_sk_assign_tcp_reqsk (SCHED_CLS only) and socket registers passed as kfunc arguments,
/// always trusted and matched by the kernel struct they stand for; device maps, read-only for programs; packet
/// pointers as a global function's memory argument, and prototypes btf_prepare_func_args refuses, which fail at the
/// call. Each program of Data/xdptools_cases.o (built from the C file beside it: clang-19 -O2 -g --target=bpf
/// -mcpu=v3) against the verdict, error line, processed instructions and peak states the live Linux 6.18.44 kernel
/// gave through veristat, without and with -t.
/// </summary>
public class XdpToolsTests
{
    /// <summary>(program, kernel error line or null when accepted, total_insns, peak_states, and both with -t).</summary>
    public static readonly TheoryData<string, string?, int, int, int, int> Cases = new()
    {
        { "devmap_delete", "write into map forbidden", 6, 0, 6, 0 },
        { "devmap_hash_update", "write into map forbidden", 11, 0, 11, 0 },
        { "devmap_hash_write", "write into map forbidden, value_size=4 off=0 size=4", 8, 0, 8, 1 },
        { "devmap_helper_write", "write into map forbidden, value_size=8 off=0 size=4", 14, 0, 14, 2 },
        { "devmap_read", null, 14, 1, 14, 3 },
        { "devmap_write", "write into map forbidden, value_size=8 off=0 size=4", 9, 0, 9, 1 },
        { "glob_pkt_arg", null, 24, 2, 24, 12 },
        { "glob_pkt_arg_short", "Caller passes invalid args into func#1 ('g_word')", 7, 0, 7, 2 },
        { "glob_pkt_meta_arg", null, 14, 1, 14, 6 },
        { "glob_voidptr", "Caller passes invalid args into func#1 ('g_voidptr')", 3, 0, 3, 1 },
        { "global_kfunc_keeps_pkt", null, 19, 2, 19, 7 },
        { "pull_data_global_stale", "R6 invalid mem access 'scalar'", 8, 1, 8, 3 },
        { "pull_data_ok", null, 15, 1, 15, 4 },
        { "pull_data_stale", "R6 invalid mem access 'scalar'", 9, 1, 9, 2 },
        { "pull_data_tc", "calling kernel function bpf_xdp_pull_data is not allowed", 2, 0, 2, 0 },
        { "reqsk_after_release", "arg#1 pointer type STRUCT sock must point to scalar, or struct with scalar", 32, 1, 32, 4 },
        { "reqsk_maybe_null", "Possibly NULL pointer passed to trusted arg1", 25, 0, 25, 1 },
        { "reqsk_ok", null, 53, 3, 44, 9 },
        { "reqsk_sock_common", "kernel function bpf_sk_assign_tcp_reqsk args#1 expected pointer to STRUCT sock but R2 has a pointer to STRUCT sock_common", 26, 0, 26, 1 },
        { "reqsk_socket", null, 33, 1, 32, 3 },
        { "reqsk_tcp_sock", null, 37, 2, 36, 6 },
        { "reqsk_xdp", "calling kernel function bpf_sk_assign_tcp_reqsk is not allowed", 9, 0, 9, 0 },
        { "xfrm_leak", "BPF_EXIT instruction in main prog would lead to reference leak", 19, 1, 19, 2 },
        { "xfrm_ok", null, 28, 2, 26, 4 },
        { "xfrm_release_null", "Possibly NULL pointer passed to trusted arg0", 17, 0, 17, 1 },
        { "xfrm_tc", "calling kernel function bpf_xdp_get_xfrm_state is not allowed", 15, 0, 15, 0 },
    };

    private static readonly Lazy<ObjectSpec> Object =
        new(() => ObjectLoader.Load(Path.Combine(AppContext.BaseDirectory, "Data", "xdptools_cases.o")));

    private static VerificationResult Run(string prog, bool testStateFreq = false)
    {
        var obj = Object.Value;
        var spec = obj.Programs.Single(p => p.Name == prog);
        var options = new VerifierOptions { LogLevel = 1 | 4, NrCpus = TestProgram.KernelNrCpus, TestStateFreq = testStateFreq };
        return BpfVerifier.Verify(obj, spec, options);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithKernel(string prog, string? error, int insns, int peak, int insnsT, int peakT)
    {
        Check(Run(prog, false), prog, error, insns, peak);
        Check(Run(prog, true), prog, error, insnsT, peakT);
    }

    private static void Check(VerificationResult r, string prog, string? error, int insns, int peak) =>
        KernelAnswer.AssertResult(prog, r, error, insns, peak);

    /// <summary>btf_check_subprog_call logs the refused prototype's line before the caller's error.</summary>
    [Fact]
    public void RefusedPrototypeAtCall()
    {
        var r = Run("glob_voidptr");
        Assert.Contains("arg#0 reference type('UNKNOWN ') size cannot be determined: -22\nCaller passes invalid args into func#1 ('g_voidptr')\n", r.Log);
    }

    /// <summary>The packet access check of a global function's memory argument, as check_mem_reg runs it.</summary>
    [Fact]
    public void ShortPacketArgument()
    {
        var r = Run("glob_pkt_arg_short");
        Assert.Contains("invalid access to packet, off=0 size=4, R1(id=0,off=0,r=2)\nR1 offset is outside of the packet\n", r.Log);
    }
}
