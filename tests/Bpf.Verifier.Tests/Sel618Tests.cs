using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// What Linux 6.13-6.18 added that the 6.18 selftests exercise: load-acquire and store-release (BPF_ATOMIC with
/// BPF_LOAD_ACQ / BPF_STORE_REL, any size, strictly aligned, refused on context, packet, flow-keys and socket
/// pointers), private stacks of kprobe/tracepoint/perf_event/raw_tp programs, the tail-call rules of check_btf_func
/// and check_max_stack_depth, the tail-call key precision of record_func_key, precision backtracking through a
/// tail call that ends a subprogram, and 6.17's read-only untrusted memory (bpf_rdonly_cast to void, BTF pointers
/// to non-structs, global function arguments tagged arg:untrusted). Each program of Data/sel618_cases.o (built from the C file beside it:
/// clang-19 -O2 -g --target=bpf -mcpu=v3) against the verdict, error line, processed instructions and peak states
/// the live Linux 6.18.44 kernel gave through veristat.
/// </summary>
public class Sel618Tests
{
    /// <summary>(program, kernel error line or null when accepted, total_insns, peak_states).</summary>
    public static readonly TheoryData<string, string?, int, int> Cases = new()
    {
        { "acq_ctx_tc", "BPF_ATOMIC loads from R1 ctx is not allowed", 1, 0 },
        { "acq_into_r10", "frame pointer is read only", 3, 0 },
        { "acq_map_misaligned", "misaligned value access off 0+0+2 size 4", 8, 0 },
        { "acq_map_oob", "R0 min value is outside of the allowed memory range", 8, 0 },
        { "acq_map_or_null", null, 9, 0 },
        { "acq_map_value", null, 13, 1 },
        { "acq_precision", null, 9, 0 },
        { "acq_spilled_ptr", null, 5, 0 },
        { "acq_stack_h", "div by zero", 6, 0 },
        { "acq_stack_uninit", null, 3, 0 },
        { "atomic_add_byte", "invalid atomic operand size", 3, 0 },
        { "atomic_bad_imm", "BPF_ATOMIC uses invalid atomic opcode 120", 3, 0 },
        { "ld_abs_void_subprog", "LD_ABS is only allowed in functions that return 'int'.", 0, 0 },
        { "priv_kprobe", null, 9, 1 },
        { "priv_raw_tp", null, 9, 1 },
        { "priv_small_main", null, 9, 1 },
        { "priv_socket", "combined stack size of 2 calls is 576. Too large", 9, 1 },
        { "priv_tail_call", "combined stack size of 2 calls is 576. Too large", 14, 1 },
        { "rel_map_oob", "misaligned value access off 0+0+4 size 8", 9, 0 },
        { "rel_partial_read", null, 5, 0 },
        { "rel_pkt_meta", "misaligned packet access off 2+0+0+0 size 4", 7, 0 },
        { "rel_sizes", null, 11, 0 },
        { "rel_spill_ptr", null, 5, 0 },
        { "tail_deep_callers", "tail_calls are not allowed when call stack of previous frames is 256 bytes. Too large", 12, 1 },
        { "tail_in_subprog_precision", null, 28, 2 },
        { "tail_key_out_of_range", null, 5, 0 },
        { "tail_shallow_callers", null, 12, 1 },
        { "tail_void_subprog", "tail_call is only allowed in functions that return 'int'.", 0, 0 },
        { "tail_wrong_map", "expected prog array map for tail call", 3, 0 },
        { "ua_call_ctx", null, 10, 1 },
        { "ua_call_scalar", null, 11, 1 },
        { "ua_call_task", null, 12, 1 },
        { "ua_call_write", "R1 cannot write into rdonly_untrusted_mem", 6, 0 },
        { "um_alu32", "R0 32-bit pointer arithmetic prohibited", 4, 0 },
        { "um_arith", null, 10, 0 },
        { "um_atomic", "R0 cannot write into rdonly_untrusted_mem", 5, 0 },
        { "um_btf_member", null, 6, 0 },
        { "um_c_read", null, 6, 0 },
        { "um_commuted", "R1 invalid mem access 'scalar'", 6, 0 },
        { "um_helper_mem", "R1 type=rdonly_untrusted_mem expected=fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_", 6, 0 },
        { "um_null_check", "div by zero", 7, 0 },
        { "um_read_any", null, 6, 0 },
        { "um_write", "R0 cannot write into rdonly_untrusted_mem", 5, 0 },
    };

    private static readonly Lazy<ObjectSpec> Object =
        new(() => ObjectLoader.Load(Path.Combine(AppContext.BaseDirectory, "Data", "sel618_cases.o")));

    private static VerificationResult Run(string prog, int logLevel = 1 | 4)
    {
        var obj = Object.Value;
        var spec = obj.Programs.Single(p => p.Name == prog);
        return BpfVerifier.Verify(obj, spec, new VerifierOptions { LogLevel = logLevel, NrCpus = TestProgram.KernelNrCpus });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithKernel(string prog, string? error, int insns, int peak)
    {
        KernelAnswer.AssertResult(prog, Run(prog), error, insns, peak);
    }

    /// <summary>The kernel's level-2 lines: the acquired value's state and its precision walk back to the store.</summary>
    [Fact]
    public void AcquirePrecisionLog()
    {
        var r = Run("acq_precision", 2);
        Assert.Contains("2: (db) r2 = load_acquire((u64 *)(r10 -8))    ; R2=16 R10=fp0 fp-8=16\n", r.Log);
        Assert.Contains("mark_precise: frame0: regs=r2 stack= before 2: (db) r2 = load_acquire((u64 *)(r10 -8))\n", r.Log);
        Assert.Contains("mark_precise: frame0: regs= stack=-8 before 1: (7b) *(u64 *)(r10 -8) = r1\n", r.Log);
    }

    /// <summary>A subprogram's tail call may end it: backtracking from the caller enters the callee there.</summary>
    [Fact]
    public void TailCallEndsSubprogInBacktracking()
    {
        var r = Run("tail_in_subprog_precision", 2);
        Assert.Contains("mark_precise: frame0: regs= stack=-8 before 18: (85) call bpf_tail_call#12\n", r.Log);
        Assert.Contains("mark_precise: frame1: regs= stack= before 17: (b7) r3 = 0\n", r.Log);
    }

    /// <summary>Untrusted memory prints as the kernel's rdonly_untrusted_mem(sz=0), also after pointer arithmetic.</summary>
    [Fact]
    public void UntrustedMemLog()
    {
        var r = Run("um_arith", 2);
        Assert.Contains("; R0=rdonly_untrusted_mem(sz=0) R6=rdonly_untrusted_mem(sz=0)\n", r.Log);
        Assert.Contains("(17) r6 -= 8                       ; R6=rdonly_untrusted_mem(sz=0)\n", r.Log);
    }

    /// <summary>A private stack does not count towards the 512 bytes of the chain: the kernel prints both frames.</summary>
    [Fact]
    public void PrivateStackDepths()
    {
        var r = Run("priv_kprobe", 4);
        Assert.Contains("stack depth 320+256\n", r.Log);
    }
}
