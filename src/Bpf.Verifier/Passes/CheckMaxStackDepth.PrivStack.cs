using Bpf.Object;

namespace Bpf.Verifier.Passes;

/// <summary>
/// 6.13+ private stacks: in program types that cannot recurse on one CPU the x86 JIT gives every subprogram whose
/// frame is at least 64 bytes a per-CPU stack of its own, which then does not count towards the 512-byte chain.
/// </summary>
internal static partial class CheckMaxStackDepth
{
    private const int PrivStackMinSize = 64;
    private const int TailCallHelper = 12;

    private enum PrivStack : byte { Unknown, No, Adaptive }

    /// <summary>Which subprograms call bpf_tail_call (the kernel's has_tail_call).</summary>
    private static bool[] TailCallers(PassContext ctx)
    {
        var tail = new bool[ctx.Subprogs.Count];
        for (int s = 0; s < tail.Length; s++)
        {
            for (int i = ctx.Subprogs[s].Start; i < ctx.Subprogs[s].End; i++)
            {
                var insn = ctx.Insns[i];
                if (insn.IsHelperCall && insn.Imm == TailCallHelper)
                    tail[s] = true;
            }
        }
        return tail;
    }

    /// <summary>bpf_enable_priv_stack; no subprogram may tail call (a tail call keeps the caller's stack).</summary>
    private static bool PrivateStackAllowed(PassContext ctx, bool[] tail)
    {
        if (Array.IndexOf(tail, true) >= 0)
            return false;
        return ctx.Prog.Type switch
        {
            ProgramType.Kprobe or ProgramType.Tracepoint or ProgramType.PerfEvent or ProgramType.RawTracepoint => true,
            // bpf_prog_check_recur: trampolines guard tracing programs (but not iterators) against recursion.
            ProgramType.Tracing => ctx.Prog.ExpectedAttachType != AttachType.TraceIter,
            _ => false,
        };
    }
}
