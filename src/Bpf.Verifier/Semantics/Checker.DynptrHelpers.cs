using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>The dynptr helpers: ARG_PTR_TO_DYNPTR arguments, the release of ring buffer dynptrs, bpf_dynptr_data slices.</summary>
internal sealed partial class Checker
{
    private const int DynptrFromMemId = 197, DynptrWriteId = 202, DynptrDataId = 203;

    private static bool IsDynptrArg(ArgKind k) =>
        k is ArgKind.DynptrUninitLocal or ArgKind.DynptrUninitRingbuf or ArgKind.DynptrReleaseRingbuf or ArgKind.DynptrRdonly;

    private static DynptrArg DynptrArgOf(ArgKind k) => k switch
    {
        ArgKind.DynptrUninitLocal => new DynptrArg(Uninit: true, Rdonly: false, DynptrKind.Local),
        ArgKind.DynptrUninitRingbuf => new DynptrArg(Uninit: true, Rdonly: false, DynptrKind.Ringbuf),
        ArgKind.DynptrReleaseRingbuf => new DynptrArg(Uninit: false, Rdonly: false, DynptrKind.Ringbuf),
        _ => new DynptrArg(Uninit: false, Rdonly: true, DynptrKind.Invalid),
    };

    /// <summary>check_reg_type and check_func_arg_reg_off for a dynptr argument: the stack, or a callback's dynptr.</summary>
    private void CheckDynptrArgReg(int regno, in RegState reg)
    {
        if (reg.Type is not (RegType.PtrToStack or RegType.ConstPtrToDynptr) || reg.Flags != RegFlags.None)
            Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), "fp, dynptr_ptr"));
    }

    /// <summary>The ARG_PTR_TO_DYNPTR part of check_func_arg (after the type check).</summary>
    private void CheckHelperDynptrArg(int regno, ArgKind kind, ref CallMeta meta)
    {
        var reg = Regs[regno];
        if (kind == ArgKind.DynptrReleaseRingbuf)
        {
            // Only a dynptr on the stack can be released, and only one holding a reference.
            if (reg.Type != RegType.PtrToStack)
                Fail("cannot release unowned const bpf_dynptr", Einval);
            int spi = DynptrSpi(reg);
            if (spi < 0 || FrameOf(reg).Spilled[spi].RefObjId == 0)
                Fail($"arg {regno} is an unacquired reference", Einval);
            meta.ReleaseRegno = regno;
            meta.DynptrRelease = true;
        }
        ProcessDynptrArg(regno, DynptrArgOf(kind));
    }

    /// <summary>The per-helper checks of check_helper_call that follow the arguments, for the dynptr helpers.</summary>
    private void CheckDynptrHelperEffects(HelperProto proto, int id, ref CallMeta meta)
    {
        switch (id)
        {
            case DynptrFromMemId:
                if (Regs[1].Type != RegType.PtrToMapValue)
                    Fail($"Unsupported reg type {TypeStr(Regs[1])} for bpf_dynptr_from_mem data", Eacces);
                return;
            case DynptrDataId:
                {
                    var d = DynptrOf(Regs[DynptrArgRegno(proto)]);
                    meta.DynptrId = d.Id;
                    meta.RefObjId = d.RefObjId;
                    return;
                }
            case DynptrWriteId:
                // Writing through an skb dynptr may move packet data (and its slices).
                if (DynptrOf(Regs[DynptrArgRegno(proto)]).Kind == DynptrKind.Skb)
                    meta.DynptrChangesData = true;
                return;
        }
    }

    /// <summary>Helpers whose size arguments are marked precise in argument order, as the kernel checks them.</summary>
    private static bool HasDynptrArg(HelperProto proto) => DynptrArgRegno(proto) != 0;

    private static int DynptrArgRegno(HelperProto proto)
    {
        for (int i = 0; i < proto.Args.Length; i++)
        {
            if (IsDynptrArg(proto.Args[i]))
                return i + 1;
        }
        return 0;
    }

    /// <summary>RET_PTR_TO_DYNPTR_MEM_OR_NULL: memory of the requested size, tied to the dynptr and its reference.</summary>
    private void SetDynptrDataReturn(ref RegState r0, in CallMeta meta)
    {
        r0 = KnownZeroPtr(RegType.PtrToMem, RegFlags.MaybeNull);
        r0.Aux = meta.MemSize;
        r0.Id = NewId();
        r0.DynptrId = meta.DynptrId;
        r0.RefObjId = meta.RefObjId;
    }

    /// <summary>A global function's <c>const struct bpf_dynptr *</c> argument: an initialized dynptr, left unchanged.</summary>
    private void CheckGlobalDynptrArg(int regno)
    {
        var reg = Regs[regno];
        if (reg.Type is not (RegType.PtrToStack or RegType.PtrToPacket or RegType.PtrToPacketMeta or RegType.PtrToMapKey
            or RegType.PtrToMapValue or RegType.PtrToMem or RegType.PtrToBuf or RegType.PtrToArena or RegType.Scalar)
            || reg.IsMaybeNull)
            CheckPtrOffRegOrFail(regno, reg);
        ProcessDynptrArg(regno, new DynptrArg(Uninit: false, Rdonly: true, DynptrKind.Invalid));
    }
}
