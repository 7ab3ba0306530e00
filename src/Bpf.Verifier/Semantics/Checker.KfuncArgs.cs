using Bpf.Btf;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Platform.Kfuncs;

namespace Bpf.Verifier.Semantics;

/// <summary>check_kfunc_args: each register against the kfunc's BTF prototype.</summary>
internal sealed partial class Checker
{
    private const int KfuncMaxArgs = 5;

    private void CheckKfuncArgs(KfuncCall call)
    {
        var btf = Kbtf;
        int nargs = btf.Vlen(call.ProtoId);
        if (nargs > KfuncMaxArgs)
            Unsupported($"kfunc {call.Info.Name} with {nargs} arguments");
        for (int i = 0; i < nargs; i++)
        {
            var p = btf.Param(call.ProtoId, i);
            string pname = btf.ParamName(call.ProtoId, i);
            // __ign arguments are not checked; a __prog argument is the program's aux, filled in by the kernel.
            if (pname.EndsWith("__ign", StringComparison.Ordinal) || pname.EndsWith("__prog", StringComparison.Ordinal))
                continue;
            int regno = i + 1;
            _scratch.MarkReg(regno);
            uint t = btf.SkipModsAndTypedefs(p.TypeId);
            var kind = btf.Kind(t);
            if (kind is BtfKind.Int or BtfKind.Enum or BtfKind.Enum64)
            {
                CheckKfuncScalarArg(call, regno, pname);
                continue;
            }
            if (kind != BtfKind.Ptr)
                Unsupported($"kfunc {call.Info.Name} argument of kind {kind}");
            if ((i == 0 && IsIterKfunc(call.Info)) || pname.EndsWith("__iter", StringComparison.Ordinal))
            {
                CheckIterKfuncArg(call, i, t);
                continue;
            }
            if (TryCheckAsyncKfuncArg(call, i, t, pname))
                continue;
            if (pname.EndsWith("__str", StringComparison.Ordinal))
            {
                CheckKfuncConstStrArg(call, i);
                continue;
            }
            if (IsDynptrParam(btf, t))
            {
                CheckKfuncDynptrArg(call, i, pname);
                continue;
            }
            if (i + 1 < nargs && IsMemSizeName(btf.ParamName(call.ProtoId, i + 1)))
            {
                CheckKfuncMemSizeArg(call, i, t, btf.ParamName(call.ProtoId, i + 1));
                i++; // the size argument is checked with its buffer
                continue;
            }
            if (pname.EndsWith("__map", StringComparison.Ordinal))
            {
                // KF_ARG_PTR_TO_MAP: checked as a 'struct bpf_map *' argument.
                CheckKfuncPtrArg(call, i, t, Platform.KernelTypes.StructId("bpf_map"));
                continue;
            }
            if (pname.EndsWith("__nullable", StringComparison.Ordinal))
            {
                CheckNullableKfuncArg(call, i, t);
                continue;
            }
            if (IsIrqFlagParam(pname))
            {
                CheckIrqFlagArg(call, i);
                continue;
            }
            if (IsResSpinLockParam(btf, t))
            {
                CheckResSpinLockArg(call, i);
                continue;
            }
            if (KfuncArgSuffix(pname) != null)
                Unsupported($"kfunc {call.Info.Name} argument {pname}");
            CheckKfuncPtrArg(call, i, t);
        }
        if (call.Info.Has(KfuncFlags.Release) && call.ReleaseRegno == 0)
            Fail(KfuncMessages.ReleaseExpectsRefcounted(call.Info.Name), Einval);
    }

    private void CheckKfuncScalarArg(KfuncCall call, int regno, string pname)
    {
        ref var reg = ref Regs[regno];
        if (reg.Type != RegType.Scalar)
            Fail($"R{regno} is not a scalar", Einval);
        string? suffix = KfuncArgSuffix(pname);
        if (suffix == "__k")
        {
            if (!reg.Bounds.VarOff.IsConst)
                Fail($"R{regno} must be a known constant", Einval);
            MarkChainPrecision(regno);
            call.Constant = reg.Bounds.VarOff.Value;
        }
        else if (suffix != null || pname is "rdonly_buf_size" or "rdwr_buf_size")
        {
            Unsupported($"kfunc {call.Info.Name} argument {pname}");
        }
    }

    /// <summary>is_kfunc_trusted_args (KF_TRUSTED_ARGS, or a release kfunc) or is_kfunc_rcu.</summary>
    private static bool TrustedOrRcuArgs(KfuncCall call) =>
        call.Info.Has(KfuncFlags.TrustedArgs) || call.Info.Has(KfuncFlags.Release) || call.Info.Has(KfuncFlags.Rcu);

    private static bool IsNullConst(in RegState reg) =>
        reg.Type == RegType.Scalar && reg.Bounds.VarOff.IsConst && reg.Bounds.VarOff.Value == 0;

    /// <summary>check_kfunc_args: a trusted or RCU kfunc's pointer argument may be NULL only when it is __nullable.</summary>
    private void CheckKfuncArgNotNull(KfuncCall call, int argNo, bool nullable = false)
    {
        var reg = Regs[argNo + 1];
        if (TrustedOrRcuArgs(call) && !nullable && (IsNullConst(reg) || reg.IsMaybeNull))
            Fail($"Possibly NULL pointer passed to trusted arg{argNo}", Eacces);
    }

    private void CheckKfuncPtrArg(KfuncCall call, int argNo, uint ptrType, uint refOverride = 0)
    {
        var btf = Kbtf;
        int regno = argNo + 1;
        var reg = Regs[regno];
        string name = call.Info.Name;
        bool trustedOrRcu = TrustedOrRcuArgs(call);
        CheckKfuncArgNotNull(call, argNo);
        if (reg.RefObjId != 0)
        {
            if (call.Info.Has(KfuncFlags.Release) && call.RefObjId != 0)
                Unsupported($"kfunc {name} with two referenced arguments");
            call.RefObjId = reg.RefObjId;
            if (call.Info.Has(KfuncFlags.Release))
                call.ReleaseRegno = regno;
        }
        uint refId = refOverride != 0 ? refOverride : btf.SkipModsAndTypedefs(btf.RefType(ptrType));
        var refKind = btf.Kind(refId);
        string refName = btf.KernelNameByOffset(btf.NameOff(refId));

        if (name == "bpf_cast_to_kern_ctx")
        {
            if (reg.Type != RegType.PtrToCtx)
                Fail($"arg#{argNo} expected pointer to ctx, but got {TypeStr(reg)}", Einval);
            if (reg.Off != 0 || !reg.Bounds.IsConst || reg.Bounds.ConstValue != 0)
                Unsupported("modified ctx pointer passed to bpf_cast_to_kern_ctx");
            return;
        }
        if (refKind == BtfKind.Struct && refName == KfuncContexts.UapiContextStruct(_prog.Type))
        {
            // btf_is_prog_ctx_type: the argument is the program's context.
            if (reg.Type != RegType.PtrToCtx)
                Fail($"arg#{argNo} expected pointer to ctx, but got {TypeStr(reg)}", Einval);
            if (reg.Off != 0 || !reg.Bounds.IsConst || reg.Bounds.ConstValue != 0)
                Unsupported($"modified ctx pointer passed to kfunc {name}");
            return;
        }
        if (reg.Type == RegType.PtrToCtx)
        {
            // The context is neither a BTF pointer nor the kfunc's context struct: get_kfunc_ptr_arg_type takes it
            // for memory, which a struct with non-scalar members cannot be.
            bool knownCtx = Platform.ProgramContextTypes.KernelStruct(_prog.Type) != null;
            bool isCtxStruct = Platform.ProgramContextTypes.IsContextStruct(_prog.Type, refName);
            if (knownCtx && !isCtxStruct && refKind == BtfKind.Struct && !IsScalarStruct(btf, refId, 0))
                Fail($"arg#{argNo} pointer type {refKind.KernelName()} {refName} must point to scalar, or struct with scalar", Einval);
            Unsupported($"ctx pointer passed to kfunc {name}");
        }
        if (reg.Type == RegType.ConstPtrToMap)
        {
            // reg2btf_ids: a map pointer is a trusted struct bpf_map * (bpf_map_sum_elem_count).
            if (refKind != BtfKind.Struct || refName != "bpf_map")
                Unsupported($"map pointer passed to kfunc {name} for {refName}");
            return;
        }
        if (reg.Type != RegType.PtrToBtfId)
        {
            if (SocketBtfStruct(reg.Type) is string sockStruct)
            {
                CheckKfuncSocketArg(call, argNo, refId, refKind, refName, sockStruct);
                return;
            }
            if (refKind == BtfKind.Struct && !IsScalarStruct(btf, refId, 0))
                Fail($"arg#{argNo} pointer type {btf.Kind(refId).KernelName()} {refName} must point to scalar, or struct with scalar", Einval);
            CheckKfuncFixedMemArg(call, regno, refId);
            return;
        }
        if (refKind is not (BtfKind.Struct or BtfKind.Union))
            Fail($"kernel function {name} args#{argNo} pointer type {refKind.KernelName()} {refName} is not supported", Einval);
        // A local object's BtfId is in the program BTF, not vmlinux: the type checks below do not apply.
        if ((reg.Flags & RegFlags.MemAlloc) != 0)
            Unsupported($"local object passed to kfunc {name}");

        if (trustedOrRcu && !IsTrustedReg(reg))
        {
            if (!call.Info.Has(KfuncFlags.Rcu))
                Fail($"R{regno} must be referenced or trusted", Einval);
            if ((reg.Flags & RegFlags.MemRcu) == 0)
                Fail($"R{regno} must be a rcu pointer", Einval);
        }

        bool release = call.Info.Has(KfuncFlags.Release) && reg.RefObjId != 0;
        if (reg.Off != 0 || !reg.Bounds.IsConst || reg.Bounds.ConstValue != 0)
        {
            if (release && reg.Off != 0)
                Fail($"R{regno} must have zero offset when passed to release func or trusted arg to kfunc", Einval);
            // A positive fixed offset is a nested struct, matched by btf_struct_ids_match's walk below.
            if (release || reg.Off < 0 || !reg.Bounds.IsConst || reg.Bounds.ConstValue != 0)
                Unsupported($"offset pointer passed to kfunc {name}");
        }

        var unsafeFlags = reg.Flags & ~TrustedModifiers;
        if (unsafeFlags != 0 && (reg.Flags & RegFlags.MemRcu) == 0)
        {
            string got = TypeStr(reg), want = RegTypeNames.Name(RegType.PtrToBtfId, reg.Flags & TrustedModifiers);
            Fail($"arg#{argNo} is {got} expected {want} or socket", Einval);
        }

        bool strict = call.Info.Has(KfuncFlags.Acquire) || release || IsNocastAlias(btf, reg.BtfId, refId);
        // A kfunc taking a projection (struct __sk_buff, struct xdp_md) accepts the kernel struct behind it.
        // The kernel's walk logs why it stopped (an sk_buff passed as struct __sk_buff: "cannot access ptr member
        // next ..."), even when the projection rule below then accepts the pointer.
        bool same = BtfIdsMatch(reg.BtfId, reg.Off, refId, strict);
        if (!same && !IsProjectionOf(refName, btf.Name(btf.SkipModsAndTypedefs(reg.BtfId))))
        {
            uint have = btf.SkipModsAndTypedefs(reg.BtfId);
            Fail($"kernel function {name} args#{argNo} expected pointer to {refKind.KernelName()} {refName} but R{regno} has a pointer to " +
                $"{btf.Kind(have).KernelName()} {btf.KernelNameByOffset(btf.NameOff(have))}", Einval);
        }
    }

    /// <summary>
    /// btf_struct_ids_match at offset 0: the same type, or (not strict) a struct whose first member is, transitively,
    /// the wanted struct (struct bpf_cpumask starts with a struct cpumask).
    /// </summary>
    private static bool StructIdsMatch(BtfSpec btf, uint have, uint want, bool strict)
    {
        if (have == want)
            return true;
        if (strict)
            return false;
        uint cur = btf.SkipModsAndTypedefs(have);
        for (int depth = 0; depth < BtfSpec.MaxResolveDepth; depth++)
        {
            if (!btf.Kind(cur).IsComposite() || btf.Vlen(cur) == 0)
                return false;
            var m = btf.Member(cur, 0);
            uint mt = btf.SkipModsAndTypedefs(m.TypeId);
            if (m.BitOffset != 0 || !btf.Kind(mt).IsComposite())
                return false;
            if (mt == want)
                return true;
            cur = mt;
        }
        return false;
    }

    /// <summary>btf_is_projection_of: the uapi context struct and the kernel struct it stands for.</summary>
    private static bool IsProjectionOf(string pname, string tname) =>
        (pname == "__sk_buff" && tname == "sk_buff") || (pname == "xdp_md" && tname == "xdp_buff");

    /// <summary>btf_type_ids_nocast_alias: both names share their essential part (nf_conn___init and nf_conn).</summary>
    private static bool IsNocastAlias(BtfSpec btf, uint a, uint b) => BtfSpec.EssentialNamesEqual(btf.Name(a), btf.Name(b));

    /// <summary>__btf_type_is_scalar_struct: members are scalars, non-empty arrays of scalars, or such structs (three levels).</summary>
    private bool IsScalarStruct(BtfSpec btf, uint id, int depth)
    {
        if (!btf.Kind(id).IsComposite())
            return false;
        int n = btf.Vlen(id);
        for (int i = 0; i < n; i++)
        {
            uint mt = btf.SkipModsAndTypedefs(btf.Member(id, i).TypeId);
            var k = btf.Kind(mt);
            if (k.IsComposite())
            {
                if (depth >= 3)
                {
                    _log.WriteLine("max struct nesting depth exceeded");
                    return false;
                }
                if (!IsScalarStruct(btf, mt, depth + 1))
                    return false;
                continue;
            }
            if (k == BtfKind.Array)
            {
                var a = btf.ArrayInfo(mt);
                if (a.NElems == 0)
                    return false;
                mt = btf.SkipModsAndTypedefs(a.ElemType);
                k = btf.Kind(mt);
            }
            if (k is not (BtfKind.Int or BtfKind.Enum or BtfKind.Enum64))
                return false;
        }
        return true;
    }

    /// <summary>
    /// KF_ARG_PTR_TO_MEM_SIZE: a buffer and its <c>__sz</c>/<c>__szk</c> length, checked as a read and then a write
    /// of the length's maximum (check_kfunc_mem_size_reg); modelled for stack and map-value buffers.
    /// </summary>
    private void CheckKfuncMemSizeArg(KfuncCall call, int argNo, uint ptrType, string sizeName)
    {
        var btf = Kbtf;
        int regno = argNo + 1;
        var reg = Regs[regno];
        string name = call.Info.Name;
        if (call.Info.Has(KfuncFlags.Release) || reg.RefObjId != 0)
            Unsupported($"kfunc {name} memory argument with trusted or referenced pointers");
        CheckKfuncArgNotNull(call, argNo, nullable: btf.ParamName(call.ProtoId, argNo).EndsWith("__nullable", StringComparison.Ordinal));
        uint refId = btf.SkipModsAndTypedefs(btf.RefType(ptrType));
        var refKind = btf.Kind(refId);
        string refName = btf.KernelNameByOffset(btf.NameOff(refId));
        string? bufSuffix = KfuncArgSuffix(btf.ParamName(call.ProtoId, argNo));
        int sizeRegno = regno + 1;
        if (bufSuffix == "__opt" && IsNullConst(reg))
        {
            // An optional buffer left NULL: only a __szk length still has to be a constant.
            _scratch.MarkReg(sizeRegno);
            if (sizeName.EndsWith("__szk", StringComparison.Ordinal))
            {
                if (!Regs[sizeRegno].Bounds.VarOff.IsConst || Regs[sizeRegno].Type != RegType.Scalar)
                    Fail($"R{sizeRegno} must be a known constant", Einval);
                call.Constant = Regs[sizeRegno].Bounds.VarOff.Value;
            }
            return;
        }
        if (reg.Type is RegType.PtrToCtx or RegType.PtrToBtfId or RegType.PtrToSocket or RegType.PtrToSockCommon
            or RegType.PtrToTcpSock or RegType.PtrToXdpSock || bufSuffix is not (null or "__opt"))
            Unsupported($"kfunc {name} memory argument of type {TypeStr(reg)}");
        if (refKind is not (BtfKind.Int or BtfKind.Enum or BtfKind.Enum64 or BtfKind.Void) && !IsScalarStruct(btf, refId, 0))
            Fail($"arg#{argNo} pointer type {refKind.KernelName()} {refName} must point to void, scalar, or struct with scalar", Einval);
        if (IsNullWithEmptySize(reg, Regs[regno + 1]))
        {
            // check_helper_mem_access accepts a NULL buffer of zero bytes; each pass marks the length precise.
            _scratch.MarkReg(regno + 1);
            MarkChainPrecision(regno + 1);
            MarkChainPrecision(regno + 1);
            if (sizeName.EndsWith("__szk", StringComparison.Ordinal))
                call.Constant = 0;
            return;
        }
        if (reg.Type != RegType.PtrToStack && (reg.Type != RegType.PtrToMapValue || reg.IsMaybeNull) && reg.Type != RegType.Scalar)
            Unsupported($"kfunc {name} memory argument of type {TypeStr(reg)}");

        int sizeReg = regno + 1;
        _scratch.MarkReg(sizeReg);
        var sz = Regs[sizeReg];
        if (sz.Type != RegType.Scalar)
            Unsupported($"kfunc {name} size argument of type {TypeStr(sz)}");
        string pair = $"arg#{argNo} arg#{argNo + 1} memory, len pair leads to invalid memory access";
        if (sz.Bounds.SMin < 0)
        {
            _log.WriteLine($"R{sizeReg} min value is negative, either use unsigned or 'var &= const'");
            Fail(pair, Eacces);
        }
        if (sz.Bounds.UMax >= MaxVarOff)
        {
            _log.WriteLine(Messages.UnboundedSize(sizeReg));
            Fail(pair, Eacces);
        }
        if (reg.Type == RegType.Scalar)
        {
            // check_helper_mem_access: a scalar is no memory (a NULL of zero bytes was accepted above).
            _log.WriteLine($"R{regno} type=scalar expected=fp");
            Fail(pair, Eacces);
        }
        // A read and then a write of the buffer (the write turns zero/spilled stack bytes into misc data); each
        // pass marks the length precise.
        KfuncMemPass(regno, (int)sz.Bounds.UMax, write: false, pair);
        MarkChainPrecision(sizeReg);
        KfuncMemPass(regno, (int)sz.Bounds.UMax, write: true, pair);
        MarkChainPrecision(sizeReg);
        if (sizeName.EndsWith("__szk", StringComparison.Ordinal))
        {
            if (!sz.Bounds.VarOff.IsConst)
                Fail($"R{sizeReg} must be a known constant", Einval);
            call.Constant = sz.Bounds.VarOff.Value;
        }
    }

    private const int UnsupportedErrno = -95;

    /// <summary>One check_mem_size_reg pass; a failure is followed by the kernel's memory/length pair line.</summary>
    private void KfuncMemPass(int regno, int size, bool write, string pair)
    {
        try
        {
            CheckHelperMem(regno, size, raw: false, write: write, zeroSizeAllowed: true);
        }
        catch (VerifierException e) when (e.Errno != UnsupportedErrno)
        {
            Fail(pair, e.Errno);
        }
    }

    private static readonly string[] KnownArgSuffixes =
    [
        "__k", "__sz", "__szk", "__nullable", "__str", "__irq_flag", "__map", "__alloc", "__uninit", "__opt",
        "__refcounted_kptr", "__prog", "__ign",
    ];

    /// <summary>The kernel's argument-name annotation (name__suffix), null when the name carries none bpfv knows.</summary>
    private static string? KfuncArgSuffix(string pname)
    {
        foreach (var s in KnownArgSuffixes)
        {
            if (pname.EndsWith(s, StringComparison.Ordinal))
                return s;
        }
        return null;
    }

    private static bool IsMemSizeName(string pname) =>
        pname.EndsWith("__sz", StringComparison.Ordinal) || pname.EndsWith("__szk", StringComparison.Ordinal);
}
