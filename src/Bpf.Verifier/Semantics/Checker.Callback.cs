using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Passes;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// Helpers that call a BPF function back (bpf_loop, bpf_for_each_map_elem): the arguments, then push_callback_call,
/// which queues a visit of the callback body in a new frame. The callback returns to the calling instruction
/// (prepare_func_exit), which runs again and queues the next visit until the states converge at the call's
/// checkpoint (is_state_visited: a calls_callback checkpoint equal by range is a loop hit).
/// </summary>
internal sealed partial class Checker
{
    /// <summary>Callback subprograms whose BTF prototype did not match the caller's registers (func_info_aux unreliable).</summary>
    private HashSet<int>? _unreliableSubprogs;

    /// <summary>check_helper_call for a callback-calling helper; false when <paramref name="id"/> is not one bpfv models.</summary>
    private bool TryCheckCallbackHelper(int id)
    {
        var cb = CallbackHelpers.Find(id);
        if (cb == null)
            return false;
        int mapArg = -1, sub = -1;
        for (int i = 0; i < cb.Args.Length; i++)
        {
            int regno = i + 1;
            CheckRegArg(regno, RegUse.Src);
            var reg = Regs[regno];
            switch (cb.Args[i])
            {
                case CallbackArg.Anything:
                    break;
                case CallbackArg.ConstMapPtr:
                    if (reg.Type != RegType.ConstPtrToMap || reg.IsMaybeNull)
                        Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), "map_ptr"));
                    mapArg = reg.MapIndex;
                    break;
                case CallbackArg.Func:
                    if (reg.Type != RegType.PtrToFunc)
                        Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), "func"));
                    CheckPtrOffRegOrFail(regno, reg);
                    sub = reg.Aux;
                    break;
                case CallbackArg.BtfTask:
                    CheckGlobalTrusted(regno, reg, new GlobalArg(FuncArgKind.Trusted, 0, false, KernelTypes.StructId("task_struct")));
                    break;
                case CallbackArg.StackOrNull:
                    if (reg.Type == RegType.Scalar && reg.Bounds.IsConst && reg.Bounds.ConstValue == 0)
                        break;
                    if (reg.Type != RegType.PtrToStack)
                        Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), "fp"));
                    break;
            }
        }
        // A map without map_for_each_callback: set_map_elem_callback_state refuses it (-ENOTSUPP).
        if (mapArg >= 0 && !CallbackHelpers.MapAllowed(id, _maps[mapArg].Type))
            Fail("callback function not allowed for map", -524);

        if (id == CallbackHelpers.Loop)
        {
            UpdateLoopInlineState(sub);
            // The iteration count decides when the callback visits stop: it must be precise.
            MarkChainPrecision(1);
            if ((ulong)_cur.Cur.CallbackDepth < Regs[1].Bounds.UMax)
            {
                PushCallbackCall(sub, cb);
            }
            else
            {
                _cur.Cur.CallbackDepth = 0;
                if (_log.Level2)
                    _log.Write($"frame{_cur.CurFrame} bpf_loop iteration limit reached\n");
            }
        }
        else
        {
            PushCallbackCall(sub, cb);
            if (id == CallbackHelpers.UserRingbufDrain)
                CheckUserRingbufMap(id, mapArg);
        }

        for (int r = 0; r <= 5; r++)
        {
            Regs[r] = RegState.NotInit;
            _scratch.MarkReg(r);
        }
        MarkUnknown(ref Regs[0]);
        return true;
    }

    /// <summary>push_callback_call: queue the callback body as a new frame above the caller, starting at its entry.</summary>
    private void PushCallbackCall(int sub, CallbackHelper cb)
    {
        // set_user_ringbuf_callback_state: each visit's dynptr gets a fresh id (mark_dynptr_cb_reg).
        uint dynptrId = cb.Id == CallbackHelpers.UserRingbufDrain ? NewId() : 0;
        PushCallbackFrame(sub, cb.RetMin, cb.RetMax, (caller, callee) => SetCallbackArgs(cb, caller, callee, dynptrId));
    }

    /// <summary>
    /// The frame push of every synchronous callback (helpers' and bpf_rbtree_add_impl's less()): a queued copy of
    /// the state with the callback's frame on top, its arguments set by <paramref name="setArgs"/>(caller, callee).
    /// </summary>
    private void PushCallbackFrame(int sub, int retMin, int retMax, Action<FuncState, FuncState> setArgs)
    {
        CheckSubprogCallArgs(sub, callback: true);
        (_callbackSubprogs ??= []).Add(sub);
        var st = PushStack(_subprogs[sub].Start, _insnIdx, false);
        if (st.CurFrame + 1 >= VerifierState.MaxCallFrames)
            Fail($"the call stack of {st.CurFrame + 2} frames is too deep", -7);
        var caller = st.Cur;
        var callee = new FuncState(st.CurFrame + 1, _insnIdx, sub)
        {
            InCallbackFn = true,
            CallbackRetMin = retMin,
            CallbackRetMax = retMax,
        };
        setArgs(caller, callee);
        st.CurFrame++;
        st.Frames[st.CurFrame] = callee;
        st.CallbackUnrollDepth++;
        // init_func_state of the callee marks the whole state scratched (env-wide): the next state line shows all.
        _scratch.MarkAll();
        caller.CallbackDepth++;
        _cur.Cur.CallbackDepth = 0;
    }

    /// <summary>set_loop_callback_state / set_map_elem_callback_state / set_find_vma_callback_state: the callback's R1-R5.</summary>
    private static void SetCallbackArgs(CallbackHelper cb, FuncState caller, FuncState callee, uint dynptrId)
    {
        var regs = callee.Regs;
        switch (cb.Id)
        {
            case CallbackHelpers.Loop:
                regs[1] = RegState.UnknownScalar;
                regs[2] = caller.Regs[3];
                break;
            case CallbackHelpers.ForEachMapElem:
                {
                    int map = caller.Regs[1].MapIndex;
                    regs[1] = caller.Regs[1];
                    regs[2] = RegState.Pointer(RegType.PtrToMapKey);
                    regs[2].MapIndex = map;
                    regs[3] = RegState.Pointer(RegType.PtrToMapValue);
                    regs[3].MapIndex = map;
                    regs[4] = caller.Regs[3];
                    break;
                }
            case CallbackHelpers.UserRingbufDrain:
                regs[1] = Dynptrs.Reg(DynptrKind.Local, firstSlot: true, dynptrId);
                regs[2] = caller.Regs[3];
                break;
            case CallbackHelpers.FindVma:
                regs[1] = caller.Regs[1];
                regs[2] = RegState.Pointer(RegType.PtrToBtfId);
                regs[2].BtfId = KernelTypes.StructId("vm_area_struct");
                regs[3] = caller.Regs[4];
                break;
        }
    }

    /// <summary>
    /// btf_check_subprog_call for a static function or callback: a prototype with only scalar/ctx arguments is
    /// matched against the caller's registers; a mismatch (clang drops unused arguments of static functions) is
    /// only logged, once, and the function becomes unreliable. Other argument kinds are not matched for static
    /// calls (a callback's are refused as unsupported).
    /// </summary>
    private void CheckSubprogCallArgs(int sub, bool callback)
    {
        var btf = _obj.Btf;
        if (btf == null || (_unreliableSubprogs ??= []).Contains(sub))
            return;
        uint funcId = 0;
        foreach (var fi in _prog.FuncInfos)
        {
            if (fi.InsnIndex == _subprogs[sub].Start)
                funcId = fi.TypeId;
        }
        if (funcId == 0)
            return;
        var r = PrepareFuncArgs.Run(btf, funcId, _prog.Type);
        if (r.LogLine != null)
            _log.WriteLine(r.LogLine);
        if (r.Failed || r.Args == null)
        {
            _unreliableSubprogs.Add(sub);
            return;
        }
        for (int i = 0; i < r.Args.Length; i++)
        {
            var reg = Regs[i + 1];
            if (r.Args[i] == FuncArgKind.Dynptr && !callback)
            {
                // process_dynptr_func for a MEM_RDONLY dynptr: logged, not fatal, for a static function.
                if (DynptrArgError(i + 1, new DynptrArg(Uninit: false, Rdonly: true, DynptrKind.Invalid)) is { } dynErr)
                {
                    _log.WriteLine(dynErr);
                    _unreliableSubprogs.Add(sub);
                    return;
                }
                continue;
            }
            string? err = r.Args[i] switch
            {
                FuncArgKind.Scalar when reg.Type != RegType.Scalar => $"R{i + 1} is not a scalar",
                FuncArgKind.Ctx when reg.Type != RegType.PtrToCtx => $"arg#{i} expects pointer to ctx",
                FuncArgKind.Scalar or FuncArgKind.Ctx => null,
                _ => "",
            };
            if (err == "" && callback)
                Unsupported($"callback prototype argument #{i} of kind {r.Args[i]}");
            if (err == "")
                return;
            if (err != null)
            {
                _log.WriteLine(err);
                _unreliableSubprogs.Add(sub);
                return;
            }
        }
    }

    /// <summary>prepare_func_exit for a callback frame: R0 must be a precise scalar within the callback's range.</summary>
    private void CheckCallbackReturn(FuncState callee)
    {
        var r0 = callee.Regs[0];
        if (r0.Type != RegType.Scalar)
            Fail("R0 not a scalar value");
        MarkChainPrecision(0);
        r0 = callee.Regs[0];
        if (r0.Bounds.SMin >= callee.CallbackRetMin && r0.Bounds.SMax <= callee.CallbackRetMax)
            return;
        Fail(InvalidScalarMessage("At callback return", "R0", r0, callee.CallbackRetMin, callee.CallbackRetMax), -22);
    }

    /// <summary>verbose_invalid_scalar: the known bounds of a scalar outside its allowed range.</summary>
    private static string InvalidScalarMessage(string ctx, string reg, in RegState r, long min, long max)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(ctx).Append(" the register ").Append(reg).Append(" has");
        bool unknown = true;
        if (r.Bounds.SMin > long.MinValue)
        {
            sb.Append(" smin=").Append(r.Bounds.SMin);
            unknown = false;
        }
        if (r.Bounds.SMax < long.MaxValue)
        {
            sb.Append(" smax=").Append(r.Bounds.SMax);
            unknown = false;
        }
        if (unknown)
            sb.Append(" unknown scalar value");
        sb.Append(" should have been in [").Append(min).Append(", ").Append(max).Append(']');
        return sb.ToString();
    }

    /// <summary>
    /// backtrack_insn at a callback-calling call reached from the callback's first instruction: the callback's
    /// R1-R5 were set by the helper, not passed by the caller, so they are dropped; stack slots are not followed.
    /// </summary>
    private bool BacktrackCallbackEntry()
    {
        // R0 wanted at the callback-calling call: e.g. a tail call straight in the callback body (the kernel's
        // tailcall_direct_callback selftest).
        if ((_bt.Regs[_bt.Frame] & ~ArgRegs) != 0)
            throw new BacktrackBug($"callback unexpected regs {_bt.Regs[_bt.Frame]:x}", kernelReports: true);
        if (_bt.Stack[_bt.Frame] != 0)
            return false;
        _bt.Regs[_bt.Frame] = 0;
        if (_bt.Frame == 0)
            throw new BacktrackBug("callback entry in frame 0");
        _bt.Frame--;
        return true;
    }

    /// <summary>Subprograms some helper calls back (subprog_info is_cb), set as their visits are queued.</summary>
    private HashSet<int>? _callbackSubprogs;

    /// <summary>
    /// check_max_stack_depth's rule for exceptions: bpf_throw may not run inside a callback, nor in a function a
    /// callback calls. The kernel walks the static call graph from the main program after verification, in
    /// instruction order, callbacks included, and reports the first such bpf_throw.
    /// </summary>
    public void CheckThrowInCallbacks()
    {
        int excCb = _subprogs.FindIndex(s => s.IsExceptionCb);
        if (_callbackSubprogs == null && excCb < 0)
            return;
        ThrowInCallback(0, inCallback: false, depth: 0);
        if (excCb > 0)
            ThrowInCallback(excCb, inCallback: true, depth: 0);
    }

    private void ThrowInCallback(int sub, bool inCallback, int depth)
    {
        if (depth >= VerifierState.MaxCallFrames)
            return;
        inCallback |= _callbackSubprogs?.Contains(sub) == true;
        var sp = _subprogs[sub];
        for (int i = sp.Start; i < sp.End; i++)
        {
            var insn = _insns[i];
            if (inCallback && insn.IsKfuncCall && _prog.Kfuncs.TryGetValue(i, out var k) && k.Name == "bpf_throw")
                Fail($"bpf_throw kfunc (insn {i}) cannot be called from callback subprog {sub}", -22);
            bool func = insn.IsLdImm64 && insn.Src == Bpf.Isa.Pseudo.Func;
            if ((insn.IsPseudoCall || func) && SubprogAt(i + insn.Imm + 1) is int callee and >= 0)
            {
                if (_subprogs[callee].IsExceptionCb)
                {
                    // 6.18 logs this line without its newline: the statistics line follows on the same line.
                    string msg = $"insn {i} cannot call exception cb directly";
                    _log.Write(msg);
                    throw new VerifierException(msg, -22);
                }
                ThrowInCallback(callee, inCallback, depth + 1);
            }
        }
    }
}
