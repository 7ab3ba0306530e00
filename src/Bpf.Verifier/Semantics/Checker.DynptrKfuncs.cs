using Bpf.Btf;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Platform;
using Bpf.Verifier.Platform.Kfuncs;

namespace Bpf.Verifier.Semantics;

/// <summary>KF_ARG_PTR_TO_DYNPTR arguments and the bpf_dynptr_slice(_rdwr) return value.</summary>
internal sealed partial class Checker
{
    /// <summary>is_kfunc_arg_dynptr: a pointer to struct bpf_dynptr.</summary>
    private static bool IsDynptrParam(BtfSpec btf, uint ptrType)
    {
        uint t = btf.SkipModsAndTypedefs(btf.RefType(ptrType));
        return btf.Kind(t) == BtfKind.Struct && btf.Name(t) == "bpf_dynptr";
    }

    /// <summary>The kind a constructor kfunc gives its MEM_UNINIT dynptr.</summary>
    private static DynptrKind ConstructedDynptrKind(string kfunc) => kfunc switch
    {
        "bpf_dynptr_from_skb" => DynptrKind.Skb,
        "bpf_dynptr_from_xdp" => DynptrKind.Xdp,
        "bpf_dynptr_from_skb_meta" => DynptrKind.SkbMeta,
        _ => DynptrKind.Invalid,
    };

    private void CheckKfuncDynptrArg(KfuncCall call, int argNo, string pname)
    {
        int regno = argNo + 1;
        var reg = Regs[regno];
        string name = call.Info.Name;
        bool isNull = IsNullConst(reg);
        bool nullable = pname.EndsWith("__nullable", StringComparison.Ordinal);
        CheckKfuncArgNotNull(call, argNo, nullable);
        if (isNull && nullable)
            return; // KF_ARG_PTR_TO_NULL
        if (reg.RefObjId != 0)
            Unsupported($"referenced pointer passed as the dynptr of kfunc {name}");
        // check_func_arg_reg_off: the stack may carry an offset, a callback's dynptr may not.
        if (reg.Type == RegType.ConstPtrToDynptr)
            CheckPtrOffReg(regno, reg);
        else if (reg.Type is RegType.PtrToBtfId or RegType.PtrToCtx or RegType.ConstPtrToMap)
            Unsupported($"pointer of type {TypeStr(reg)} passed as the dynptr of kfunc {name}");

        bool uninit = pname.EndsWith("__uninit", StringComparison.Ordinal);
        var kind = DynptrKind.Invalid;
        uint cloneRef = 0;
        if (uninit)
        {
            kind = ConstructedDynptrKind(name);
            if (name == "bpf_dynptr_clone")
            {
                kind = call.DynptrKind;
                cloneRef = call.DynptrRef;
            }
            if (kind == DynptrKind.Invalid)
                Unsupported($"uninitialized dynptr argument of kfunc {name}");
        }
        ProcessDynptrArg(regno, new DynptrArg(uninit, Rdonly: reg.Type == RegType.ConstPtrToDynptr, kind), cloneRef);
        if (!uninit)
        {
            var d = DynptrOf(reg);
            call.DynptrId = d.Id;
            call.DynptrKind = d.Kind;
            call.DynptrRef = d.RefObjId;
        }
    }

    /// <summary>bpf_dynptr_slice(_rdwr): memory of the constant buffer size, tagged with the dynptr's kind.</summary>
    private void SetDynptrSliceReturn(ref RegState r0, KfuncCall call)
    {
        if (call.Constant == null)
            Fail("verifier internal error: bpf_dynptr_slice(_rdwr) no constant size", -14);
        ulong size = call.Constant.Value;
        bool rdwr = call.Info.Name == "bpf_dynptr_slice_rdwr";
        var flags = Dynptrs.SliceFlag(call.DynptrKind) | (rdwr ? RegFlags.None : RegFlags.MemRdonly);
        r0 = KnownZeroPtr(RegType.PtrToMem, flags);
        r0.Aux = (int)size;
        // may_access_direct_pkt_data(BPF_WRITE), whatever the dynptr's kind.
        if (rdwr && _ptype?.Packet != PacketAccess.ReadWrite)
            Fail("the prog does not allow writes to packet data", Einval);
        r0.DynptrId = call.DynptrId;
    }
}
