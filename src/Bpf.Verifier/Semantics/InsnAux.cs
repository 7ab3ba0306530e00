namespace Bpf.Verifier.Semantics;

/// <summary>Per-instruction facts computed by the passes (struct bpf_insn_aux_data, the part used).</summary>
public struct InsnAux
{
    public bool PrunePoint;
    public bool JmpPoint;
    public bool ForceCheckpoint;
    /// <summary>A call of an iterator's next kfunc (insn_aux->is_iter_next): loop convergence is checked here.</summary>
    public bool IsIterNext;
    /// <summary>A spill, fill or call of a bpf_fastcall pattern (insn_aux->fastcall_pattern).</summary>
    public bool FastcallPattern;
    /// <summary>Spill/fill pairs around this call that the kernel removes (insn_aux->fastcall_spills_num).</summary>
    public byte FastcallSpillsNum;
    public bool Seen;
    /// <summary>Subprogram index the instruction belongs to.</summary>
    public int Subprog;
    /// <summary>Registers R0-R9 that may be read before written from here (live_regs_before), bit i = Ri.</summary>
    public ushort LiveRegsBefore;
    /// <summary>Strongly connected component (loop) number, 0 outside loops.</summary>
    public int Scc;
    /// <summary>A helper or kfunc call that runs a callback, maybe repeatedly (bpf_calls_callback).</summary>
    public bool CallsCallback;
}

/// <summary>A function of the program (struct bpf_subprog_info, the part used).</summary>
public sealed class SubprogInfo
{
    public int Start;
    public int End;
    public int StackDepth;
    /// <summary>Calls bpf_tail_call / contains BPF_LD_[ABS|IND] (has_tail_call, has_ld_abs; set by check_subprogs).</summary>
    public bool HasTailCall, HasLdAbs;
    /// <summary>Lowest stack offset of bpf_fastcall spills (short.MinValue once the contract is broken), 0 if none.</summary>
    public int FastcallStackOff;
    /// <summary>A pattern around a call the kernel does not inline: the spills stay (keep_fastcall_stack).</summary>
    public bool KeepFastcallStack;
    public bool IsGlobal;
    public string Name = "";
    /// <summary>Global functions: the arguments as BTF describes them, or null when unsupported.</summary>
    internal Passes.GlobalArg[]? GlobalArgs;
    /// <summary>The line btf_prepare_func_args logged when a global function's prototype is refused.</summary>
    public string? GlobalProtoError;
    /// <summary>The program's exception callback (verified as its own entry, presumed called).</summary>
    public bool IsExceptionCb;
    /// <summary>Called back asynchronously (a timer callback): its stack is checked as a call chain of its own.</summary>
    public bool IsAsyncCb;
    /// <summary>Why a global function's prototype is not modelled.</summary>
    public string? GlobalUnsupported;
    public bool Called;
    public bool Verified;
}
