using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// String kfuncs, __bpf_trap, bpf_get_kmem_cache, the dynptr probe-read/copy-from-user kfuncs,
/// bpf_copy_from_user_task_str, bpf_cpumask_populate, bpf_stream_vprintk_impl, bpf_wq and bpf_task_work with
/// their sleepable async callbacks. Each program of the Data/strkf_*.o objects (built from the C files beside
/// them: clang-19 -O2 -g --target=bpf -mcpu=v3) against the verdict, error line, processed instructions and peak
/// states the live Linux 6.18.44 kernel gave through veristat (its cases that depend on that build refusing NULL
/// for every kfunc are left out: the corpus kernel does not).
/// </summary>
public class StringWqKfuncTests
{
    /// <summary>(object, program, kernel error line or null when accepted, total_insns, peak_states).</summary>
    public static readonly TheoryData<string, string, string?, int, int> Cases = new()
    {
        { "strkf_cases", "btf_refs", "unexpected __bpf_trap() due to uninitialized variable?", 1, 0 },
        { "strkf_cases", "char_is_ptr", "R2 is not a scalar", 3, 0 },
        { "strkf_cases", "clobber_r3", "R3 !read_ok", 4, 0 },
        { "strkf_cases", "count_ctx", "R2 is not a scalar", 3, 0 },
        { "strkf_cases", "count_uninit", "R2 is not a scalar", 2, 0 },
        { "strkf_cases", "ign_ctx", null, 3, 0 },
        { "strkf_cases", "ign_scalar", null, 5, 0 },
        { "strkf_cases", "ign_stack_uninit", null, 5, 0 },
        { "strkf_cases", "ign_uninit", null, 3, 0 },
        { "strkf_cases", "kmc_field", null, 5, 0 },
        { "strkf_cases", "kmc_helper", "program of this type cannot use helper bpf_skb_store_bytes#9", 5, 0 },
        { "strkf_cases", "kmc_kfunc_arg", "R1 is not a scalar", 4, 0 },
        { "strkf_cases", "kmc_no_check", null, 4, 0 },
        { "strkf_cases", "kmc_null_deref", "cannot access ptr member cpu_slab with moff 0 in struct kmem_cache with off 0 size 4", 3, 0 },
        { "strkf_cases", "kmc_ptr_arg", "R1 is not a scalar", 2, 0 },
        { "strkf_cases", "kmc_ptr_arith", null, 6, 0 },
        { "strkf_cases", "kmc_read", "cannot access ptr member cpu_slab with moff 0 in struct kmem_cache with off 0 size 4", 4, 0 },
        { "strkf_cases", "kmc_sock", null, 4, 0 },
        { "strkf_cases", "kmc_write", "only read is supported", 5, 0 },
        { "strkf_cases", "mrt_ptr", "R1 is not a scalar", 2, 0 },
        { "strkf_cases", "mrt_sock", null, 4, 0 },
        { "strkf_cases", "nstr_len_ptr", "R3 is not a scalar", 4, 0 },
        { "strkf_cases", "ret_upper", null, 8, 0 },
        { "strkf_cases", "strcasecmp_eq", null, 4, 0 },
        { "strkf_cases", "strchr_found", null, 4, 0 },
        { "strkf_cases", "strchrnul_found", null, 4, 0 },
        { "strkf_cases", "strcmp_eq", null, 4, 0 },
        { "strkf_cases", "strcmp_null", null, 4, 0 },
        { "strkf_cases", "strcspn_ok", null, 4, 0 },
        { "strkf_cases", "strlen_ok", null, 3, 0 },
        { "strkf_cases", "strlen_range", "invalid unbounded variable-offset read from stack R2", 14, 0 },
        { "strkf_cases", "strlen_tp", null, 8, 1 },
        { "strkf_cases", "strlen_user_ptr", null, 4, 0 },
        { "strkf_cases", "strlen_xdp", null, 8, 1 },
        { "strkf_cases", "strnchr_found", null, 5, 0 },
        { "strkf_cases", "strnlen_ok", null, 4, 0 },
        { "strkf_cases", "strnstr_ok", null, 5, 0 },
        { "strkf_cases", "strrchr_found", null, 4, 0 },
        { "strkf_cases", "strspn_ok", null, 4, 0 },
        { "strkf_cases", "strstr_ok", null, 4, 0 },
        { "strkf_cases", "trap_call", "unexpected __bpf_trap() due to uninitialized variable?", 1, 0 },
        { "strkf_cases", "trap_dead", null, 3, 0 },
        { "strkf_dynptr", "btf_refs", "Unsupported reg type fp for bpf_dynptr_from_mem data", 13, 0 },
        { "strkf_dynptr", "cfu_not_sleepable", "program must be sleepable to call sleepable kfunc bpf_copy_from_user_dynptr", 20, 1 },
        { "strkf_dynptr", "cfu_ok", null, 22, 2 },
        { "strkf_dynptr", "cfus_ok", null, 22, 2 },
        { "strkf_dynptr", "cfut_current", "program must be sleepable to call sleepable kfunc bpf_copy_from_user_task_dynptr", 22, 2 },
        { "strkf_dynptr", "cfut_null_task", "Possibly NULL pointer passed to trusted arg4", 24, 2 },
        { "strkf_dynptr", "cfut_ok", null, 31, 3 },
        { "strkf_dynptr", "cfut_stack_task", "arg#4 pointer type STRUCT task_struct must point to scalar, or struct with scalar", 21, 1 },
        { "strkf_dynptr", "cfut_zero_task", "Possibly NULL pointer passed to trusted arg4", 21, 1 },
        { "strkf_dynptr", "cfuts_ok", null, 31, 3 },
        { "strkf_dynptr", "cfuts_str_big", "arg#0 arg#1 memory, len pair leads to invalid memory access", 11, 0 },
        { "strkf_dynptr", "cfuts_str_not_sleepable", "program must be sleepable to call sleepable kfunc bpf_copy_from_user_task_str", 8, 0 },
        { "strkf_dynptr", "cfuts_str_ok", null, 17, 1 },
        { "strkf_dynptr", "cfuts_str_read", null, 18, 1 },
        { "strkf_dynptr", "prk_ok", null, 22, 2 },
        { "strkf_dynptr", "prk_xdp", null, 22, 2 },
        { "strkf_dynptr", "prks_ok", null, 22, 2 },
        { "strkf_dynptr", "pru_not_stack", "arg#0 expected pointer to stack or const struct bpf_dynptr", 19, 1 },
        { "strkf_dynptr", "pru_off_ptr", "R2 is not a scalar", 20, 1 },
        { "strkf_dynptr", "pru_ok", null, 22, 2 },
        { "strkf_dynptr", "pru_ringbuf", null, 18, 1 },
        { "strkf_dynptr", "pru_ringbuf_leak", "BPF_EXIT instruction in main prog would lead to reference leak", 14, 1 },
        { "strkf_dynptr", "pru_size_var", null, 23, 2 },
        { "strkf_dynptr", "pru_socket", null, 22, 2 },
        { "strkf_dynptr", "pru_stack_off", "Expected an initialized dynptr as arg #0", 20, 1 },
        { "strkf_dynptr", "pru_uninit", "Expected an initialized dynptr as arg #0", 6, 0 },
        { "strkf_dynptr", "prus_ok", null, 22, 2 },
        { "strkf_cpumask", "btf_refs", null, 16, 1 },
        { "strkf_cpumask", "pop_map", null, 20, 2 },
        { "strkf_cpumask", "pop_maybe_null", "Possibly NULL pointer passed to trusted arg0", 9, 0 },
        { "strkf_cpumask", "pop_null_src", "Possibly NULL pointer passed to trusted arg1", 7, 0 },
        { "strkf_cpumask", "pop_socket", "calling kernel function bpf_cpumask_create is not allowed", 1, 0 },
        { "strkf_cpumask", "pop_stack", null, 16, 1 },
        { "strkf_cpumask", "pop_too_big", "arg#1 arg#2 memory, len pair leads to invalid memory access", 10, 0 },
        { "strkf_cpumask", "pop_uninit", null, 14, 1 },
        { "strkf_cpumask", "pop_var_size", null, 18, 1 },
        { "strkf_wq", "tw_bad_off", "off 0 doesn't point to 'struct bpf_task_work' that is at 16", 15, 1 },
        { "strkf_wq", "tw_cb_ret_big", null, 25, 2 },
        { "strkf_wq", "tw_cb_ret_unknown", "At async callback return the register R0 has unknown scalar value should have been in [-2147483648, 2147483647]", 21, 2 },
        { "strkf_wq", "tw_maybe_null_value", "off 0 doesn't point to 'struct bpf_task_work' that is at 16", 14, 1 },
        { "strkf_wq", "tw_null_task", "Possibly NULL pointer passed to trusted arg0", 14, 1 },
        { "strkf_wq", "tw_resume_ok", "At async callback return the register R0 has smin=4294966296 smax=4294966296 should have been in [-2147483648, 2147483647]", 21, 2 },
        { "strkf_wq", "tw_signal_ok", null, 27, 2 },
        { "strkf_wq", "tw_syscall", null, 33, 3 },
        { "strkf_wq", "tw_tc", null, 33, 3 },
        { "strkf_wq", "tw_wrong_map", "bpf_task_work pointer in R2 map_uid=0 doesn't match map pointer in R3 map_uid=0", 16, 1 },
        { "strkf_wq", "wq_array_ok", null, 41, 3 },
        { "strkf_wq", "wq_bad_off", "R1 doesn't have constant offset. bpf_wq has to be at the constant offset", 16, 1 },
        { "strkf_wq", "wq_cb_reads_value", "bpf_wq cannot be accessed directly by load/store", 43, 4 },
        { "strkf_wq", "wq_cb_returns_1", "At async callback return the register R0 has smin=1 smax=1 should have been in [0, 0]", 44, 4 },
        { "strkf_wq", "wq_cb_sleepable", null, 54, 5 },
        { "strkf_wq", "wq_flags_ptr", "R2 is not a scalar", 10, 0 },
        { "strkf_wq", "wq_hash_ok", null, 53, 3 },
        { "strkf_wq", "wq_init_nomap", "pointer in R2 isn't map pointer", 12, 0 },
        { "strkf_wq", "wq_init_wrong_map", "workqueue pointer in R1 map_uid=0 doesn't match map pointer in R2 map_uid=0", 11, 0 },
        { "strkf_wq", "wq_lru", null, 63, 5 },
        { "strkf_wq", "wq_maybe_null", null, 11, 1 },
        { "strkf_wq", "wq_no_wq_field", "map 'plainmap' has no valid bpf_wq", 10, 0 },
        { "strkf_wq", "wq_socket", null, 55, 5 },
        { "strkf_wq", "wq_static_sub", null, 55, 5 },
        { "strkf_wq", "wq_syscall", null, 54, 5 },
        { "strkf_wq", "wq_tracing", null, 55, 5 },
        { "strkf_wq", "wq_wrong_offset", "off 1 doesn't point to 'struct bpf_wq' that is at 0", 20, 1 },
        { "strkf_wq", "wq_wrong_pointer", "arg#0 doesn't point to a map value", 14, 1 },
        { "strkf_wq", "wq_xdp", null, 75, 8 },
        { "strkf_stream", "stream_bad_fmt", null, 10, 0 },
        { "strkf_stream", "stream_big_len", "arg#2 arg#3 memory, len pair leads to invalid memory access", 9, 0 },
        { "strkf_stream", "stream_ctx_fmt", "arg#1 doesn't point to a const string", 6, 0 },
        { "strkf_stream", "stream_fmt_off", null, 10, 0 },
        { "strkf_stream", "stream_fmt_var_off", "R2 is not a constant address'", 10, 0 },
        { "strkf_stream", "stream_id_ptr", "R1 is not a scalar", 7, 0 },
        { "strkf_stream", "stream_no_zero", "string is not zero-terminated", 9, 0 },
        { "strkf_stream", "stream_null_arg", "Possibly NULL pointer passed to trusted arg2", 6, 0 },
        { "strkf_stream", "stream_ok", null, 10, 0 },
        { "strkf_stream", "stream_scalar_arg", "arg#2 arg#3 memory, len pair leads to invalid memory access", 6, 0 },
        { "strkf_stream", "stream_socket", null, 11, 0 },
        { "strkf_stream", "stream_stack_fmt", "arg#1 doesn't point to a const string", 10, 0 },
        { "strkf_stream", "stream_tc", null, 13, 0 },
        { "strkf_stream", "stream_writable_fmt", "R2 does not point to a readonly map'", 9, 0 },
        { "strkf_wq2", "tw_resched", null, 51, 5 },
        { "strkf_wq2", "wq_cb_no_r0", "R0 !read_ok", 16, 1 },
        { "strkf_wq2", "wq_global_cb", "callback function not static", 16, 1 },
        { "strkf_wq2", "wq_helper_sleep", null, 31, 2 },
        { "strkf_wq2", "wq_key", null, 28, 2 },
        { "strkf_wq2", "wq_key_oob", null, 26, 2 },
        { "strkf_wq2", "wq_rearm", null, 33, 3 },
        { "strkf_wq2", "wq_twice", null, 40, 3 },
        { "strkf_wq2", "wq_value_oob", null, 26, 2 },
    };

    private static readonly Dictionary<string, ObjectSpec> Objects = [];

    private static ObjectSpec Load(string name)
    {
        lock (Objects)
        {
            if (!Objects.TryGetValue(name, out var obj))
            {
                obj = ObjectLoader.Load(Path.Combine(AppContext.BaseDirectory, "Data", name + ".o"));
                Objects[name] = obj;
            }
            return obj;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithKernel(string file, string prog, string? error, int insns, int peak)
    {
        var obj = Load(file);
        var spec = obj.Programs.Single(p => p.Name == prog);
        var r = BpfVerifier.Verify(obj, spec, new VerifierOptions { LogLevel = 1 | 4, NrCpus = TestProgram.KernelNrCpus });
        if (error == null)
            Assert.True(r.Accepted, $"{prog}: {r.ErrorLine}\n{r.Log}");
        else
        {
            Assert.False(r.Accepted, prog);
            Assert.Equal(error, r.ErrorLine);
        }
        Assert.Equal(insns, r.Stats.TotalInsns);
        Assert.Equal(peak, r.Stats.PeakStates);
    }
}
