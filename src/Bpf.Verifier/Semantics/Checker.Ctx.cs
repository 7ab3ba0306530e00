using Bpf.Isa;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// Context and socket memory: check_ctx_access against the program type's layout, check_sock_access,
/// check_flow_keys_access, the tracepoint buffer, and BPF_LD_ABS/BPF_LD_IND (check_ld_abs).
/// </summary>
internal sealed partial class Checker
{
    /// <summary>sizeof(struct bpf_flow_keys).</summary>
    private const int FlowKeysSize = 56;

    private void CheckCtxAccess(int regno, int off, int size, bool write, int valueReg, bool sx)
    {
        var reg = Regs[regno];
        string type = TypeStr(reg);
        if (reg.Off < 0)
            Fail($"negative offset {type} ptr R{regno} off={reg.Off} disallowed");
        if (reg.Off != 0)
            Fail(Messages.ModifiedCtx(type, regno, reg.Off));
        if (!reg.Bounds.IsConst || reg.Bounds.ConstValue != 0)
            Fail(Messages.VarOffCtx(type, regno, ScalarText.TnumText(reg.Bounds.VarOff)));
        var layout = _ptype?.Context;
        // btf_ctx_access ignores is_ldsx: a sign-extending load of a scalar argument is a plain read (the generic
        // coercion sign-extends it), one of a pointer argument fails its size check like any narrow load.
        if (TryCheckBtfCtxAccess(regno, off, size, write, valueReg))
            return;
        if (layout == null)
            Unsupported($"context access for program type {_prog.Type}");
        // A sign-extending load cannot produce a pointer (info->is_ldsx in the is_valid_access functions).
        if (!layout.TryAccess(off, size, write, out var field) || (sx && field.Result != RegType.Scalar))
            Fail(Messages.CtxAccess(off, size));
        // A privileged program may store pointers into writable context fields: the kernel does not track them.
        if (write || valueReg < 0)
            return;
        if (field.Result == RegType.Scalar)
        {
            MarkUnknown(ref Regs[valueReg]);
            return;
        }
        var r = KnownZeroPtr(field.Result, field.ResultFlags);
        if (field.Result == RegType.PtrToBtfId)
        {
            r.BtfId = field.BtfStruct != null ? KernelTypes.StructId(field.BtfStruct) : 0;
            if (r.BtfId == 0)
                Unsupported($"context field producing {RegTypeNames.Name(field.Result, field.ResultFlags)}");
        }
        if ((field.ResultFlags & RegFlags.MaybeNull) != 0)
            r.Id = NewId();
        Regs[valueReg] = r;
    }

    /// <summary>check_sock_access: reads of bpf_sock / bpf_tcp_sock / bpf_xdp_sock through a checked pointer.</summary>
    private void CheckSockAccess(int regno, int off, int size, bool write, int valueReg)
    {
        var reg = Regs[regno];
        if (write)
            Fail($"R{regno} cannot write into {TypeStr(reg)}");
        if (reg.Bounds.SMin < 0)
            Fail(Messages.MinValueNegative(regno));
        var layout = SockContexts.ForPointer(reg.Type);
        var field = default(CtxField);
        if (layout == null || !layout.TryAccess(off, size, write: false, out field))
            Fail($"R{regno} invalid {TypeStr(reg)} access off={off} size={size}");
        if (field.Unconverted)
            Unsupported($"{TypeStr(reg)} read off={off} size={size} that the kernel fails to convert after verification");
        if (valueReg >= 0)
            MarkUnknown(ref Regs[valueReg]);
    }

    /// <summary>check_flow_keys_access: any access inside struct bpf_flow_keys.</summary>
    private void CheckFlowKeysAccess(int off, int size, bool write, int valueReg)
    {
        if (off < 0 || size <= 0 || off + size > FlowKeysSize)
            Fail($"invalid access to flow keys off={off} size={size}");
        if (!write && valueReg >= 0)
            MarkUnknown(ref Regs[valueReg]);
    }

    /// <summary>check_tp_buffer_access: a writable raw tracepoint's buffer, checked against its size at attach time.</summary>
    private void CheckTpBufferAccess(int regno, int off, int size, bool write, int valueReg)
    {
        var reg = Regs[regno];
        if (off < 0)
            Fail($"R{regno} invalid tracepoint buffer access: off={off}, size={size}");
        if (!reg.Bounds.IsConst || reg.Bounds.ConstValue != 0)
            Fail($"R{regno} invalid variable buffer offset: off={off}, var_off={ScalarText.TnumText(reg.Bounds.VarOff)}");
        if (!write && valueReg >= 0)
            MarkUnknown(ref Regs[valueReg]);
    }

    /// <summary>check_ld_abs: legacy packet loads through the skb in R6; a helper call in disguise.</summary>
    private void CheckLdAbs(Instruction insn)
    {
        const string what = "BPF_LD_[ABS|IND]";
        if (_ptype?.LdAbs != true)
            Fail($"{what} instructions not allowed for this program type", -22);
        for (int f = _cur.CurFrame; f > 0; f--)
        {
            if (_cur.Frames[f].InCallbackFn)
                Fail($"cannot use {what} within callback", -22);
        }
        byte mode = Opcode.Mode(insn.Code);
        if (insn.Dst != 0 || insn.Offset != 0 || Opcode.Size(insn.Code) == Opcode.DW || (mode == Opcode.Abs && insn.Src != 0))
            Fail($"{what} uses reserved fields", -22);
        CheckRegArg(6, RegUse.Src);
        CheckLdAbsResources(what);
        if (Regs[6].Type != RegType.PtrToCtx)
            Fail("at the time of BPF_LD_ABS|IND R6 != pointer to skb", -22);
        if (mode == Opcode.Ind)
            CheckRegArg(insn.Src, RegUse.Src);
        var r6 = Regs[6];
        if (r6.Off < 0)
            Fail($"negative offset {TypeStr(r6)} ptr R6 off={r6.Off} disallowed");
        if (r6.Off != 0)
            Fail(Messages.ModifiedCtx(TypeStr(r6), 6, r6.Off));
        if (!r6.Bounds.IsConst || r6.Bounds.ConstValue != 0)
            Fail(Messages.VarOffCtx(TypeStr(r6), 6, ScalarText.TnumText(r6.Bounds.VarOff)));
        for (int r = 0; r <= 5; r++)
        {
            Regs[r] = RegState.NotInit;
            _scratch.MarkReg(r);
        }
        MarkUnknown(ref Regs[0]);
        if (_cur.CurFrame == 0)
            return;
        // In a subprogram the generated code's hidden "return 0" is a second path: the load either continues
        // (R0 unknown, explored later) or the subprogram returns 0 to its caller now.
        PushStack(_insnIdx + 1, _insnIdx, false);
        MarkConst(ref Regs[0], 0);
        PrepareFuncExit();
        // The caller's R0 is printed with the next instruction ("6: R0=0"), not as a "from X to Y" state.
        _scratch.MarkReg(0);
        _insnIdx--;
    }

    /// <summary>check_resource_leak for BPF_LD_[ABS|IND]: the generated code may exit the program.</summary>
    private void CheckLdAbsResources(string what)
    {
        bool lockHeld = false, leak = false, irq = false;
        foreach (var r in _cur.Refs)
        {
            if (r.Kind is RefKind.Lock or RefKind.ResLock or RefKind.ResLockIrq)
                lockHeld = true;
            else if (r.Kind == RefKind.Irq)
                irq = true;
        }
        if (lockHeld)
            Fail($"{what} cannot be used inside bpf_spin_lock-ed region", -22);
        if (_cur.CurFrame == 0)
        {
            foreach (var r in _cur.Refs)
            {
                if (r.Kind != RefKind.Ptr)
                    continue;
                _log.WriteLine($"Unreleased reference id={r.Id} alloc_insn={r.InsnIdx}");
                leak = true;
            }
        }
        if (leak)
            Fail($"{what} would lead to reference leak", -22);
        if (irq)
            Fail($"{what} cannot be used inside bpf_local_irq_save-ed region", -22);
        if (_cur.ActiveRcuLock != 0)
            Fail($"{what} cannot be used inside bpf_rcu_read_lock-ed region", -22);
        if (_cur.ActivePreemptLock != 0)
            Fail($"{what} cannot be used inside bpf_preempt_disable-ed region", -22);
    }

    /// <summary>Pointer type each load/store instruction was first seen with (type and flags packed, 0 = unseen).</summary>
    private uint[]? _insnPtrType;

    /// <summary>
    /// save_aux_ptr_type: the kernel rewrites context and socket accesses per instruction, so one instruction may not
    /// see such a pointer on one path and another pointer type on another. Loads through memory or BTF pointers of
    /// different kinds merge into an untrusted BTF pointer instead.
    /// </summary>
    private void SaveAuxPtrType(RegType type, RegFlags flags, bool allowTrustMismatch)
    {
        _insnPtrType ??= new uint[_insns.Length];
        ref uint prev = ref _insnPtrType[_insnIdx];
        uint cur = PackPtrType(type, flags);
        if (prev == 0)
        {
            prev = cur;
            return;
        }
        var prevType = (RegType)((prev >> 16) - 1);
        if (prev == cur || (MismatchOk(type) && MismatchOk(prevType)))
            return;
        if (allowTrustMismatch && type is RegType.PtrToMem or RegType.PtrToBtfId && prevType is RegType.PtrToMem or RegType.PtrToBtfId)
        {
            prev = PackPtrType(RegType.PtrToBtfId, RegFlags.PtrUntrusted);
            return;
        }
        Fail("same insn cannot be used with different pointers", -22);
    }

    private static uint PackPtrType(RegType t, RegFlags f) => ((uint)(t + 1) << 16) | (uint)f;

    /// <summary>reg_type_mismatch_ok: pointer types whose accesses are not rewritten per type.</summary>
    private static bool MismatchOk(RegType t) => t is not (RegType.PtrToCtx or RegType.PtrToSocket or RegType.PtrToSockCommon
        or RegType.PtrToTcpSock or RegType.PtrToXdpSock or RegType.PtrToBtfId or RegType.PtrToArena);
}
