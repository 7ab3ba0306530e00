using Bpf.Btf;
using Bpf.Object;
using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Platform;

/// <summary>What a read of one u64 argument slot of a BTF-typed context yields (struct bpf_insn_access_aux).</summary>
public struct BtfCtxArg
{
    public RegType Type;
    public RegFlags Flags;
    public uint BtfId;
    /// <summary>LSM: the slot after the arguments holds the hook's return value.</summary>
    public bool IsRetval;
    /// <summary>Log text the kernel prints on success (<c>func 'f' arg0 has btf_id ...\n</c>), or null.</summary>
    public string? Note;
}

/// <summary>
/// btf_ctx_access: the context of fentry/fexit/fmod_ret/tp_btf/iter/LSM programs is the target's arguments as
/// u64 slots. Decides what a read of a slot gives, or the kernel's log line explaining why it is refused.
/// </summary>
public static class BtfCtxAccess
{
    private const int MaxFuncArgs = 12;

    /// <summary>
    /// False when the access is refused; <paramref name="why"/> is then the line logged before
    /// "invalid bpf_context access" (null when the kernel logs nothing more).
    /// </summary>
    public static bool Check(BtfAttach a, ProgramSpec prog, int off, int size, out BtfCtxArg arg, out string? why)
    {
        arg = new BtfCtxArg { Type = RegType.Scalar };
        why = null;
        var btf = KernelTypes.Btf;
        // tracing_prog_is_valid_access / bpf_tracing_btf_ctx_access: slot range and alignment.
        if ((prog.Type is ProgramType.Tracing or ProgramType.StructOps) && (off < 0 || off >= 8 * MaxFuncArgs || off % size != 0))
            return false;
        string f = a.FuncName;
        if (off % 8 != 0)
        {
            why = $"func '{f}' offset {off} is not multiple of 8";
            return false;
        }
        uint proto = a.Proto;
        int arg0 = a.IsBtfTrace ? 1 : 0;
        int nrArgs = btf.Vlen(proto) - arg0;
        int idx = ArgIndex(btf, proto, off);
        if (idx > nrArgs)
        {
            why = $"func '{f}' doesn't have {idx + 1}-th argument";
            return false;
        }
        uint t;
        if (idx == nrArgs)
        {
            switch (prog.ExpectedAttachType)
            {
                case AttachType.LsmMac:
                case AttachType.LsmCgroup:
                case AttachType.TraceFexit:
                    arg.IsRetval = prog.ExpectedAttachType == AttachType.LsmMac;
                    t = btf.RefType(proto);
                    break;
                case AttachType.ModifyReturn:
                    t = btf.SkipModsAndTypedefs(btf.RefType(proto));
                    if (!IsSmallInt(btf, t))
                    {
                        why = $"ret type {btf.Kind(t).KernelName()} not allowed for fmod_ret";
                        return false;
                    }
                    break;
                default:
                    why = $"func '{f}' doesn't have {idx + 1}-th argument";
                    return false;
            }
        }
        else
        {
            t = btf.Param(proto, idx + arg0).TypeId;
        }
        t = btf.SkipModsAndTypedefs(t);
        var kind = btf.Kind(t);
        if (IsSmallInt(btf, t) || kind.IsAnyEnum() || kind == BtfKind.Struct)
            return true; // a scalar
        if (kind != BtfKind.Ptr)
        {
            why = $"func '{f}' arg{idx} '{btf.KernelNameByOffset(btf.NameOff(t))}' has type {kind.KernelName()}. Only pointer access is allowed";
            return false;
        }
        if (size != 8)
        {
            why = $"func '{f}' size {size} must be 8";
            return false;
        }
        foreach (var ia in a.CtxArgs)
        {
            if (ia.Offset == off && ia.Type == RegType.PtrToBuf)
            {
                arg.Type = ia.Type;
                arg.Flags = ia.Flags;
                return true;
            }
        }
        // Pointers to void or integers are plain scalars (is_void_or_int_ptr).
        uint pointee = btf.SkipModsAndTypedefs(btf.RefType(t));
        if (pointee == 0 || btf.Kind(pointee) == BtfKind.Int)
            return true;
        foreach (var ia in a.CtxArgs)
        {
            if (ia.Offset == off)
            {
                arg.Type = ia.Type;
                arg.Flags = ia.Flags;
                arg.BtfId = ia.BtfId;
                return true;
            }
        }
        arg.Type = RegType.PtrToBtfId;
        if (a.ArgsTrusted)
            arg.Flags |= RegFlags.PtrTrusted;
        bool maybeErr = false;
        if (idx < nrArgs && btf.ParamName(proto, idx + arg0).EndsWith("__nullable", StringComparison.Ordinal))
            arg.Flags |= RegFlags.MaybeNull;
        if (prog.ExpectedAttachType == AttachType.TraceRawTp)
        {
            ulong mask = RawTpNullArgs.Mask(a.FuncName);
            if ((mask & (1UL << (idx * 4))) != 0)
                arg.Flags |= RegFlags.MaybeNull;
            maybeErr = (mask & (2UL << (idx * 4))) != 0;
        }
        uint target = btf.RefType(t);
        if (btf.Kind(target) == BtfKind.TypeTag)
        {
            string tag = btf.KernelNameByOffset(btf.NameOff(target));
            if (tag == "user")
                arg.Flags |= RegFlags.MemUser;
            if (tag == "percpu")
                arg.Flags |= RegFlags.MemPercpu;
        }
        target = btf.SkipModsAndTypedefs(target);
        if (btf.Kind(target) != BtfKind.Struct)
        {
            why = $"func '{f}' arg{idx} type {btf.Kind(target).KernelName()} is not a struct";
            return false;
        }
        arg.BtfId = target;
        arg.Note = $"func '{f}' arg{idx} has btf_id {target} type {btf.Kind(target).KernelName()} '{btf.KernelNameByOffset(btf.NameOff(target))}'\n";
        // bpf_tcp_ca_is_valid_access: a trusted socket argument is a tcp_sock.
        if (a.StructOps is { PromoteSockToTcpSock: true } && arg.Flags == RegFlags.PtrTrusted && target == KernelTypes.StructId("sock"))
            arg.BtfId = KernelTypes.StructId("tcp_sock");
        if (maybeErr)
        {
            // The kernel prints this one without a newline.
            arg.Note += $"marking pointer arg{idx} as scalar as it may encode error";
            arg.Type = RegType.Scalar;
            arg.Flags = RegFlags.None;
        }
        return true;
    }

    /// <summary>btf_type_is_small_int.</summary>
    private static bool IsSmallInt(BtfSpec btf, uint t) => btf.Kind(t) == BtfKind.Int && btf.RawSize(t) <= 8;

    /// <summary>btf_ctx_arg_idx: which argument a slot offset belongs to (struct arguments span several slots).</summary>
    private static int ArgIndex(BtfSpec btf, uint proto, int off)
    {
        int n = btf.Vlen(proto);
        long end = 0;
        for (int i = 0; i < n; i++)
        {
            end += SlotBytes(btf, btf.Param(proto, i).TypeId);
            if (off < end)
                return i;
        }
        end += SlotBytes(btf, btf.RefType(proto));
        return off < end ? n : n + 1;
    }

    private static long SlotBytes(BtfSpec btf, uint type)
    {
        uint t = btf.SkipModsAndTypedefs(type);
        return btf.Kind(t) == BtfKind.Ptr ? 8 : (btf.RawSize(t) + 7L) / 8 * 8;
    }
}
