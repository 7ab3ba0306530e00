using Bpf.Object;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Passes;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// Global function arguments: the caller's registers against the BTF prototype (btf_check_func_arg_match), and the
/// registers a global function starts its own verification with (do_check_common).
/// </summary>
internal sealed partial class Checker
{
    private const string TrustedArgExpected = "ptr_, trusted_ptr_, rcu_ptr_";

    /// <summary>
    /// Program types without convert_ctx_access: a context passed as memory is checked by a one-byte context read at
    /// the last byte (check_helper_mem_access). Knowledge of bpf_verifier_ops, kept with its one use.
    /// </summary>
    private static readonly HashSet<ProgramType> NoConvertCtxAccess =
    [
        ProgramType.Kprobe, ProgramType.Tracepoint, ProgramType.RawTracepoint, ProgramType.RawTracepointWritable,
    ];

    /// <summary>btf_check_func_arg_match at a call: any mismatch is followed by the caller line.</summary>
    private void CheckGlobalArgs(int sub, SubprogInfo sp)
    {
        var args = sp.GlobalArgs!;
        for (int i = 0; i < args.Length; i++)
        {
            int errno;
            try
            {
                string? err = CheckGlobalArg(i, args[i]);
                if (err == null)
                    continue;
                _log.WriteLine(err);
                errno = -22;
            }
            catch (VerifierException e) when (e.Errno != UnsupportedErrno)
            {
                errno = e.Errno;
            }
            Fail($"Caller passes invalid args into func#{sub} ('{sp.Name}')", errno);
        }
    }

    /// <summary>One argument at the call site; returns the error line or null when the register matches.</summary>
    private string? CheckGlobalArg(int i, in GlobalArg arg)
    {
        int regno = i + 1;
        var reg = Regs[regno];
        bool isNull = reg.Type == RegType.Scalar && reg.Bounds.IsConst && reg.Bounds.ConstValue == 0;
        switch (arg.Kind)
        {
            case FuncArgKind.Scalar:
                return reg.Type != RegType.Scalar ? $"R{regno} is not a scalar" : null;
            case FuncArgKind.Ctx:
                // check_func_arg_reg_off comes first: a moved context pointer is refused with its offset.
                if (reg.Type == RegType.PtrToCtx)
                    CheckPtrOffRegOrFail(regno, reg);
                return reg.Type != RegType.PtrToCtx ? $"arg#{i} expects pointer to ctx" : null;
            case FuncArgKind.Arena:
                return reg.Type is RegType.PtrToArena or RegType.Scalar ? null : $"R{regno} is not a pointer to arena or scalar.";
            case FuncArgKind.Mem:
                GlobalMemArgRegOff(regno, reg);
                if (!isNull)
                    CheckGlobalMem(regno, arg.MemSize);
                return !arg.Nullable && reg.IsMaybeNull ? $"arg#{i} is expected to be non-NULL" : null;
            case FuncArgKind.Trusted:
                if (isNull && arg.Nullable)
                    return null;
                CheckGlobalTrusted(regno, reg, arg);
                return null;
            case FuncArgKind.Dynptr:
                CheckGlobalDynptrArg(regno);
                return null;
            case FuncArgKind.Untrusted:
                return null; // anything: the callee reads it with probe loads
            default:
                Unsupported($"global function argument #{i} of kind {arg.Kind}");
                return null;
        }
    }

    /// <summary>check_func_arg_reg_off with ARG_DONTCARE: memory-like pointers may carry any offset.</summary>
    private void GlobalMemArgRegOff(int regno, in RegState reg)
    {
        if (reg.IsMaybeNull && reg.Type != RegType.Scalar)
        {
            // Only the exact types of the kernel's list skip the offset check; a _or_null one does not.
            CheckPtrOffRegOrFail(regno, reg);
            return;
        }
        if (VarOffsetAllowed(reg))
            return;
        if (reg.Type == RegType.PtrToBtfId)
            Unsupported("BTF pointer passed as global function memory");
        CheckPtrOffRegOrFail(regno, reg);
    }

    private void CheckPtrOffRegOrFail(int regno, in RegState reg)
    {
        if (reg.Off != 0 || !reg.Bounds.IsConst || reg.Bounds.ConstValue != 0)
            CheckPtrOffReg(regno, reg);
    }

    /// <summary>check_mem_reg: the pointee must be readable and writable for its full size (NULL assumed away).</summary>
    private void CheckGlobalMem(int regno, int size)
    {
        var saved = Regs[regno];
        if (saved.IsMaybeNull)
            Regs[regno].Flags &= ~RegFlags.MaybeNull;
        try
        {
            var reg = Regs[regno];
            if (reg.Type == RegType.PtrToCtx)
            {
                if (!NoConvertCtxAccess.Contains(_prog.Type))
                    Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), "fp"));
                if (size == 0)
                    return;
                CheckCtxAccess(regno, size - 1, 1, write: false, -1, sx: false);
                CheckCtxAccess(regno, size - 1, 1, write: true, -1, sx: false);
                return;
            }
            if (reg.Type == RegType.PtrToBtfId)
                Unsupported("BTF pointer passed as global function memory");
            if ((reg.Flags & RegFlags.MemRdonly) != 0 && reg.Type is RegType.PtrToMem or RegType.PtrToBuf)
            {
                CheckHelperMem(regno, size, raw: false, write: false, zeroSizeAllowed: true);
                Fail($"R{regno} cannot write into {TypeStr(reg)}");
            }
            if (reg.Type == RegType.PtrToMapKey)
            {
                CheckHelperMem(regno, size, raw: false, write: false, zeroSizeAllowed: true);
                Fail($"R{regno} cannot write into {TypeStr(reg)}");
            }
            CheckHelperMem(regno, size, raw: false, write: false, zeroSizeAllowed: true);
            // check_helper_mem_access checks a packet write as it checks the read (check_packet_access).
            if (reg.Type is not (RegType.PtrToPacket or RegType.PtrToPacketMeta))
                CheckHelperMem(regno, size, raw: false, write: true, zeroSizeAllowed: true);
        }
        finally
        {
            Regs[regno] = saved;
        }
    }

    /// <summary>ARG_PTR_TO_BTF_ID | PTR_TRUSTED: check_reg_type's btf_ptr_types and struct match, then the offset.</summary>
    private void CheckGlobalTrusted(int regno, in RegState reg, in GlobalArg arg)
    {
        var flags = reg.Flags;
        if (arg.Nullable)
            flags &= ~RegFlags.MaybeNull;
        if (reg.Type != RegType.PtrToBtfId || !(flags is RegFlags.None or RegFlags.PtrTrusted or RegFlags.MemRcu))
            Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), TrustedArgExpected));
        if (reg.Off != 0)
            Unsupported("offset BTF pointer passed to a global function");
        if (!StructIdsMatch(KernelTypes.Btf, reg.BtfId, arg.KernelBtfId, strict: false))
            Fail($"R{regno} is of type {KernelTypes.Name(reg.BtfId)} but {KernelTypes.Name(arg.KernelBtfId)} is expected");
        if (!reg.Bounds.IsConst || reg.Bounds.ConstValue != 0)
            Fail($"variable {TypeStr(reg)} access var_off={ScalarText.TnumText(reg.Bounds.VarOff)} disallowed");
    }

    /// <summary>The register a global function's argument starts as.</summary>
    private RegState GlobalEntryReg(in GlobalArg arg)
    {
        switch (arg.Kind)
        {
            case FuncArgKind.Ctx:
                return RegState.Pointer(RegType.PtrToCtx);
            case FuncArgKind.Mem:
                {
                    var r = RegState.Pointer(RegType.PtrToMem, arg.Nullable ? RegFlags.MaybeNull : RegFlags.None);
                    r.Aux = arg.MemSize;
                    r.Id = NewId();
                    return r;
                }
            case FuncArgKind.Trusted:
                {
                    var r = RegState.Pointer(RegType.PtrToBtfId, RegFlags.PtrTrusted | (arg.Nullable ? RegFlags.MaybeNull : RegFlags.None));
                    r.BtfId = arg.KernelBtfId;
                    r.Id = NewId();
                    return r;
                }
            case FuncArgKind.Untrusted when arg.KernelBtfId == 0:
                return UntrustedMem();
            case FuncArgKind.Untrusted:
                {
                    var r = RegState.Pointer(RegType.PtrToBtfId, RegFlags.PtrUntrusted);
                    r.BtfId = arg.KernelBtfId;
                    r.Id = NewId();
                    return r;
                }
            case FuncArgKind.Dynptr:
                // The callee assumes a plain local dynptr.
                return Dynptrs.Reg(DynptrKind.Local, firstSlot: true, NewId());
            default:
                // Scalars, and arena arguments (the caller may pass a PTR_TO_ARENA or a scalar).
                return RegState.UnknownScalar;
        }
    }

    private bool? _hasExceptionCb;

    /// <summary>env->exception_callback_subprog is set: bpf_throw hands its cookie to that callback.</summary>
    private bool HasExceptionCallback => _hasExceptionCb ??= _subprogs.Exists(s => s.IsExceptionCb);

    /// <summary>
    /// do_check_common's prototype step for a global function verified on its own: a refused prototype fails with
    /// the kernel's line; the exception callback takes exactly one integer and exits like the main program.
    /// </summary>
    private GlobalArg[] GlobalEntryArgs(SubprogInfo sp, FuncState frame)
    {
        if (sp.GlobalArgs == null)
        {
            if (sp.GlobalProtoError != null)
                Fail(sp.GlobalProtoError, -22);
            Unsupported(sp.GlobalUnsupported ?? "global function");
        }
        if (sp.IsExceptionCb)
        {
            frame.InExceptionCallbackFn = true;
            if (sp.GlobalArgs.Length != 1 || sp.GlobalArgs[0].Kind != FuncArgKind.Scalar)
                Fail("exception cb only supports single integer argument", -22);
        }
        return sp.GlobalArgs;
    }
}
