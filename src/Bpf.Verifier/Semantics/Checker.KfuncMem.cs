using Bpf.Btf;
using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Semantics;

/// <summary>KF_ARG_PTR_TO_MEM: a kfunc pointer to a scalar or scalar struct, without a size argument.</summary>
internal sealed partial class Checker
{
    /// <summary>
    /// check_mem_reg with the pointee's BTF size: a read and then a write of that many bytes. Modelled for stack
    /// and map-value buffers.
    /// </summary>
    private void CheckKfuncFixedMemArg(KfuncCall call, int regno, uint refId)
    {
        var reg = Regs[regno];
        string name = call.Info.Name;
        var kind = Kbtf.Kind(refId);
        uint size = 0;
        bool scalarUnion = kind == BtfKind.Union && IsScalarStruct(Kbtf, refId, 0);
        if (kind is not (BtfKind.Int or BtfKind.Enum or BtfKind.Enum64 or BtfKind.Struct) && !scalarUnion || !Kbtf.TryGetSize(refId, out size))
            Unsupported($"memory argument of kfunc {name}");
        // The kernel's special objects (bpf_list_head, bpf_rb_root, bpf_wq, bpf_res_spin_lock...) are typed
        // arguments of their own, decided before plain memory.
        if (kind is BtfKind.Struct or BtfKind.Union && Kbtf.Name(refId).StartsWith("bpf_", StringComparison.Ordinal))
            Unsupported($"kfunc {name} argument of type {Kbtf.Name(refId)}");
        if (reg.Type is not (RegType.PtrToStack or RegType.PtrToMapValue) || reg.IsMaybeNull)
            Unsupported($"memory argument of kfunc {name} of type {TypeStr(reg)}");
        CheckHelperMem(regno, (int)size, raw: false, write: false, zeroSizeAllowed: true);
        CheckHelperMem(regno, (int)size, raw: false, write: true, zeroSizeAllowed: true);
    }

    /// <summary>A known-NULL buffer whose length is the constant 0.</summary>
    private static bool IsNullWithEmptySize(in RegState buf, in RegState size) => IsNullConst(buf) && IsNullConst(size);
}
