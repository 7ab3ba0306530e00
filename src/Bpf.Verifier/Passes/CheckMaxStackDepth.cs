using Bpf.Verifier.Log;
using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Passes;

/// <summary>check_max_stack_depth: the stack of every call chain (rounded per frame as the JIT does) fits in 512 bytes.</summary>
internal static partial class CheckMaxStackDepth
{
    private const int MaxBpfStack = 512;

    /// <summary>
    /// The main program and every async callback (timer and exception callbacks run on a stack of their own) are
    /// roots, walked in reverse subprogram order like the kernel.
    /// </summary>
    public static void Run(PassContext ctx)
    {
        var modes = new PrivStack[ctx.Subprogs.Count];
        bool privStack = PrivateStackAllowed(ctx);
        for (int i = ctx.Subprogs.Count - 1; i >= 0; i--)
        {
            if (i == 0 || ctx.Subprogs[i].IsAsyncCb || ctx.Subprogs[i].IsExceptionCb)
                Walk(ctx, modes, i, 0, 0, i == 0 && privStack);
        }
    }

    /// <summary>Depth-first over the call graph like the kernel: recursion ends at the frame limit.</summary>
    private static void Walk(PassContext ctx, PrivStack[] modes, int sub, int depth, int frame, bool privOk)
    {
        var sp = ctx.Subprogs[sub];
        // A tail call replaces only the callee's frame: the callers' frames stay on the stack.
        if (sub != 0 && sp.HasTailCall && depth >= 256)
            ctx.Fail($"tail_calls are not allowed when call stack of previous frames is {depth} bytes. Too large", -13);
        int own = (sp.StackDepth + 15) / 16 * 16;
        if (!privOk)
            modes[sub] = PrivStack.No;
        else if (modes[sub] == PrivStack.Unknown && own >= PrivStackMinSize)
            modes[sub] = PrivStack.Adaptive;
        if (modes[sub] == PrivStack.Adaptive)
        {
            if (own > MaxBpfStack)
                ctx.Fail($"stack size of subprog {sub} is {own}. Too large", -13);
        }
        else
        {
            depth += own;
            if (depth > MaxBpfStack)
                ctx.Fail(Messages.CombinedStackTooLarge(frame + 1, depth), -13);
        }
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
            Walk(ctx, modes, callee, depth, frame + 1, privOk);
            if (func)
                i++;
        }
    }
}
