namespace Bpf.Verifier.Semantics;

/// <summary>Per-instruction facts computed by the passes (struct bpf_insn_aux_data, the part used).</summary>
public struct InsnAux
{
    public bool PrunePoint;
    public bool JmpPoint;
    public bool ForceCheckpoint;
    public bool Seen;
    /// <summary>Subprogram index the instruction belongs to.</summary>
    public int Subprog;
    /// <summary>Registers R0-R9 that may be read before written from here (live_regs_before), bit i = Ri.</summary>
    public ushort LiveRegsBefore;
    /// <summary>Stack slots (bit spi) of the current frame that may still be read (see ComputeLiveStack).</summary>
    public ulong LiveStackBefore;
    /// <summary>Strongly connected component (loop) number, 0 outside loops.</summary>
    public int Scc;
}

/// <summary>A function of the program (struct bpf_subprog_info, the part used).</summary>
public sealed class SubprogInfo
{
    public int Start;
    public int End;
    public int StackDepth;
    public bool HasTailCall;
    public bool IsGlobal;
    public string Name = "";
    /// <summary>Global functions: argument kinds from BTF (true = ctx pointer, false = scalar), or null when unsupported.</summary>
    public bool[]? GlobalArgIsCtx;
    /// <summary>Why a global function's prototype is not modelled.</summary>
    public string? GlobalUnsupported;
    public bool Called;
    public bool Verified;
}
