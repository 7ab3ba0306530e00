using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// The patterns of real-world CO-RE tracing objects, bcc's libbpf-tools among them (a corpus of 40 tools built four
/// ways, 610 programs, all agreeing with the live kernel): ksyscall/kretsyscall, kprobe.multi and kprobe.session,
/// uprobe, uprobe.multi and sleepable uprobe.s, tp_btf with trusted task pointers and task/cgroup storage, raw_tp
/// and raw_tp.w, perf_event (read value, branch records), bpf_loop and bpf_for, ringbuf with and without dynptrs, the
/// user ringbuf, stack maps, tail calls, map-in-map, bloom filters and queues, and the rejections such tools meet:
/// unbounded helper sizes, variable offsets, reference leaks, context writes, spin locks in tracing programs,
/// helpers and kfuncs kprobes may not call, per-CPU kernel symbols the kernel cannot find. Each program of
/// Data/bcctools_cases.o (built from the C file beside it, CO-RE against the 6.18 BTF) against the verdict, error
/// line, processed instructions and peak states the live Linux 6.18.44 kernel gave through veristat.
/// </summary>
public class BccToolsTests
{
    /// <summary>(program, kernel error line or null when accepted, total_insns, peak_states, max_states_per_insn).</summary>
    public static readonly TheoryData<string, string?, int, int, int> Cases = new()
    {
        { "f_big_stack", null, 9, 0, 0 },
        { "f_btf_arg_oob", "invalid bpf_context access off=40 size=8", 1, 0, 0 },
        { "f_btf_write", "only read is supported", 3, 0, 0 },
        { "f_deref_scalar", "R0 invalid mem access 'scalar'", 2, 0, 0 },
        { "f_div", null, 9, 0, 0 },
        { "f_loop_badret", "At callback return the register R0 has smin=5 smax=5 should have been in [0, 1]", 9, 1, 0 },
        { "f_perf_bounded", null, 19, 2, 0 },
        { "f_perf_out_of_range", "R5 unbounded memory access, use 'var &= const' or 'if (var < const)'", 14, 0, 0 },
        { "f_ptr_leak", null, 11, 1, 0 },
        { "f_rb_leak", "BPF_EXIT instruction in main prog would lead to reference leak", 17, 1, 0 },
        { "f_rb_varsize", "R2 is not a known constant'", 4, 0, 0 },
        { "f_str_varoff", "R1 max value is outside of the allowed memory range", 16, 1, 0 },
        { "f_str_varoff_bad", "R1 max value is outside of the allowed memory range", 16, 1, 0 },
        { "f_uninit_stack", null, 10, 0, 0 },
        { "f_varoff_ok", null, 14, 1, 0 },
        { "f_varoff_write", "R0 unbounded memory access, make sure to bounds check any such access", 11, 0, 0 },
        { "f_varsize_read", "R2 min value is negative, either use unsigned or 'var &= const'", 12, 0, 0 },
        { "f_varsize_read2", "R2 min value is negative, either use unsigned or 'var &= const'", 13, 1, 0 },
        { "kmulti", null, 19, 1, 0 },
        { "kp_ctxwrite", "invalid bpf_context access off=80 size=8", 2, 0, 0 },
        { "kp_findvma", null, 32, 2, 1 },
        { "kp_for", null, 87, 11, 1 },
        { "kp_lock", "tracing progs cannot use bpf_spin_lock yet", 0, 0, 0 },
        { "kp_loop", null, 48, 6, 1 },
        { "kp_maps", null, 55, 5, 0 },
        { "kp_misc", "program of this type cannot use helper bpf_probe_write_user#36", 18, 1, 0 },
        { "kp_nullchk", "R0 invalid mem access 'map_value_or_null'", 7, 0, 0 },
        { "kp_oob", "tracing progs cannot use bpf_spin_lock yet", 0, 0, 0 },
        { "kp_override", "program of this type cannot use helper bpf_override_return#58", 2, 0, 0 },
        { "kp_percpu", "ldimm64 failed to find the address for kernel symbol 'runqueues'.", 0, 0, 0 },
        { "kp_rbdyn", null, 30, 3, 0 },
        { "kp_ringout", null, 26, 2, 0 },
        { "kp_session", null, 10, 1, 0 },
        { "kp_snprintf", null, 31, 2, 0 },
        { "kp_stack", null, 29, 1, 0 },
        { "kp_stackread", null, 10, 0, 0 },
        { "kp_tail0", null, 32, 3, 0 },
        { "kp_taskbtf", null, 21, 2, 0 },
        { "kp_taskpid", "calling kernel function bpf_task_from_pid is not allowed", 2, 0, 0 },
        { "kp_unbounded", null, 14, 1, 0 },
        { "kp_urb", null, 53, 3, 1 },
        { "kret_openat", null, 13, 0, 0 },
        { "ks_openat", null, 33, 2, 0 },
        { "pe_branch", null, 11, 1, 0 },
        { "pe_prog", null, 26, 2, 0 },
        { "rtp_loop", null, 462, 11, 3 },
        { "rtp_ss", null, 12, 1, 0 },
        { "rtp_sysenter", null, 22, 1, 0 },
        { "rtp_w", null, 6, 0, 0 },
        { "tp_exec", null, 12, 0, 0 },
        { "tp_fork", null, 21, 2, 0 },
        { "tp_fork_stack", null, 12, 1, 0 },
        { "tp_lock", "tracing progs cannot use bpf_spin_lock yet", 0, 0, 0 },
        { "tpbtf_ss", null, 25, 2, 0 },
        { "umulti", null, 7, 0, 0 },
        { "up_rl", null, 16, 1, 0 },
        { "ups_copy", null, 19, 1, 0 },
        { "urp_rl", null, 21, 2, 0 },
    };

    private static readonly Lazy<ObjectSpec> Object =
        new(() => ObjectLoader.Load(Path.Combine(AppContext.BaseDirectory, "Data", "bcctools_cases.o")));

    private static readonly Lazy<ObjectSpec> Globals =
        new(() => ObjectLoader.Load(Path.Combine(AppContext.BaseDirectory, "Data", "bcctools_globals.o")));

    private static VerificationResult Run(string prog, int logLevel = 1 | 4, Lazy<ObjectSpec>? from = null)
    {
        var obj = (from ?? Object).Value;
        var spec = obj.Programs.Single(p => p.Name == prog);
        return BpfVerifier.Verify(obj, spec, new VerifierOptions { LogLevel = logLevel, NrCpus = TestProgram.KernelNrCpus });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithKernel(string prog, string? error, int insns, int peak, int maxPerInsn)
    {
        var r = Run(prog);
        KernelAnswer.AssertResult(prog, r, error, insns, peak);
        Assert.Equal(maxPerInsn, r.Stats.MaxStatesPerInsn);
    }

    /// <summary>
    /// free_states ends each pass: a called global function is verified with empty buckets, so the main pass's
    /// checkpoints no longer share its buckets (max_states_per_insn was 1), while total and peak carry over.
    /// </summary>
    [Fact]
    public void GlobalPassStartsEmpty()
    {
        var r = Run("kp_tail0", from: Globals);
        Assert.True(r.Accepted, r.Log);
        Assert.Equal((34, 4, 4, 0), (r.Stats.TotalInsns, r.Stats.TotalStates, r.Stats.PeakStates, r.Stats.MaxStatesPerInsn));
    }

    /// <summary>resolve_map_arg_type: peek on a bloom filter reads the value, the stack is not written.</summary>
    [Fact]
    public void BloomPeekReadsValue()
    {
        var r = Run("kp_maps", 2);
        Assert.Contains("20: (85) call bpf_map_peek_elem#89    ; R0=scalar()\n", r.Log);
    }

    /// <summary>get_call_summary fails for a helper the program type refuses: R1-R5 stay live before the call.</summary>
    [Fact]
    public void RefusedHelperKeepsArgsLive()
    {
        var r = Run("kp_override", 2);
        Assert.Contains("      1: .12345.... (85) call bpf_override_return#58\n", r.Log);
    }

    /// <summary>A size check_mem_size_reg refuses, or a variable reservation size, fails before any mark_precise.</summary>
    [Theory]
    [InlineData("f_varsize_read")]
    [InlineData("f_rb_varsize")]
    [InlineData("f_perf_out_of_range")]
    public void RefusedSizeIsNotMarkedPrecise(string prog)
    {
        var r = Run(prog, 2);
        Assert.False(r.Accepted);
        Assert.DoesNotContain("regs=r2 stack= before", r.Log);
        Assert.DoesNotContain("regs=r5 stack= before", r.Log);
    }
}
