using Bpf.Object;
using Bpf.Verifier.Log;
using Bpf.Verifier.Semantics;

namespace Bpf.Verifier.Passes;

/// <summary>Runs the passes in bpf_check's order and assembles the result with the kernel's final lines.</summary>
internal static class VerifierPipeline
{
    /// <summary>do_check_subprogs: every global function reached from verified code, until no new one is called.</summary>
    private static void VerifyCalledGlobals(PassContext ctx, Checker checker, VerifierLog log)
    {
        // The exception callback is presumed called.
        foreach (var sp in ctx.Subprogs)
            sp.Called |= sp.IsExceptionCb;
        bool again = true;
        while (again)
        {
            again = false;
            for (int i = 1; i < ctx.Subprogs.Count; i++)
            {
                var sp = ctx.Subprogs[i];
                if (!sp.IsGlobal || !sp.Called || sp.Verified)
                    continue;
                checker.RunGlobal(i);
                if (log.Level1 && !log.Level2)
                    log.Reset(0);
                if (log.Level1)
                    log.Write($"Func#{i} ('{sp.Name}') is safe for any args that match its prototype\n");
                sp.Verified = true;
                again = true;
            }
        }
    }

    /// <summary>--liveness check: a slot the 6.18 analysis let pruning ignore while legacy marks say it is read is an error.</summary>
    private static void ReportLivenessViolations(Checker checker, VerifierLog log)
    {
        var v = checker.LivenessViolations;
        if (v.Count == 0)
            return;
        foreach (var line in v)
            log.WriteLine("bpfv: liveness check: " + line);
        throw new VerifierException($"bpfv: liveness check: {v.Count} slot(s) dead for the 6.18 analysis but live for legacy marks, first: {v[0]}", -22);
    }

    public static VerificationResult Run(ObjectSpec obj, ProgramSpec prog, VerifierOptions options)
    {
        ProcessWarmup.Ensure();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var log = new VerifierLog(options.LogLevel);
        var insns = prog.Instructions;
        var aux = new InsnAux[insns.Length];
        var ctx = new PassContext { Obj = obj, Prog = prog, Insns = insns, Log = log, Aux = aux };
        string? error = null;
        Checker? checker = null;
        try
        {
            if (insns.Length == 0)
                throw new VerifierException("empty program", -22);
            if (insns.Length > Checker.ComplexityLimitInsns)
                throw new VerifierException("program too large", -7);
            if (prog.LoadError != null)
                ctx.Fail(Messages.Unsupported(prog.LoadError), -95);
            // bpf_check's order: check_subprogs (jump ranges, last insn) before resolve_pseudo_ldimm64.
            CheckSubprogs.Run(ctx);
            CheckBtfFunc.Run(ctx);
            CheckAttachBtfId.Run(ctx);
            ResolvePseudoLdImm64.Run(ctx);
            CheckCfg.Run(ctx);
            MarkFastcallPatterns.Run(ctx);
            ComputeLiveRegisters.Run(ctx);
            checker = new Checker(obj, prog, options, log, aux, ctx.Subprogs);
            GlobalFuncArgs.LogMainPrototype(ctx);
            checker.Run();
            if (log.Level1 && !log.Level2)
                log.Reset(0);
            VerifyCalledGlobals(ctx, checker, log);
            checker.CheckThrowInCallbacks();
            MarkFastcallPatterns.RemoveSpillsFills(aux, ctx.Subprogs);
            CheckMaxStackDepth.Run(ctx);
            ReportLivenessViolations(checker, log);
            checker.AddLoopInlineStack();
            Checker.AddMayGotoStack(ctx.Insns, aux, ctx.Subprogs);
        }
        catch (VerifierException e)
        {
            error = e.Message;
        }
        sw.Stop();
        long usec = (long)sw.Elapsed.TotalMicroseconds;
        int insnsProcessed = checker?.InsnProcessed ?? 0;
        var ex = checker?.Explored;
        int depth = ctx.Subprogs.Count > 0 ? ctx.Subprogs[0].StackDepth : 0;
        var stats = new VerifierStats(insnsProcessed, ex?.TotalStates ?? 0, ex?.PeakStates ?? 0, ex?.MaxStatesPerInsn ?? 0,
            checker?.LongestMarkRead ?? 0, depth, usec);
        if (log.Stats)
        {
            log.Write($"verification time {usec} usec\n");
            var sb = log.Builder;
            sb.Append("stack depth ");
            bool first = true;
            for (int i = 0; i < ctx.Subprogs.Count; i++)
            {
                // An accepted program has its dead code removed before the statistics (opt_remove_dead_code, the
                // privileged case): a function none of whose instructions was reached is gone from the list.
                if (error == null && !Reached(aux, ctx.Subprogs[i].Start, ctx.Subprogs[i].End))
                    continue;
                if (!first)
                    sb.Append('+');
                first = false;
                sb.Append(ctx.Subprogs[i].StackDepth);
            }
            // do_misc_fixups appends a hidden default exception callback (r0 = r1; exit) to an accepted program that
            // throws without one of its own; the statistics list it as one more function.
            if (error == null && checker is { SeenException: true } && !ctx.Subprogs.Exists(s => s.IsExceptionCb))
                sb.Append("+0");
            sb.Append('\n');
        }
        if (log.Enabled)
        {
            log.Write($"processed {stats.TotalInsns} insns (limit {Checker.ComplexityLimitInsns}) max_states_per_insn {stats.MaxStatesPerInsn} total_states {stats.TotalStates} peak_states {stats.PeakStates} mark_read {stats.MarkRead}\n");
        }
        return new VerificationResult
        {
            Accepted = error == null,
            ErrorLine = error,
            Log = log.ToString(),
            Stats = stats,
            LivenessBytes = checker?.StackLivenessAnalysis?.Bytes ?? 0,
        };
    }

    private static bool Reached(InsnAux[] aux, int start, int end)
    {
        for (int i = start; i < end && i < aux.Length; i++)
        {
            if (aux[i].Seen)
                return true;
        }
        return false;
    }
}
