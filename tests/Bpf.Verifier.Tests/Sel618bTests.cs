using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// Kfuncs the Linux 6.18 selftests call that bpfv had left unsupported: bpf_cgroup_read_xattr (common_btf_ids since
/// 6.16, KF_RCU: an RCU or trusted cgroup, a const string name, an initialized dynptr), the sleepable open-coded
/// dmabuf iterator (6.16), bpf_sock_ops_enable_tx_tstamp (6.15, KF_TRUSTED_ARGS, sock_ops programs only; the
/// context itself is not its struct bpf_sock_ops_kern) and __uptr fields of task storage (6.13: loads give a
/// maybe-NULL PTR_TO_MEM of the pointee's size, stores are refused). Each program of Data/sel618b_cases.o (built
/// from the C file beside it: clang-19 -O2 -g --target=bpf -mcpu=v3) against the verdict, error line, processed
/// instructions and peak states the live Linux 6.18 kernel gave through veristat.
/// </summary>
public class Sel618bTests
{
    /// <summary>(program, kernel error line or null when accepted, total_insns, peak_states).</summary>
    public static readonly TheoryData<string, string?, int, int> Cases = new()
    {
        { "dmabuf_in_rcu", "kernel func bpf_iter_dmabuf_new is sleepable within rcu_read_lock region", 5, 0 },
        { "dmabuf_next_uninit", "expected an initialized iter_dmabuf as arg #0", 5, 1 },
        { "dmabuf_no_destroy", "BPF_EXIT instruction in main prog would lead to reference leak", 8, 1 },
        { "dmabuf_no_null_check", "R0 invalid mem access 'scalar'", 7, 1 },
        { "dmabuf_not_sleepable", "program must be sleepable to call sleepable kfunc bpf_iter_dmabuf_new", 4, 0 },
        { "dmabuf_pass_to_helper", null, 23, 2 },
        { "dmabuf_sum_sizes", null, 35, 4 },
        { "dmabuf_write_field", "only read is supported", 15, 1 },
        { "tstamp_ctx_arg", "arg#0 pointer type STRUCT bpf_sock_ops_kern must point to scalar, or struct with scalar", 2, 0 },
        { "tstamp_flags_var", null, 11, 1 },
        { "tstamp_from_tc", "calling kernel function bpf_sock_ops_enable_tx_tstamp is not allowed", 4, 0 },
        { "tstamp_null", "Possibly NULL pointer passed to trusted arg0", 3, 0 },
        { "tstamp_ok", null, 10, 1 },
        { "tstamp_walked", "R1 must be referenced or trusted", 4, 0 },
        { "uptr_mem_to_helper", null, 18, 2 },
        { "uptr_no_null", "R1 invalid mem access 'mem_or_null'", 11, 1 },
        { "uptr_read_ok", null, 19, 2 },
        { "uptr_read_oob", "R1 min value is outside of the allowed memory range", 12, 1 },
        { "uptr_read_w", "uptr access size must be BPF_DW", 8, 0 },
        { "uptr_store_ptr", "store to uptr disallowed", 8, 0 },
        { "uptr_to_helper", null, 16, 1 },
        { "xattr_after_release", "arg#0 pointer type STRUCT cgroup must point to scalar, or struct with scalar", 18, 1 },
        { "xattr_cgroup_skb", null, 22, 2 },
        { "xattr_dynptr_uninit", "Expected an initialized dynptr as arg #2", 10, 0 },
        { "xattr_from_id_ok", null, 26, 2 },
        { "xattr_maybe_null", "Possibly NULL pointer passed to trusted arg0", 15, 1 },
        { "xattr_name_not_const", "R2 does not point to a readonly map'", 16, 1 },
        { "xattr_socket", "Possibly NULL pointer passed to trusted arg0", 11, 0 },
        { "xattr_syscall_scalar", "arg#0 pointer type STRUCT cgroup must point to scalar, or struct with scalar", 12, 0 },
        { "xattr_walked_rcu", null, 17, 1 },
        { "xattr_walked_task_cgroup", null, 15, 1 },
    };

    private static readonly Lazy<ObjectSpec> Object =
        new(() => ObjectLoader.Load(Path.Combine(AppContext.BaseDirectory, "Data", "sel618b_cases.o")));

    private static VerificationResult Run(string prog, bool testStateFreq = false)
    {
        var obj = Object.Value;
        var spec = obj.Programs.Single(p => p.Name == prog);
        return BpfVerifier.Verify(obj, spec, new VerifierOptions
        {
            LogLevel = 1 | 4,
            NrCpus = TestProgram.KernelNrCpus,
            TestStateFreq = testStateFreq,
        });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithKernel(string prog, string? error, int insns, int peak)
    {
        KernelAnswer.AssertResult(prog, Run(prog), error, insns, peak);
    }

    /// <summary>The dmabuf loop under BPF_F_TEST_STATE_FREQ (veristat -t): the kernel's counts.</summary>
    [Fact]
    public void DmabufLoopWithStateFreq()
    {
        KernelAnswer.AssertResult("dmabuf_sum_sizes", Run("dmabuf_sum_sizes", testStateFreq: true), null, 31, 12);
    }
}
