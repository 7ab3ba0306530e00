using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Pruning;

/// <summary>A checkpoint kept at a prune point (struct bpf_verifier_state_list).</summary>
public sealed class Checkpoint
{
    public required VerifierState State;
    public int HitCount;
    public int MissCount;
}

/// <summary>
/// Explored states in the kernel's hash buckets ((insn ^ callsite) % insn count, newest first when walked
/// from the end), with its statistics: evicted states that are still being explored wait on the free list
/// and count towards peak_states until their last branch finishes.
/// </summary>
public sealed class ExploredStates
{
    private readonly List<Checkpoint>?[] _lists;

    public ExploredStates(int insnCount) => _lists = new List<Checkpoint>?[Math.Max(insnCount, 1)];

    public int TotalStates { get; private set; }
    public int PeakStates { get; private set; }
    public int CurrentStates { get; private set; }
    public int FreeListSize { get; private set; }
    public int MaxStatesPerInsn { get; set; }

    /// <summary>explored_state: the bucket of an instruction in a frame called from <paramref name="callSite"/>.</summary>
    public int Bucket(int insn, int callSite) => (int)((uint)(insn ^ callSite) % (uint)_lists.Length);

    public List<Checkpoint>? At(int bucket) => _lists[bucket];

    /// <summary>
    /// free_states at the end of each do_check_common: the next pass (a called global function) starts with empty
    /// buckets, while the counters behind total and peak states carry over, as the kernel leaves them.
    /// </summary>
    public void FreeAll() => Array.Clear(_lists);

    public void Add(int bucket, VerifierState st)
    {
        var l = _lists[bucket] ??= [];
        l.Add(new Checkpoint { State = st });
        TotalStates++;
        CurrentStates++;
        UpdatePeak();
    }

    /// <summary>
    /// Evicts a checkpoint that keeps missing; one still being explored waits on the free list. True when the
    /// kernel frees it now: nothing will read it again.
    /// </summary>
    public bool Evict(int bucket, int index, bool keep = false)
    {
        var sl = _lists[bucket]![index];
        _lists[bucket]!.RemoveAt(index);
        CurrentStates--;
        // keep: its loop still has back-edges pending, so it stays on the free list (maybe_free_verifier_state).
        if (sl.State.Branches != 0 || keep)
        {
            sl.State.InFreeList = true;
            FreeListSize++;
            return false;
        }
        return true;
    }

    /// <summary>env->num_backedges: loop back-edge states kept until their SCC is left; they count towards peak_states.</summary>
    public int Backedges { get; private set; }

    public void AddBackedges(int delta)
    {
        Backedges += delta;
        UpdatePeak();
    }

    /// <summary>maybe_free_verifier_state: a state on the free list is freed once its last branch is done (true).</summary>
    public bool Release(VerifierState st)
    {
        if (!st.InFreeList)
            return false;
        st.InFreeList = false;
        FreeListSize--;
        return true;
    }

    private void UpdatePeak()
    {
        int n = CurrentStates + FreeListSize + Backedges;
        if (n > PeakStates)
            PeakStates = n;
    }
}
