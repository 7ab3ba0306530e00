using Bpf.Verifier.Domain;
using Bpf.Verifier.Platform.Kfuncs;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// What the task, css and kmem_cache iterators add to the open-coded iterator machinery of Checker.Iter.cs:
/// nullable start arguments and RCU-protected iterator slots that lose their protection at bpf_rcu_read_unlock.
/// </summary>
internal sealed partial class Checker
{
    /// <summary>
    /// A __nullable pointer argument (KF_ARG_PTR_TO_NULL when the register is NULL): a constant NULL is accepted
    /// as it is; any other value is checked as the pointer argument it would be without the suffix.
    /// </summary>
    private void CheckNullableKfuncArg(KfuncCall call, int argNo, uint ptrType)
    {
        var reg = Regs[argNo + 1];
        if (IsNullConst(reg))
            return;
        if (reg.IsMaybeNull)
            CheckMaybeNullNullableArg(call, argNo, reg);
        CheckKfuncPtrArg(call, argNo, ptrType);
    }

    /// <summary>
    /// A maybe-NULL pointer skips the trusted-argument NULL check and meets the BTF pointer rules of a
    /// KF_TRUSTED_ARGS kfunc: unreferenced it is not trusted; referenced, PTR_MAYBE_NULL is an unsafe modifier.
    /// </summary>
    private void CheckMaybeNullNullableArg(KfuncCall call, int argNo, in RegState reg)
    {
        if (reg.Type != RegType.PtrToBtfId || !call.Info.Has(KfuncFlags.TrustedArgs) || call.Info.Has(KfuncFlags.Rcu))
            Unsupported($"possibly NULL pointer for nullable argument {argNo} of kfunc {call.Info.Name}");
        if (reg.RefObjId == 0)
            Fail($"R{argNo + 1} must be referenced or trusted", Einval);
        string expected = RegTypeNames.Name(RegType.PtrToBtfId, reg.Flags & (RegFlags.MemAlloc | RegFlags.PtrTrusted | RegFlags.NonOwnRef));
        Fail($"arg#{argNo} is {TypeStr(reg)} expected {expected} or socket", Einval);
    }

    /// <summary>
    /// bpf_rcu_read_unlock clears MEM_RCU from STACK_ITER slots too (the kernel's clear mask covers STACK_SPILL
    /// and STACK_ITER): an RCU-protected iterator created inside the section becomes untrusted.
    /// </summary>
    private void UntrustRcuIterSlots()
    {
        for (int f = 0; f <= _cur.CurFrame; f++)
        {
            var fr = _cur.Frames[f];
            for (int s = 0; s < fr.SlotCount; s++)
            {
                if (fr.Slots[s * FuncState.RegSize + FuncState.RegSize - 1] != SlotType.Iter)
                    continue;
                var st = fr.Spilled[s];
                if ((st.Flags & RegFlags.MemRcu) == 0)
                    continue;
                st.Flags = (st.Flags & ~(RegFlags.MemRcu | RegFlags.MaybeNull)) | RegFlags.PtrUntrusted;
                fr.SetSpilled(s, st);
            }
        }
    }
}
