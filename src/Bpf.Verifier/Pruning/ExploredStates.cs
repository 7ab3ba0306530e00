using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Pruning;

/// <summary>A checkpoint kept at a prune point (struct bpf_verifier_state_list).</summary>
public sealed class Checkpoint
{
    public required VerifierState State;
    public int HitCount;
    public int MissCount;
}

/// <summary>Explored states per instruction, with the kernel's statistics.</summary>
public sealed class ExploredStates
{
    private readonly List<Checkpoint>?[] _lists;

    public ExploredStates(int insnCount) => _lists = new List<Checkpoint>?[insnCount];

    public int TotalStates { get; private set; }
    public int PeakStates { get; private set; }
    public int CurrentStates { get; private set; }
    public int MaxStatesPerInsn { get; set; }

    public List<Checkpoint>? At(int insn) => _lists[insn];

    public void Add(int insn, VerifierState st)
    {
        var l = _lists[insn] ??= [];
        l.Add(new Checkpoint { State = st });
        TotalStates++;
        CurrentStates++;
        if (CurrentStates > PeakStates)
            PeakStates = CurrentStates;
    }

    public void RemoveAt(int insn, int index)
    {
        _lists[insn]!.RemoveAt(index);
        CurrentStates--;
    }
}
