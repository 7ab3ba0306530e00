using Bpf.Object;

namespace Bpf.Verifier.Passes;

/// <summary>
/// 6.13+ private stacks: in program types that cannot recurse on one CPU the x86 JIT gives every subprogram whose
/// frame is at least 64 bytes a per-CPU stack of its own, which then does not count towards the 512-byte chain.
/// </summary>
internal static partial class CheckMaxStackDepth
{
    private const int PrivStackMinSize = 64;

    private enum PrivStack : byte { Unknown, No, Adaptive }

    /// <summary>bpf_enable_priv_stack; no subprogram may tail call (a tail call keeps the caller's stack).</summary>
    private static bool PrivateStackAllowed(PassContext ctx)
    {
        if (ctx.Subprogs.Exists(s => s.HasTailCall))
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
