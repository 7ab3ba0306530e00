using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// Patterns of the Linux 6.12 selftests that are not in the project's corpus (timer, sock_destroy_prog,
/// bpf_iter_ipv6_route, cpumask_failure, for_each_map_elem_write_key, rbtree_fail, test_global_func6), rebuilt as
/// programs of our own: Data/heldout_cases.c and Data/heldout_graph_null.c (Data/heldout_build.sh). Each row is the
/// live Linux 6.18.44 kernel's verdict, error line, processed instructions and peak states through veristat, with
/// default flags and with -t. What they pin down: a timer callback of a sleepable program runs non-sleepable;
/// bpf_sock_destroy is an iterator-only trusted kfunc; a pointer read through a flexible array is untrusted; the NULL
/// checks of bpf_kptr_xchg's new value and of a pushed or added graph node; bpf_rbtree_remove of a node an unlock
/// invalidated; a helper writing into a map key; a moved context pointer passed to a global function.
/// </summary>
public class HeldOutSelftestsTests
{
    /// <summary>(program, kernel error line or null when accepted, total_insns, peak_states, and both with -t).</summary>
    public static readonly TheoryData<string, string?, int, int, int, int> Cases = new()
    {
        { "destroy_from_tp_btf", "calling kernel function bpf_sock_destroy is not allowed", 2, 0, 2, 0 },
        { "destroy_tcp", null, 7, 0, 6, 2 },
        { "destroy_udp", null, 7, 0, 6, 2 },
        { "destroy_unchecked", "Possibly NULL pointer passed to trusted arg0", 2, 0, 2, 0 },
        { "flex_array_ptr", null, 13, 1, 13, 3 },
        { "flex_array_ptr_to_helper", "R1 type=untrusted_ptr_ expected=sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_", 5, 0, 5, 2 },
        { "global_ctx_moved", "Caller passes invalid args into func#1 ('global_ctx_arg')", 2, 0, 2, 1 },
        { "global_ctx_ok", null, 7, 0, 7, 5 },
        { "helper_writes_map_key", "R1 cannot write into map_key", 10, 1, 10, 5 },
        { "kptr_xchg_rcu_maybe_null", "Possibly NULL pointer passed to helper arg2", 4, 0, 4, 1 },
        { "rbtree_add_unchecked_remove", "Possibly NULL pointer passed to trusted arg1", 21, 3, 21, 9 },
        { "rbtree_remove_after_unlock", "bpf_rbtree_remove can only take non-owning or refcounted bpf_rb_node pointer", 22, 2, 22, 9 },
        { "timer_cb_copy_from_user", "helper call might sleep in a non-sleepable prog", 23, 1, 23, 7 },
        { "timer_in_syscall", null, 25, 2, 25, 8 },
    };

    /// <summary>The same for Data/heldout_graph_null.o (one lock guarding a list and an rbtree of two node types).</summary>
    public static readonly TheoryData<string, string?, int, int, int, int> GraphCases = new()
    {
        { "list_push_maybe_null", "Possibly NULL pointer passed to trusted arg1", 14, 1, 14, 4 },
        { "obj_drop_maybe_null", "Possibly NULL pointer passed to trusted arg0", 6, 0, 6, 1 },
        { "rbtree_add_maybe_null_off0", "R6 pointer arithmetic on ptr_or_null_ prohibited, null-check it first", 7, 0, 7, 2 },
    };

    /// <summary>
    /// The same for Data/heldout_rstat.o: css_rstat_updated / css_rstat_flush, registered for tracing programs (the
    /// flush sleepable), their argument checked as a trusted one by the live kernel.
    /// </summary>
    public static readonly TheoryData<string, string?, int, int, int, int> RstatCases = new()
    {
        { "rstat_flush_not_sleepable", "program must be sleepable to call sleepable kfunc css_rstat_flush", 6, 0, 6, 1 },
        { "rstat_flush_sleepable", null, 9, 1, 9, 4 },
        { "rstat_updated_iter", null, 12, 1, 12, 3 },
        { "rstat_updated_kprobe", "calling kernel function css_rstat_updated is not allowed", 3, 0, 3, 0 },
        { "rstat_updated_null", "Possibly NULL pointer passed to trusted arg0", 3, 0, 3, 0 },
        { "rstat_updated_tp_btf", null, 7, 0, 7, 1 },
        { "rstat_updated_unchecked", "R1 pointer arithmetic on trusted_ptr_or_null_ prohibited, null-check it first", 3, 0, 3, 0 },
    };

    private static readonly Lazy<ObjectSpec> Cases0 = new(() => Load("heldout_cases.o"));
    private static readonly Lazy<ObjectSpec> Graph = new(() => Load("heldout_graph_null.o"));
    private static readonly Lazy<ObjectSpec> Rstat = new(() => Load("heldout_rstat.o"));

    private static ObjectSpec Load(string name) => ObjectLoader.Load(Path.Combine(AppContext.BaseDirectory, "Data", name));

    private static VerificationResult Run(ObjectSpec obj, string prog, bool stateFreq, int logLevel = 1 | 4) =>
        BpfVerifier.Verify(obj, obj.Programs.Single(p => p.Name == prog), new VerifierOptions
        {
            LogLevel = logLevel,
            NrCpus = TestProgram.KernelNrCpus,
            TestStateFreq = stateFreq,
        });

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithKernel(string prog, string? error, int insns, int peak, int insnsT, int peakT) =>
        KernelAnswer.AssertAgrees(prog, freq => Run(Cases0.Value, prog, freq), error, insns, peak, insnsT, peakT);

    [Theory]
    [MemberData(nameof(GraphCases))]
    public void GraphArgumentsAgreeWithKernel(string prog, string? error, int insns, int peak, int insnsT, int peakT) =>
        KernelAnswer.AssertAgrees(prog, freq => Run(Graph.Value, prog, freq), error, insns, peak, insnsT, peakT);

    [Theory]
    [MemberData(nameof(RstatCases))]
    public void RstatKfuncsAgreeWithKernel(string prog, string? error, int insns, int peak, int insnsT, int peakT) =>
        KernelAnswer.AssertAgrees(prog, freq => Run(Rstat.Value, prog, freq), error, insns, peak, insnsT, peakT);

    /// <summary>The kernel logs the offset check of the moved context before the caller line.</summary>
    [Fact]
    public void MovedContextLogsItsOffset()
    {
        var r = Run(Cases0.Value, "global_ctx_moved", stateFreq: false);
        Assert.Contains("dereference of modified ctx ptr R1 off=192 disallowed\nCaller passes invalid args into func#1 ('global_ctx_arg')\n", r.Log);
    }

    /// <summary>
    /// A trusted struct sk_buff passed where a kfunc takes struct __sk_buff (Data/heldout_skb_walk.o): the kernel's
    /// btf_struct_ids_match walk logs where it stopped, then the projection rule accepts (7 insns, peak 0; -t: 1).
    /// </summary>
    [Fact]
    public void ProjectionArgumentLogsTheWalk()
    {
        var obj = Load("heldout_skb_walk.o");
        foreach (bool freq in new[] { false, true })
        {
            var r = Run(obj, "skb_projection", freq, logLevel: 2 | 4);
            KernelAnswer.AssertResult("skb_projection", r, null, 7, freq ? 1 : 0);
            Assert.Contains(" call bpf_dynptr_from_skb#", r.Log);
            Assert.Contains("\ncannot access ptr member next with moff 0 in struct (anon) with off 0 size 1\n5: R0=scalar() fp-16=dynptr_skb(id=1,dynptr_id=1)\n", r.Log);
        }
    }

    /// <summary>A pointer loaded from an element of fib6_info's flexible array fib6_nh[] is untrusted.</summary>
    [Fact]
    public void FlexibleArrayPointerIsUntrusted()
    {
        var r = Run(Cases0.Value, "flex_array_ptr", stateFreq: false, logLevel: 2 | 4);
        Assert.Contains("2: (79) r1 = *(u64 *)(r1 +200)        ; R1=untrusted_ptr_net_device()\n", r.Log);
    }
}
