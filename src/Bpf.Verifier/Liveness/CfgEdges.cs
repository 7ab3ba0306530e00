using Bpf.Isa;
using Bpf.Verifier.Passes;

namespace Bpf.Verifier.Liveness;

/// <summary>
/// Intra-function successors and predecessors of every instruction (calls fall through, exits have none), as
/// compressed rows: the edges of insn i are entries [Start[i], Start[i + 1]) of the target array.
/// </summary>
internal sealed class CfgEdges
{
    public readonly int[] SuccStart, Succ, PredStart, Preds;

    public CfgEdges(Instruction[] insns)
    {
        int n = insns.Length;
        Span<int> succ = stackalloc int[2];
        SuccStart = new int[n + 1];
        // Counted one slot ahead, so that filling below can use PredStart[t + 1] as t's cursor and leave it at t's end.
        var predStart = new int[n + 2];
        for (int i = 0; i < n; i++)
        {
            int cnt = BackwardDataflow.Successors(insns, i, succ);
            SuccStart[i + 1] = SuccStart[i] + cnt;
            for (int s = 0; s < cnt; s++)
            {
                if ((uint)succ[s] < (uint)n)
                    predStart[succ[s] + 2]++;
            }
        }
        Succ = new int[SuccStart[n]];
        for (int i = 2; i < n + 2; i++)
            predStart[i] += predStart[i - 1];
        Preds = new int[predStart[n + 1]];
        for (int i = 0; i < n; i++)
        {
            int cnt = BackwardDataflow.Successors(insns, i, succ);
            for (int s = 0; s < cnt; s++)
            {
                Succ[SuccStart[i] + s] = succ[s];
                if ((uint)succ[s] < (uint)n)
                    Preds[predStart[succ[s] + 1]++] = i;
            }
        }
        PredStart = predStart;
    }
}
