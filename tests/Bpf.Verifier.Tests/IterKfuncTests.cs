using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// bpf_local_irq_save/restore (STACK_IRQ_FLAG slots, IRQ references restored newest first), the resilient spin
/// locks (bpf_res_spin_lock[_irqsave] and their unlocks: the forked failure path, AA deadlocks, unlock order) and the
/// task, css and kmem_cache open-coded iterators. Each program of Data/iterkf_cases_*.o (built from the C files beside
/// them, ported from the 6.18 selftests irq.c, res_spin_lock*.c, iters_task*.c, iters_css.c, kmem_cache_iter.c) against
/// the verdict, error line, processed instructions and states the live Linux 6.18 kernel gave through veristat, with
/// and without BPF_F_TEST_STATE_FREQ (-t).
/// </summary>
public class IterKfuncTests
{
    /// <summary>(object, program, kernel error line or null when accepted, insns, total states, peak states, insns and total states with -t).</summary>
    public static readonly TheoryData<string, string, string?, int, int, int, int, int> Cases = new()
    {
        { "iterkf_cases_irq", "global_sleepable_ok", null, 9, 1, 1, 9, 4 },
        { "iterkf_cases_irq", "irq_around_loop", null, 44, 5, 6, 38, 15 },
        { "iterkf_cases_irq", "irq_balance", null, 12, 1, 1, 12, 8 },
        { "iterkf_cases_irq", "irq_balance_n", null, 32, 3, 3, 32, 24 },
        { "iterkf_cases_irq", "irq_balance_subprog", null, 14, 1, 1, 14, 11 },
        { "iterkf_cases_irq", "irq_branches", null, 13, 1, 1, 13, 4 },
        { "iterkf_cases_irq", "irq_cond_save", null, 11, 1, 1, 11, 3 },
        { "iterkf_cases_irq", "irq_flag_overwrite", "expected an initialized irq flag as arg#0", 8, 0, 0, 8, 1 },
        { "iterkf_cases_irq", "irq_flag_overwrite_partial", "expected an initialized irq flag as arg#0", 8, 0, 0, 8, 1 },
        { "iterkf_cases_irq", "irq_flag_read_helper", "invalid read from stack R3 off -8+0 size 8", 11, 0, 0, 11, 1 },
        { "iterkf_cases_irq", "irq_flag_to_helper", "expected an initialized irq flag as arg#0", 9, 1, 1, 9, 2 },
        { "iterkf_cases_irq", "irq_global_global_sleepable", "a non-sleepable BPF program context", 5, 0, 0, 5, 1 },
        { "iterkf_cases_irq", "irq_global_indirect_sleepable", "a non-sleepable BPF program context", 5, 0, 0, 5, 1 },
        { "iterkf_cases_irq", "irq_global_nonsleep_in_sleepable", null, 43, 5, 5, 43, 30 },
        { "iterkf_cases_irq", "irq_global_sleepable", "a non-sleepable BPF program context", 5, 0, 0, 5, 1 },
        { "iterkf_cases_irq", "irq_global_subprog", null, 43, 5, 5, 43, 30 },
        { "iterkf_cases_irq", "irq_helper_inside", null, 11, 1, 1, 11, 3 },
        { "iterkf_cases_irq", "irq_in_loop", null, 52, 5, 6, 48, 19 },
        { "iterkf_cases_irq", "irq_loop_cb_leak", "BPF_EXIT instruction in main prog cannot be used inside bpf_local_irq_save-ed region", 15, 2, 2, 15, 8 },
        { "iterkf_cases_irq", "irq_loop_cb_ok", null, 16, 2, 2, 16, 7 },
        { "iterkf_cases_irq", "irq_loop_leak", "BPF_EXIT instruction in main prog cannot be used inside bpf_local_irq_save-ed region", 35, 3, 3, 35, 15 },
        { "iterkf_cases_irq", "irq_loop_outer", null, 22, 2, 2, 22, 9 },
        { "iterkf_cases_irq", "irq_misaligned", "expected uninitialized irq flag as arg#0", 3, 0, 0, 3, 0 },
        { "iterkf_cases_irq", "irq_ooo_lock_cond_inv", "cannot restore irq state out of order, expected id=4 acquired at insn_idx=26", 32, 2, 2, 32, 7 },
        { "iterkf_cases_irq", "irq_ooo_refs_array", "cannot restore irq state out of order, expected id=5 acquired at insn_idx=27", 38, 3, 3, 38, 8 },
        { "iterkf_cases_irq", "irq_preempt_inside", null, 10, 1, 1, 10, 4 },
        { "iterkf_cases_irq", "irq_rcu_inside", null, 10, 1, 1, 10, 4 },
        { "iterkf_cases_irq", "irq_rcu_sleepable", null, 15, 1, 1, 15, 5 },
        { "iterkf_cases_irq", "irq_read_flag", "invalid read from stack off -8+0 size 8", 5, 0, 0, 5, 1 },
        { "iterkf_cases_irq", "irq_restore_3_subprog", null, 32, 3, 3, 32, 18 },
        { "iterkf_cases_irq", "irq_restore_4_subprog", "cannot restore irq state out of order, expected id=2 acquired at insn_idx=29", 33, 3, 3, 33, 18 },
        { "iterkf_cases_irq", "irq_restore_bad_arg", "arg#0 doesn't point to an irq flag on stack", 2, 0, 0, 2, 0 },
        { "iterkf_cases_irq", "irq_restore_in_callee", null, 10, 1, 1, 10, 5 },
        { "iterkf_cases_irq", "irq_restore_invalid", "expected an initialized irq flag as arg#0", 8, 0, 0, 8, 1 },
        { "iterkf_cases_irq", "irq_restore_iter", "expected an initialized irq flag as arg#0", 8, 0, 0, 8, 1 },
        { "iterkf_cases_irq", "irq_restore_missing_1_subprog", "BPF_EXIT instruction in main prog cannot be used inside bpf_local_irq_save-ed region", 7, 0, 0, 7, 4 },
        { "iterkf_cases_irq", "irq_restore_missing_2", "BPF_EXIT instruction in main prog cannot be used inside bpf_local_irq_save-ed region", 8, 0, 0, 8, 2 },
        { "iterkf_cases_irq", "irq_restore_missing_3_minus_2", "BPF_EXIT instruction in main prog cannot be used inside bpf_local_irq_save-ed region", 17, 2, 2, 17, 5 },
        { "iterkf_cases_irq", "irq_restore_missing_3_minus_2_subprog", "BPF_EXIT instruction in main prog cannot be used inside bpf_local_irq_save-ed region", 27, 3, 3, 27, 20 },
        { "iterkf_cases_irq", "irq_restore_only", "expected an initialized irq flag as arg#0", 3, 0, 0, 3, 0 },
        { "iterkf_cases_irq", "irq_restore_ooo", "cannot restore irq state out of order, expected id=2 acquired at insn_idx=7", 10, 1, 1, 10, 2 },
        { "iterkf_cases_irq", "irq_restore_ooo_3", "cannot restore irq state out of order, expected id=3 acquired at insn_idx=13", 16, 1, 1, 16, 4 },
        { "iterkf_cases_irq", "irq_restore_ooo_3_subprog", "cannot restore irq state out of order, expected id=4 acquired at insn_idx=15", 32, 3, 3, 32, 18 },
        { "iterkf_cases_irq", "irq_save_bad_arg", "arg#0 doesn't point to an irq flag on stack", 2, 0, 0, 2, 0 },
        { "iterkf_cases_irq", "irq_save_invalid", "expected uninitialized irq flag as arg#0", 6, 0, 0, 6, 1 },
        { "iterkf_cases_irq", "irq_save_iter", "BPF_EXIT instruction in main prog would lead to reference leak", 12, 1, 1, 12, 3 },
        { "iterkf_cases_irq", "irq_sleepable_helper", "sleepable helper bpf_copy_from_user#148 in IRQ-disabled region", 11, 0, 0, 11, 4 },
        { "iterkf_cases_irq", "irq_sleepable_kfunc", "kernel func bpf_copy_from_user_str is sleepable within IRQ-disabled region", 12, 0, 0, 12, 4 },
        { "iterkf_cases_irq", "irq_sleepable_ok", null, 13, 1, 1, 13, 3 },
        { "iterkf_cases_irq", "irq_subprog_leak_frame", "BPF_EXIT instruction in main prog cannot be used inside bpf_local_irq_save-ed region", 7, 0, 0, 7, 4 },
        { "iterkf_cases_irq", "irq_tail_call", "R2 type=scalar expected=map_ptr", 9, 0, 0, 9, 1 },
        { "iterkf_cases_irq", "irq_tail_call2", "tail_call cannot be used inside bpf_local_irq_save-ed region", 9, 0, 0, 9, 1 },
        { "iterkf_cases_irq", "irq_throw", "bpf_throw cannot be used inside bpf_local_irq_save-ed region", 8, 0, 0, 8, 2 },
        { "iterkf_cases_irq", "irq_throw_sub", "bpf_throw cannot be used inside bpf_local_irq_save-ed region", 11, 1, 1, 11, 4 },
        { "iterkf_cases_irq", "irq_var_off", "expected uninitialized irq flag as arg#0", 8, 0, 0, 8, 0 },
        { "iterkf_cases_irq", "irq_wrong_kfunc_class_1", "function calls are not allowed while holding a lock", 17, 1, 1, 17, 3 },
        { "iterkf_cases_irq", "irq_wrong_kfunc_class_2", "function calls are not allowed while holding a lock", 19, 1, 1, 19, 4 },
        { "iterkf_cases_irq", "irq_wrong_kfunc_class_3", "expected uninitialized irq flag as arg#1", 15, 1, 1, 15, 3 },
        { "iterkf_cases_irq", "preempt_sleepable_helper", "sleepable helper bpf_copy_from_user#148 in non-preemptible region", 6, 0, 0, 6, 1 },
        { "iterkf_cases_irq", "rcu_global_sleepable", "a non-sleepable BPF program context", 2, 0, 0, 2, 1 },
        { "iterkf_cases_irq", "rcu_sleepable_helper", "sleepable helper bpf_copy_from_user#148 in rcu_read_lock region", 6, 0, 0, 6, 1 },
        { "iterkf_cases_irq", "reslock_throw", "function calls are not allowed while holding a lock", 16, 1, 1, 16, 4 },
        { "iterkf_cases_reslock", "res_spin_lock_AA", "Acquiring the same lock again, AA deadlock detected", 12, 1, 1, 12, 3 },
        { "iterkf_cases_reslock", "res_spin_lock_bad_off", "off 1 doesn't point to 'struct bpf_res_spin_lock' that is at 0", 10, 0, 0, 10, 1 },
        { "iterkf_cases_reslock", "res_spin_lock_bad_off2", "off 0 doesn't point to 'struct bpf_res_spin_lock' that is at 4", 9, 0, 0, 9, 1 },
        { "iterkf_cases_reslock", "res_spin_lock_basic", null, 21, 2, 2, 20, 5 },
        { "iterkf_cases_reslock", "res_spin_lock_cond_AA", "Acquiring the same lock again, AA deadlock detected", 13, 1, 1, 13, 3 },
        { "iterkf_cases_reslock", "res_spin_lock_global", "use static function instead", 13, 1, 1, 13, 4 },
        { "iterkf_cases_reslock", "res_spin_lock_helper_inside", "function calls are not allowed while holding a lock", 12, 1, 1, 12, 3 },
        { "iterkf_cases_reslock", "res_spin_lock_in_subprog", null, 28, 3, 3, 25, 11 },
        { "iterkf_cases_reslock", "res_spin_lock_irq_mismatch_1", "bpf_res_spin_unlock of different lock", 18, 1, 1, 18, 4 },
        { "iterkf_cases_reslock", "res_spin_lock_irq_mismatch_2", "bpf_res_spin_unlock of different lock", 15, 1, 1, 15, 3 },
        { "iterkf_cases_reslock", "res_spin_lock_irq_ok", null, 24, 2, 2, 24, 5 },
        { "iterkf_cases_reslock", "res_spin_lock_leak", "BPF_EXIT instruction in main prog cannot be used inside bpf_spin_lock-ed region", 11, 1, 1, 11, 2 },
        { "iterkf_cases_reslock", "res_spin_lock_local_obj", "local 'kptr' has no valid bpf_res_spin_lock", 7, 0, 0, 7, 2 },
        { "iterkf_cases_reslock", "res_spin_lock_local_obj_drop_locked", "local 'kptr' has no valid bpf_res_spin_lock", 7, 0, 0, 7, 2 },
        { "iterkf_cases_reslock", "res_spin_lock_loop", null, 57, 6, 6, 47, 14 },
        { "iterkf_cases_reslock", "res_spin_lock_mismatch", "bpf_res_spin_unlock of different lock", 21, 1, 1, 21, 5 },
        { "iterkf_cases_reslock", "res_spin_lock_nest3", null, 60, 6, 6, 49, 15 },
        { "iterkf_cases_reslock", "res_spin_lock_nested_irq_mix", null, 40, 3, 3, 36, 10 },
        { "iterkf_cases_reslock", "res_spin_lock_no_lock_map", "map 'plainmap' has no valid bpf_res_spin_lock", 9, 0, 0, 9, 1 },
        { "iterkf_cases_reslock", "res_spin_lock_null_arg", "BPF_EXIT instruction in main prog cannot be used inside bpf_spin_lock-ed region", 10, 1, 1, 10, 2 },
        { "iterkf_cases_reslock", "res_spin_lock_ooo", null, 36, 3, 3, 32, 10 },
        { "iterkf_cases_reslock", "res_spin_lock_ooo_irq", null, 41, 4, 4, 40, 10 },
        { "iterkf_cases_reslock", "res_spin_lock_ooo_unlock", "bpf_res_spin_unlock cannot be out of order", 24, 2, 2, 24, 6 },
        { "iterkf_cases_reslock", "res_spin_lock_ret_unchecked_use", null, 26, 2, 2, 26, 10 },
        { "iterkf_cases_reslock", "res_spin_lock_ret_value", null, 22, 2, 2, 21, 7 },
        { "iterkf_cases_reslock", "res_spin_lock_same_map_two", null, 38, 3, 3, 33, 10 },
        { "iterkf_cases_reslock", "res_spin_lock_spin_lock_map", "map 'slmap' has no valid bpf_res_spin_lock", 9, 0, 0, 9, 1 },
        { "iterkf_cases_reslock", "res_spin_lock_spin_unlock", "bpf_spin_unlock of different lock", 19, 1, 1, 19, 4 },
        { "iterkf_cases_reslock", "res_spin_lock_stack_arg", "arg#0 doesn't point to map value or allocated object", 5, 0, 0, 5, 0 },
        { "iterkf_cases_reslock", "res_spin_lock_then_spin_lock", null, 28, 2, 2, 28, 9 },
        { "iterkf_cases_reslock", "res_spin_lock_unchecked", "bpf_res_spin_unlock without taking a lock", 22, 1, 1, 22, 5 },
        { "iterkf_cases_reslock", "res_spin_lock_unlock_irq_wrong_flag", "expected an initialized irq flag as arg#1", 17, 1, 1, 17, 3 },
        { "iterkf_cases_reslock", "res_spin_lock_unlock_twice", "bpf_res_spin_unlock without taking a lock", 15, 1, 1, 15, 4 },
        { "iterkf_cases_reslock", "res_spin_lock_unlock_wrong_kind", "map 'slmap' has no valid bpf_res_spin_lock", 12, 1, 1, 12, 3 },
        { "iterkf_cases_reslock", "res_spin_lock_var_off", "R1 doesn't have constant offset. bpf_res_spin_lock has to be at the constant offset", 13, 0, 0, 13, 1 },
        { "iterkf_cases_reslock", "res_spin_unlock_without", "bpf_res_spin_unlock without taking a lock", 9, 0, 0, 9, 1 },
        { "iterkf_cases_iter", "iter_css_for_each", null, 269, 29, 29, 213, 64 },
        { "iterkf_cases_iter", "iter_css_in_sleepable_iter", null, 57, 6, 7, 48, 17 },
        { "iterkf_cases_iter", "iter_css_lock_and_unlock", "expected an RCU CS when using bpf_iter_css_next", 32, 4, 4, 32, 16 },
        { "iterkf_cases_iter", "iter_css_nonsleep", null, 68, 8, 9, 56, 19 },
        { "iterkf_cases_iter", "iter_css_null_start", "Possibly NULL pointer passed to trusted arg1", 6, 0, 0, 6, 0 },
        { "iterkf_cases_iter", "iter_css_ok", null, 62, 6, 7, 53, 18 },
        { "iterkf_cases_iter", "iter_css_untrusted_start", "R2 must be referenced or trusted", 9, 0, 0, 9, 1 },
        { "iterkf_cases_iter", "iter_css_without_lock", "kernel func bpf_iter_css_new requires RCU critical section protection", 12, 0, 0, 12, 3 },
        { "iterkf_cases_iter", "iter_css_xdp", "Possibly NULL pointer passed to trusted arg1", 6, 0, 0, 6, 0 },
        { "iterkf_cases_iter", "iter_task_acquired", null, 54, 7, 7, 44, 15 },
        { "iterkf_cases_iter", "iter_task_acquired_maybe_null_css", "R2 pointer arithmetic on ptr_or_null_ prohibited, null-check it first", 6, 0, 0, 6, 1 },
        { "iterkf_cases_iter", "iter_task_bad_flags", null, 42, 4, 5, 37, 12 },
        { "iterkf_cases_iter", "iter_task_double_new", "expected uninitialized iter_task as arg #0", 10, 0, 0, 10, 1 },
        { "iterkf_cases_iter", "iter_task_for_each_sleep", null, 180, 21, 22, 138, 48 },
        { "iterkf_cases_iter", "iter_task_in_iter_prog", null, 42, 4, 5, 37, 12 },
        { "iterkf_cases_iter", "iter_task_leak", "BPF_EXIT instruction in main prog would lead to reference leak", 7, 0, 0, 7, 1 },
        { "iterkf_cases_iter", "iter_task_maybe_null", "arg#1 is ptr_or_null_ expected ptr_ or socket", 9, 0, 0, 9, 1 },
        { "iterkf_cases_iter", "iter_task_next_uninit", "expected an initialized iter_task as arg #0", 3, 1, 1, 3, 1 },
        { "iterkf_cases_iter", "iter_task_nonsleep", null, 44, 4, 5, 39, 12 },
        { "iterkf_cases_iter", "iter_task_rcu_group_leader", "R2 must be referenced or trusted", 7, 0, 0, 7, 1 },
        { "iterkf_cases_iter", "iter_task_rcu_parent", "R2 must be referenced or trusted", 7, 0, 0, 7, 1 },
        { "iterkf_cases_iter", "iter_task_release_pos", "R1 must be referenced or trusted", 17, 2, 2, 17, 7 },
        { "iterkf_cases_iter", "iter_task_socket", null, 42, 4, 5, 37, 12 },
        { "iterkf_cases_iter", "iter_task_tc", null, 42, 4, 5, 37, 12 },
        { "iterkf_cases_iter", "iter_task_untrusted_task", "R2 must be referenced or trusted", 7, 0, 0, 7, 1 },
        { "iterkf_cases_iter", "iter_task_write_pos", "only read is supported", 17, 2, 2, 17, 7 },
        { "iterkf_cases_iter", "iter_tasks_lock_and_unlock", "expected an RCU CS when using bpf_iter_task_next", 22, 4, 4, 22, 12 },
        { "iterkf_cases_iter", "iter_tasks_rcu_state_pruning", "nested rcu read lock (kernel function bpf_rcu_read_lock)", 10, 1, 1, 10, 3 },
        { "iterkf_cases_iter", "iter_tasks_without_lock", "kernel func bpf_iter_task_new requires RCU critical section protection", 5, 0, 0, 5, 0 },
        { "iterkf_cases_iter", "kmem_cache_iter_in_rcu", "kernel func bpf_iter_kmem_cache_new is sleepable within rcu_read_lock region", 5, 0, 0, 5, 1 },
        { "iterkf_cases_iter", "kmem_cache_iter_leak", "BPF_EXIT instruction in main prog would lead to reference leak", 5, 0, 0, 5, 1 },
        { "iterkf_cases_iter", "kmem_cache_iter_nonsleep", "program must be sleepable to call sleepable kfunc bpf_iter_kmem_cache_new", 4, 0, 0, 4, 0 },
        { "iterkf_cases_iter", "kmem_cache_iter_ok", null, 35, 3, 4, 31, 11 },
        { "iterkf_cases_iter", "open_coded_iter", null, 59, 6, 7, 54, 20 },
        { "iterkf_cases_cb", "irq_cb_restore_outer", "BPF_EXIT instruction in main prog cannot be used inside bpf_local_irq_save-ed region", 11, 1, 1, 11, 5 },
        { "iterkf_cases_cb", "irq_cb_save_outer", "expected an initialized irq flag as arg#0", 9, 1, 1, 9, 4 },
        { "iterkf_cases_cb", "irq_global_leaks", "BPF_EXIT instruction in main prog cannot be used inside bpf_local_irq_save-ed region", 8, 0, 0, 8, 4 },
        { "iterkf_cases_cb", "nonsleep_calls_global_sleeper", "a non-sleepable BPF program context", 1, 0, 0, 1, 1 },
        { "iterkf_cases_cb", "nonsleep_global_with_cb", null, 13, 1, 1, 13, 8 },
        { "iterkf_cases_cb", "reslock_cb_leak", "function calls are not allowed while holding a lock", 28, 4, 4, 28, 11 },
        { "iterkf_cases_cb", "reslock_in_cb", null, 39, 4, 4, 39, 13 },
        { "iterkf_cases_cb", "reslock_lock_in_sub_unlock_in_main", null, 21, 2, 2, 20, 9 }
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

    private static VerificationResult Verify(string file, string prog, bool testStateFreq = false, int logLevel = 1)
    {
        var obj = Load(file);
        var spec = obj.Programs.Single(p => p.Name == prog);
        return BpfVerifier.Verify(obj, spec, new VerifierOptions
        {
            LogLevel = logLevel | 4,
            NrCpus = TestProgram.KernelNrCpus,
            TestStateFreq = testStateFreq,
        });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithKernel(string file, string prog, string? error, int insns, int states, int peak, int insnsT, int statesT)
    {
        var r = Verify(file, prog);
        if (error == null)
            Assert.True(r.Accepted, $"{prog}: {r.ErrorLine}\n{r.Log}");
        else
        {
            Assert.False(r.Accepted, prog);
            Assert.Equal(error, r.ErrorLine);
        }
        Assert.Equal(insns, r.Stats.TotalInsns);
        Assert.Equal(states, r.Stats.TotalStates);
        Assert.Equal(peak, r.Stats.PeakStates);
        var t = Verify(file, prog, testStateFreq: true, logLevel: 0);
        Assert.Equal(error == null, t.Accepted);
        Assert.Equal(insnsT, t.Stats.TotalInsns);
        Assert.Equal(statesT, t.Stats.TotalStates);
    }

    [Fact]
    public void FailedLockAcquisitionIsItsOwnPath()
    {
        // res_spin_lock_basic: the path where the lock failed is queued before the arguments are checked, with
        // R0 a negative errno and nothing held; the other path holds the lock (refs=1, the map value's id) with R0=0.
        var r = Verify("iterkf_cases_reslock", "res_spin_lock_basic", logLevel: 2);
        Assert.True(r.Accepted, r.Log);
        Assert.Contains("10: (85) call bpf_res_spin_lock#", r.Log);
        Assert.Contains("; R0=0 refs=1\n", r.Log);
        Assert.Contains("\nfrom 10 to 11: R0=scalar(smin=smin32=-4095,smax=smax32=-1,umin=0xfffffffffffff001,umin32=0xfffff001," +
            "var_off=(0xfffffffffffff000; 0xfff)) R6=map_value(id=1,map=arrmap,ks=4,vs=8) R10=fp0 fp-8=0000????\n", r.Log);
    }

    [Fact]
    public void IrqFlagSlotPrintsAsFlagBytes()
    {
        // irq_restore_ooo: a saved flag prints as an 'f' slot; the error names the newest IRQ reference.
        var r = Verify("iterkf_cases_irq", "irq_restore_ooo", logLevel: 2);
        Assert.Contains("3: (85) call bpf_local_irq_save#", r.Log);
        Assert.Contains("; fp-8=ffffffff refs=1\n", r.Log);
        Assert.Contains("; fp-16=ffffffff refs=1,2\n", r.Log);
        Assert.Equal("cannot restore irq state out of order, expected id=2 acquired at insn_idx=7", r.ErrorLine);
    }
}
