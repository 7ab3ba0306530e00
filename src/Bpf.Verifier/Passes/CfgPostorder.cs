namespace Bpf.Verifier.Passes;

/// <summary>
/// compute_postorder: each function's reachable instructions in DFS postorder, the order in which the liveness
/// data flow visits them (so that one sweep usually settles straight-line code). Successors are explored as the
/// kernel pushes them: the jump target, pushed last, is visited first.
/// </summary>
internal static class CfgPostorder
{
    /// <param name="starts">First instruction of each function, ascending.</param>
    /// <param name="order">All functions' postorders, concatenated.</param>
    /// <param name="funcStart">Where function k's postorder begins in <paramref name="order"/>; one extra entry ends the last.</param>
    public static void Compute(Bpf.Isa.Instruction[] insns, IReadOnlyList<int> starts, out int[] order, out int[] funcStart)
    {
        const byte Discovered = 1, Explored = 2;
        int n = insns.Length;
        var state = new byte[n];
        var stack = new int[n + 1];
        var post = new List<int>(n);
        funcStart = new int[starts.Count + 1];
        Span<int> succ = stackalloc int[2];
        for (int f = 0; f < starts.Count; f++)
        {
            funcStart[f] = post.Count;
            int sp = 0;
            stack[sp++] = starts[f];
            while (sp > 0)
            {
                int top = stack[sp - 1];
                state[top] |= Discovered;
                if ((state[top] & Explored) != 0)
                {
                    post.Add(top);
                    sp--;
                    continue;
                }
                int cnt = BackwardDataflow.Successors(insns, top, succ);
                for (int s = 0; s < cnt; s++)
                {
                    int t = succ[s];
                    if ((uint)t < (uint)n && state[t] == 0 && sp < stack.Length)
                    {
                        stack[sp++] = t;
                        state[t] |= Discovered;
                    }
                }
                state[top] |= Explored;
            }
        }
        funcStart[starts.Count] = post.Count;
        order = [.. post];
    }
}
