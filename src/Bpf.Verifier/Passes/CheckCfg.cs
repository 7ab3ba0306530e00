using Bpf.Isa;
using Bpf.Verifier.Log;

namespace Bpf.Verifier.Passes;

/// <summary>
/// check_cfg: non-recursive DFS over the control flow graph from insn 0. Marks prune and jump points the
/// way visit_insn does, reports unreachable instructions and jumps into the middle of an ld_imm64.
/// Back-edges are fine for a privileged loader.
/// </summary>
internal static class CheckCfg
{
    private const byte Discovered = 1;
    private const byte Explored = 2;

    public static void Run(PassContext ctx)
    {
        var insns = ctx.Insns;
        int n = insns.Length;
        var state = new byte[n];
        var stack = new Stack<int>();
        var nextEdge = new int[n];
        Span<int> succ = stackalloc int[2];
        stack.Push(0);
        state[0] = Discovered;
        // The exception callback is a second entry: nothing jumps to it, the kernel walks it after the main DFS.
        int exceptionCb = ctx.Subprogs.FindIndex(sp => sp.IsExceptionCb);
        bool exceptionDone = exceptionCb < 0;
        while (stack.Count > 0 || !exceptionDone)
        {
            if (stack.Count == 0)
            {
                exceptionDone = true;
                int start = ctx.Subprogs[exceptionCb].Start;
                if (state[start] != 0)
                    continue;
                stack.Push(start);
                state[start] = Discovered;
            }
            int t = stack.Peek();
            int count = Successors(ctx, t, succ);
            int e = nextEdge[t];
            if (e >= count)
            {
                state[t] = Explored;
                stack.Pop();
                continue;
            }
            nextEdge[t] = e + 1;
            int w = succ[e];
            if (w < 0 || w >= n)
                ctx.Fail(Messages.JumpOutOfRange(t, w));
            if (state[w] == 0)
            {
                state[w] = Discovered;
                stack.Push(w);
            }
        }
        for (int i = 0; i < n; i++)
        {
            if (state[i] != Explored)
                ctx.Fail(Messages.UnreachableInsn(i));
            if (insns[i].IsLdImm64)
            {
                if (i + 1 < n && state[i + 1] != 0)
                    ctx.Fail($"jump into the middle of ldimm64 insn {i}");
                i++;
            }
        }
    }

    private static void Mark(PassContext ctx, int w, bool prune, bool jmp)
    {
        if ((uint)w >= (uint)ctx.Aux.Length)
            return;
        if (prune)
            ctx.Aux[w].PrunePoint = true;
        if (jmp)
            ctx.Aux[w].JmpPoint = true;
    }

    /// <summary>is_sync_callback_calling_kfunc: bpf_rbtree_add_impl calls its less() back.</summary>
    private static bool IsSyncCallbackKfunc(PassContext ctx, int t) =>
        ctx.Insns[t].Src == Pseudo.KfuncCall && ctx.Prog.Kfuncs.TryGetValue(t, out var k) && k.Name == "bpf_rbtree_add_impl";

    /// <summary>The kfuncs whose callback is verified as an async callback (bpf_wq, bpf_task_work).</summary>
    private static bool IsAsyncCallbackKfunc(PassContext ctx, int t) =>
        ctx.Insns[t].Src == Pseudo.KfuncCall && ctx.Prog.Kfuncs.TryGetValue(t, out var k)
        && k.Name is "bpf_wq_set_callback_impl" or "bpf_task_work_schedule_signal_impl" or "bpf_task_work_schedule_resume_impl";

    private static bool IsIterNextKfunc(PassContext ctx, int t) =>
        ctx.Prog.Kfuncs.TryGetValue(t, out var k) && Platform.Kfuncs.KfuncTable.Find(k.Name) is { } info &&
        info.Has(Platform.Kfuncs.KfuncFlags.IterNext);

    /// <summary>
    /// Writes the successors of insn t into <paramref name="res"/> (at most 2) and returns their count, marking
    /// prune/jmp points on the way (again on every visit of t: the marks are idempotent, and no list is allocated
    /// per step).
    /// </summary>
    private static int Successors(PassContext ctx, int t, Span<int> res)
    {
        var insn = ctx.Insns[t];
        int count = 0;
        byte cls = insn.Class;
        if (cls != Opcode.Jmp && cls != Opcode.Jmp32)
        {
            res[count++] = t + (insn.IsLdImm64 ? 2 : 1);
            if (insn.IsLdImm64 && insn.Src == Pseudo.Func)
            {
                // A callback's address: its body is reachable through the helper that calls it (visit_func_call_insn
                // marks the ld_imm64 itself as a prune point too).
                Mark(ctx, t, true, false);
                Mark(ctx, t + 2, true, true);
                res[count++] = t + insn.Imm + 1;
                Mark(ctx, t + insn.Imm + 1, true, true);
            }
            return count;
        }
        byte op = Opcode.Op(insn.Code);
        switch (op)
        {
            case Opcode.Exit:
                return 0;
            case Opcode.Call:
                res[count++] = t + 1;
                Mark(ctx, t + 1, true, true);
                if (insn.Src == Pseudo.KfuncCall && IsIterNextKfunc(ctx, t))
                {
                    // Checkpoints at iter_next() calls are what makes open-coded iterator loops converge.
                    Mark(ctx, t, true, false);
                    ctx.Aux[t].ForceCheckpoint = true;
                    ctx.Aux[t].IsIterNext = true;
                }
                // is_async_callback_calling_insn: a checkpoint before bpf_timer_set_callback prunes before a new
                // async state is queued.
                if ((insn.IsHelperCall && insn.Imm == Platform.CallbackHelpers.TimerSetCallback) || IsAsyncCallbackKfunc(ctx, t))
                    Mark(ctx, t, true, false);
                if ((insn.IsHelperCall && Platform.CallbackHelpers.IsSync(insn.Imm)) || IsSyncCallbackKfunc(ctx, t))
                {
                    // The callback-calling call is re-run after each callback visit; its checkpoints converge them.
                    Mark(ctx, t, true, true);
                    ctx.Aux[t].ForceCheckpoint = true;
                    ctx.Aux[t].CallsCallback = true;
                }
                if (insn.IsPseudoCall)
                {
                    Mark(ctx, t, true, false);
                    res[count++] = t + insn.Imm + 1;
                    Mark(ctx, t + insn.Imm + 1, true, true);
                }
                return count;
            case Opcode.Ja:
                {
                    int w = t + (cls == Opcode.Jmp32 ? insn.Imm : insn.Offset) + 1;
                    res[0] = w;
                    Mark(ctx, w, true, true);
                    return 1;
                }
            case Opcode.Jcond:
                ctx.Aux[t].ForceCheckpoint = true;
                Mark(ctx, t, true, false);
                res[0] = t + 1;
                res[1] = t + insn.Offset + 1;
                Mark(ctx, t + insn.Offset + 1, true, true);
                return 2;
            default:
                // A conditional jump is a prune point, not a jump point: only its target records history.
                Mark(ctx, t, true, false);
                res[0] = t + 1;
                res[1] = t + insn.Offset + 1;
                Mark(ctx, t + insn.Offset + 1, true, true);
                return 2;
        }
    }
}
