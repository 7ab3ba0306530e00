using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// What the PREVAIL samples added to vbpf/ebpf-samples after the corpus snapshot taught (bpf_loop_helper, cpumap,
/// devmap, global_func, hash_of_maps, invalid_map_access, lpm_trie, percpu_array/hash, perf_event_array,
/// queue_stack, sockmap, spectre_v1, tail_call_single_section), with programs of our own around their map types,
/// global functions, bpf_loop, tail calls and spectre-v1 patterns: a function is named by its BTF FUNC (clang's
/// `f.specialized.N` clones keep `f` there); bpf_for_each_map_elem on a map without map_for_each_callback fails
/// with the kernel's message; a tail call straight in a callback ends in the kernel's precision-backtracking
/// "verifier bug"; helpers read and write the stack at a variable offset (as root: uninitialized bytes and pointer
/// spills too, clobbered by a writing helper); a helper's size is marked precise only once its memory check passed.
/// Each program of Data/prevail_new_cases.o (built from the C file beside it) and of the
/// PREVAIL-style legacy object Data/prevail_new_legacy.o against the verdict, error line, processed instructions and
/// peak states the live Linux 6.18.44 kernel gave through veristat, without and with -t.
/// </summary>
public class PrevailNewTests
{
    /// <summary>(program, kernel error line or null when accepted, total_insns, peak_states, and both with -t).</summary>
    public static readonly TheoryData<string, string?, int, int, int, int> Cases = new()
    {
        { "aom_ringbuf_reserve", null, 23, 2, 22, 4 },
        { "call_specialized_clone", "Caller passes invalid args into func#1 ('gf_ptr_nocheck')", 1, 0, 1, 1 },
        { "callee", null, 2, 0, 2, 0 },
        { "caller", "R0 !read_ok", 4, 0, 4, 1 },
        { "cpumap_lookup", "cannot pass map_type 16 into func bpf_map_lookup_elem#1", 6, 0, 6, 0 },
        { "devmap_lookup_write", "write into map forbidden, value_size=4 off=0 size=4", 9, 0, 9, 1 },
        { "fe_devmap_hash", "callback function not allowed for map", 5, 1, 5, 3 },
        { "fe_hash_of_maps", "callback function not allowed for map", 5, 1, 5, 3 },
        { "fe_lpm", "callback function not allowed for map", 5, 1, 5, 3 },
        { "fe_lru_read", null, 10, 1, 10, 5 },
        { "fe_prog_array", "callback function not allowed for map", 5, 1, 5, 3 },
        { "fe_prog_array_ctx", "R3 type=ctx expected=fp", 5, 1, 5, 3 },
        { "fe_queue", "callback function not allowed for map", 5, 1, 5, 3 },
        { "hom_func", null, 18, 1, 17, 4 },
        { "ima_func", "R1 min value is outside of the allowed memory range", 20, 1, 20, 5 },
        { "loop_ret2", "At callback return the register R0 has smin=2 smax=2 should have been in [0, 1]", 11, 1, 11, 5 },
        { "msg_redirect_hash_sockmap", "cannot pass map_type 15 into func bpf_msg_redirect_hash#71", 7, 0, 7, 0 },
        { "pcpu_arr_oob", "R0 min value is outside of the allowed memory range", 8, 0, 8, 1 },
        { "pcpu_lookup_percpu_elem", null, 14, 1, 13, 3 },
        { "perf_var_size_over", "invalid read from stack R4 off=-64 size=127", 19, 0, 19, 1 },
        { "qs_func", "invalid zero-sized read", 6, 0, 6, 0 },
        { "queue_delete", "invalid zero-sized read", 6, 0, 6, 0 },
        { "reuseport_select_sockmap", null, 13, 1, 13, 3 },
        { "sockmap_lookup_leak", "BPF_EXIT instruction in main prog would lead to reference leak", 10, 1, 10, 2 },
        { "spectre_type_confusion", null, 31, 3, 30, 7 },
        { "spectre_u32_off_by_one", "R0 max value is outside of the allowed memory range", 14, 1, 14, 2 },
        { "spectre_v1_1", null, 28, 3, 26, 6 },
        { "spectre_v1_2", null, 22, 2, 21, 3 },
        { "spectre_v1_3", null, 22, 2, 21, 3 },
        { "spectre_v1_4", "R2 max value is outside of the allowed memory range", 14, 1, 14, 2 },
        { "spectre_v1_5", null, 30, 2, 29, 5 },
        { "spectre_v1_6", null, 30, 3, 28, 6 },
        { "stack_pop_small", "invalid write to stack R2 off=-4 size=8", 4, 0, 4, 0 },
        { "tail_call_ref", "tail_call would lead to reference leak", 20, 0, 20, 1 },
        { "tailcall_subprog_callback", null, 25, 3, 25, 12 },
        { "test_bpf_loop", null, 44, 4, 41, 11 },
        { "test_cpumap", null, 5, 0, 5, 1 },
        { "test_devmap", null, 5, 0, 5, 1 },
        { "test_global_func", null, 29, 3, 29, 9 },
        { "test_lpm_trie", null, 21, 2, 21, 4 },
        { "test_percpu_array", null, 12, 1, 12, 2 },
        { "test_percpu_hash", null, 24, 2, 24, 5 },
        { "test_perf_event", null, 14, 1, 14, 3 },
        { "test_sockmap", null, 5, 0, 5, 1 },
        { "vo_load_then_read", null, 19, 1, 19, 2 },
        { "vo_load_uninit", null, 11, 1, 11, 2 },
        { "vo_map_update_from_var_stack", null, 15, 1, 15, 2 },
        { "vo_probe_read_var_stack", null, 10, 1, 10, 2 },
        { "vo_read_into_dynptr", "invalid read from stack R3 var_off (0x0; 0x7)+16 size 16", 17, 1, 17, 2 },
        { "vo_read_over_ptr_spill", null, 17, 1, 17, 2 },
        { "vo_write_into_dynptr", "invalid read from stack R3 var_off (0x0; 0x7)+16 size 16", 16, 1, 16, 2 },
        { "vo_write_keeps_spill_outside", null, 14, 1, 14, 2 },
        { "vo_write_over_ptr_spill_then_use", "R1 invalid mem access 'scalar'", 15, 1, 15, 2 },
        { "vo_write_spilled_scalar_precise", null, 17, 1, 17, 4 },
        { "vo_write_uninit_read_outside", null, 12, 1, 12, 2 },
        { "vo_write_uninit_then_read", null, 14, 1, 14, 2 },
        { "xsk_lookup", null, 11, 1, 11, 2 },
    };

    /// <summary>The legacy object's .text functions, typed as socket filters (no BTF maps, no SEC names).</summary>
    public static readonly TheoryData<string, string?, int, int, int, int> LegacyCases = new()
    {
        { "legacy_bounded", null, 22, 2, 21, 3 },
        { "legacy_unbounded", "R0 max value is outside of the allowed memory range", 13, 1, 13, 2 },
    };

    private static readonly Lazy<ObjectSpec> Cases0 = new(() => Load("prevail_new_cases.o"));
    private static readonly Lazy<ObjectSpec> Legacy = new(() => Load("prevail_new_legacy.o"));

    private static ObjectSpec Load(string name) => ObjectLoader.Load(Path.Combine(AppContext.BaseDirectory, "Data", name));

    private static VerificationResult Run(ObjectSpec obj, string prog, bool testStateFreq = false)
    {
        var spec = obj.Programs.Single(p => p.Name == prog);
        var options = new VerifierOptions { LogLevel = 1 | 4, NrCpus = TestProgram.KernelNrCpus, TestStateFreq = testStateFreq };
        return BpfVerifier.Verify(obj, spec, options);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithKernel(string prog, string? error, int insns, int peak, int insnsT, int peakT) =>
        KernelAnswer.AssertAgrees(prog, freq => Run(Cases0.Value, prog, freq), error, insns, peak, insnsT, peakT);

    [Theory]
    [MemberData(nameof(LegacyCases))]
    public void LegacyObjectAgreesWithKernel(string prog, string? error, int insns, int peak, int insnsT, int peakT) =>
        KernelAnswer.AssertAgrees(prog, freq => Run(Legacy.Value, prog, freq), error, insns, peak, insnsT, peakT);

    /// <summary>The kernel names the callee by its BTF FUNC, not by the clone's ELF symbol.</summary>
    [Fact]
    public void SpecializedCloneKeepsItsBtfName()
    {
        Assert.Contains(Cases0.Value.Programs.Single(p => p.Name == "call_specialized_clone").FunctionNames.Values,
            n => n.StartsWith("gf_ptr_nocheck.specialized.", StringComparison.Ordinal));
        var r = Run(Cases0.Value, "call_specialized_clone");
        Assert.Contains("R1 type=ctx expected=fp\nCaller passes invalid args into func#1 ('gf_ptr_nocheck')\n", r.Log);
    }

    /// <summary>
    /// A tail call straight in a bpf_loop callback: backtracking R0's precision reaches the bpf_loop call with R0
    /// wanted, the kernel's "verifier bug". With BPF_F_TEST_STATE_FREQ a checkpoint inside the callback ends the walk
    /// before that call, and the callback's return check fails instead.
    /// </summary>
    [Fact]
    public void TailCallInCallback()
    {
        const string prog = "tailcall_direct_callback";
        KernelAnswer.AssertResult(prog, Run(Cases0.Value, prog), "verifier bug: callback unexpected regs 1", 13, 1);
        KernelAnswer.AssertResult(prog, Run(Cases0.Value, prog, true),
            "At callback return the register R0 has unknown scalar value should have been in [0, 1]", 13, 5);
    }

    /// <summary>check_mem_size_reg marks the size precise only after check_helper_mem_access accepted the memory.</summary>
    [Fact]
    public void NoSizePrecisionBeforeRefusedMemory()
    {
        var obj = Cases0.Value;
        var spec = obj.Programs.Single(p => p.Name == "perf_var_size_over");
        var r = BpfVerifier.Verify(obj, spec, new VerifierOptions { LogLevel = 2 | 4, NrCpus = TestProgram.KernelNrCpus });
        Assert.Equal("invalid read from stack R4 off=-64 size=127", r.ErrorLine);
        Assert.DoesNotContain("mark_precise", r.Log);
    }

    /// <summary>The map check comes after the arguments' checks: a context as callback_ctx fails first.</summary>
    [Fact]
    public void ForEachMapCheckFollowsArgumentChecks()
    {
        Assert.Equal("R3 type=ctx expected=fp", Run(Cases0.Value, "fe_prog_array_ctx").ErrorLine);
        Assert.Equal("callback function not allowed for map", Run(Cases0.Value, "fe_prog_array").ErrorLine);
    }
}
