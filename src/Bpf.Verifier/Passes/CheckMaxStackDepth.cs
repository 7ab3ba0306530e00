using Bpf.Verifier.Log;
using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Passes;

/// <summary>check_max_stack_depth: the stack of every call chain (rounded per frame as the JIT does) fits in 512 bytes.</summary>
internal static class CheckMaxStackDepth
{
    private const int MaxBpfStack = 512;

    /// <summary>
    /// The main program and every async callback (timer and exception callbacks run on a stack of their own) are
    /// roots, walked in reverse subprogram order like the kernel.
    /// </summary>
    public static void Run(PassContext ctx)
    {
        for (int i = ctx.Subprogs.Count - 1; i >= 0; i--)
        {
            if (i == 0 || ctx.Subprogs[i].IsAsyncCb || ctx.Subprogs[i].IsExceptionCb)
                Walk(ctx, i, 0, 0);
        }
    }

    /// <summary>Depth-first over the call graph like the kernel: recursion ends at the frame limit.</summary>
    private static void Walk(PassContext ctx, int sub, int depth, int frame)
    {
        var sp = ctx.Subprogs[sub];
        depth += (sp.StackDepth + 15) / 16 * 16;
        if (depth > MaxBpfStack)
            ctx.Fail(Messages.CombinedStackTooLarge(frame + 1, depth), -13);
        var insns = ctx.Insns;
        for (int i = sp.Start; i < sp.End; i++)
        {
            bool func = insns[i].IsLdImm64 && insns[i].Src == Bpf.Isa.Pseudo.Func;
            if (!insns[i].IsPseudoCall && !func)
            {
                if (insns[i].IsLdImm64)
                    i++;
                continue;
            }
            int target = i + insns[i].Imm + 1;
            int callee = ctx.Subprogs.FindIndex(s => s.Start == target);
            if (callee < 0)
                continue;
            // An async callback referenced by ld_imm64 does not run on this stack (only a direct call does).
            if (func && (ctx.Subprogs[callee].IsAsyncCb || ctx.Subprogs[callee].IsExceptionCb))
            {
                i++;
                continue;
            }
            if (frame + 1 >= VerifierState.MaxCallFrames)
                ctx.Fail($"the call stack of {frame + 1} frames is too deep !", -7);
            Walk(ctx, callee, depth, frame + 1);
            if (func)
                i++;
        }
    }
}
