using Bpf.Isa;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>Call instructions: helper/kfunc dispatch, static and global subprogram calls and returns.</summary>
internal sealed partial class Checker
{
    private void CheckCallInsn(Instruction insn)
    {
        if (Opcode.Src(insn.Code) != Opcode.K || (insn.Src != Pseudo.KfuncCall && insn.Offset != 0) ||
            (insn.Src != Pseudo.Helper && insn.Src != Pseudo.Call && insn.Src != Pseudo.KfuncCall) ||
            insn.Dst != 0 || insn.Class == Opcode.Jmp32)
            Fail(Messages.CallReservedFields, -22);
        if (insn.Src == Pseudo.Helper && insn.Imm != SpinUnlockId && HoldsLock())
            Fail("function calls are not allowed while holding a lock", -22);
        if (insn.Src == Pseudo.Call)
        {
            CheckFuncCall(insn);
            return;
        }
        if (insn.Src == Pseudo.KfuncCall)
        {
            CheckKfuncCall(insn);
            return;
        }
        CheckHelperCall(insn.Imm);
    }

    /// <summary>check_func_call for a static subprogram: a new frame with R1-R5 of the caller.</summary>
    private void CheckFuncCall(Instruction insn)
    {
        int target = _insnIdx + insn.Imm + 1;
        int sub = SubprogAt(target);
        if (sub < 0)
            Fail($"verifier bug. No program starts at insn {target}", -14);
        if (_subprogs[sub].IsGlobal)
        {
            // btf_check_subprog_call: a prototype btf_prepare_func_args refuses logs its line at the call, before the
            // lock and sleep checks, and the call fails after them.
            string? protoError = _subprogs[sub].GlobalArgs == null ? _subprogs[sub].GlobalProtoError : null;
            if (protoError != null)
                _log.WriteLine(protoError);
            if (HoldsLock())
            {
                _log.WriteLine("global function calls are not allowed while holding a lock,");
                Fail("use static function instead", -22);
            }
            CheckGlobalMightSleep(sub);
            if (protoError != null)
                Fail($"Caller passes invalid args into func#{sub} ('{_subprogs[sub].Name}')", -22);
            CheckGlobalFuncCall(sub);
            return;
        }
        CheckSubprogCallArgs(sub, callback: false);
        if (_cur.CurFrame + 1 >= VerifierState.MaxCallFrames)
            Fail($"the call stack of {_cur.CurFrame + 2} frames is too deep", -7);
        var caller = _cur.Cur;
        var callee = new FuncState(_cur.CurFrame + 1, _insnIdx, sub);
        for (int r = 1; r <= 5; r++)
            callee.Regs[r] = caller.Regs[r];
        for (int r = 0; r <= 5; r++)
            caller.Regs[r] = RegState.NotInit;
        // init_func_state marks the whole state scratched: the callee's first state line shows R10 too.
        _scratch.MarkAll();
        _cur.CurFrame++;
        _cur.Frames[_cur.CurFrame] = callee;
        Live.ResetCallchain();
        if (_log.Level1)
        {
            _log.Write("caller:\n");
            _printer.AppendFrame(_log.Builder, _cur, caller, null);
            _log.Write("callee:\n");
            _printer.AppendFrame(_log.Builder, _cur, callee, null);
        }
        _insnIdx = _subprogs[sub].Start - 1;
    }

    /// <summary>A global function is verified on its own later; the call only checks the arguments against BTF.</summary>
    private void CheckGlobalFuncCall(int sub)
    {
        var sp = _subprogs[sub];
        if (sp.GlobalArgs == null)
            Unsupported(sp.GlobalUnsupported ?? "global function");
        CheckGlobalArgs(sub, sp);
        if (_log.Level1)
            _log.Write($"Func#{sub} ('{sp.Name}') is global and assumed valid.\n");
        sp.Called = true;
        for (int r = 0; r <= 5; r++)
        {
            Regs[r] = RegState.NotInit;
            _scratch.MarkReg(r);
        }
        MarkUnknown(ref Regs[0]);
        if (MayChangePktData(sub))
            ClearAllPktPointers();
    }

    /// <summary>
    /// changes_pkt_data of a function and its callees: a helper of bpf_helper_changes_pkt_data (tail_call included),
    /// or a packet-changing kfunc (bpf_xdp_pull_data).
    /// </summary>
    private bool MayChangePktData(int sub) => AnyInsnWithCallees(sub, new bool[_subprogs.Count], i =>
        (_insns[i].IsHelperCall && HelperTable.ChangesPktData(_insns[i].Imm)) || IsPktChangingKfunc(i));

    /// <summary>
    /// Whether <paramref name="hit"/> holds for an instruction of subprogram <paramref name="sub"/> or of a function it
    /// calls (the kernel's per-subprogram marks, propagated over the call graph); <paramref name="seen"/> marks the
    /// subprograms already walked.
    /// </summary>
    private bool AnyInsnWithCallees(int sub, bool[] seen, Func<int, bool> hit)
    {
        if (seen[sub])
            return false;
        seen[sub] = true;
        var sp = _subprogs[sub];
        for (int i = sp.Start; i < sp.End; i++)
        {
            if (hit(i))
                return true;
            var insn = _insns[i];
            if (insn.IsPseudoCall)
            {
                int callee = SubprogAt(i + insn.Imm + 1);
                if (callee >= 0 && AnyInsnWithCallees(callee, seen, hit))
                    return true;
            }
        }
        return false;
    }

    private int SubprogAt(int start)
    {
        for (int i = 0; i < _subprogs.Count; i++)
        {
            if (_subprogs[i].Start == start)
                return i;
        }
        return -1;
    }

    /// <summary>prepare_func_exit: hand R0 back to the caller and drop the callee frame.</summary>
    private void PrepareFuncExit()
    {
        // The callee's chain is complete for this path: its facts reach the caller's call instruction first.
        Live.Update(_cur);
        var callee = _cur.Cur;
        var r0 = callee.Regs[0];
        if (r0.Type == RegType.PtrToStack)
            Fail("cannot return stack pointer to the caller", -22);
        var caller = _cur.Frames[_cur.CurFrame - 1];
        // A callback returns to the call that invoked it, which runs again (the next iteration or the way out).
        if (callee.InCallbackFn)
            CheckCallbackReturn(callee);
        else
            caller.Regs[0] = r0;
        _insnIdx = callee.InCallbackFn ? callee.CallSite : callee.CallSite + 1;
        if (_log.Level1)
        {
            _log.Write("returning from callee:\n");
            _printer.AppendFrame(_log.Builder, _cur, callee, null);
            _log.Write($"to caller at {_insnIdx}:\n");
            _printer.AppendFrame(_log.Builder, _cur, caller, null);
        }
        _cur.Frames[_cur.CurFrame] = null!;
        _cur.CurFrame--;
        // Like iterator loops: scalars that differ from the previous visit and are not precise are widened.
        if (callee.InCallbackFn && FindPrevEntry(_cur, _insnIdx) is { } prev)
            WidenImpreciseScalars(prev, _cur);
        // prepare_func_exit scratches nothing: the next line is "from X to Y:" with the whole state, no "N:" line.
        _scratch.Clear();
    }
}
