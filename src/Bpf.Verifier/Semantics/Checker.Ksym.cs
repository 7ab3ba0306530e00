using Bpf.Btf;
using Bpf.Isa;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>check_ld_imm for kernel symbols (typed ksyms) and pointers to static subprograms (callbacks).</summary>
internal sealed partial class Checker
{
    /// <summary>ld_imm64 of a kernel symbol (BPF_PSEUDO_BTF_ID) or a function (BPF_PSEUDO_FUNC).</summary>
    private void CheckLdImmKsym(Instruction insn, Instruction next, ref RegState dst)
    {
        if (insn.Src == Pseudo.Func)
        {
            dst = LdImmFunc(insn);
            return;
        }
        if (insn.Src != Pseudo.BtfId)
            Unsupported($"ld_imm64 with src_reg {insn.Src}");
        if (next.Imm != 0)
            Unsupported("ksym in a kernel module BTF");
        var btf = KernelTypes.Btf;
        uint id = (uint)insn.Imm;
        if (id == 0 || !btf.IsValidId(id))
            Fail(BtfMessages.InvalidBtfId(insn.Imm), Einval);
        var kind = btf.Kind(id);
        if (kind == BtfKind.Func)
        {
            dst = KnownZeroPtr(RegType.PtrToMem, RegFlags.MemRdonly);
            return;
        }
        if (kind != BtfKind.Var)
            Fail(BtfMessages.PseudoBtfIdKind(insn.Imm), Einval);
        uint type = btf.RefType(id);
        uint t = btf.SkipModsAndTypedefs(type);
        if (KsymIsPercpu(id))
        {
            dst = KnownZeroPtr(RegType.PtrToBtfId, RegFlags.MemPercpu);
            dst.BtfId = type;
        }
        else if (btf.Kind(t) != BtfKind.Struct)
        {
            if (!btf.TryGetSize(t, out uint size) || btf.Kind(t) is not (BtfKind.Int or BtfKind.Enum or BtfKind.Enum64
                or BtfKind.Ptr or BtfKind.Array or BtfKind.Union or BtfKind.Float))
                Unsupported($"ksym of type kind {btf.Kind(t)}");
            dst = KnownZeroPtr(RegType.PtrToMem, RegFlags.MemRdonly);
            dst.Aux = (int)size;
        }
        else
        {
            dst = KnownZeroPtr(RegType.PtrToBtfId);
            dst.BtfId = type;
        }
    }

    /// <summary>Whether a kernel variable lives in the per-CPU section (find_btf_percpu_datasec).</summary>
    private static bool KsymIsPercpu(uint varId)
    {
        var btf = KernelTypes.Btf;
        uint sec = btf.FindByName(".data..percpu", BtfKind.Datasec);
        if (sec == 0)
            return false;
        int n = btf.Vlen(sec);
        for (int i = 0; i < n; i++)
        {
            if (btf.DatasecVar(sec, i).TypeId == varId)
                return true;
        }
        return false;
    }

    /// <summary>BPF_PSEUDO_FUNC: a pointer to a static subprogram (a callback); Aux holds the subprogram index.</summary>
    private RegState LdImmFunc(Instruction insn)
    {
        int target = _insnIdx + insn.Imm + 1;
        int sub = -1;
        for (int i = 0; i < _subprogs.Count; i++)
        {
            if (_subprogs[i].Start == target)
                sub = i;
        }
        if (sub < 0)
            Unsupported("ld_imm64 of a function that is not a subprogram start");
        if (_prog.FuncInfos.Count == 0 || _obj.Btf == null)
            Fail(BtfMessages.MissingFuncInfo, Einval);
        foreach (var fi in _prog.FuncInfos)
        {
            if (fi.InsnIndex == target && _obj.Btf.FuncLinkage(fi.TypeId) != BtfLinkage.Static)
                Fail(BtfMessages.CallbackNotStatic, Einval);
        }
        var r = KnownZeroPtr(RegType.PtrToFunc);
        r.Aux = sub;
        return r;
    }
}
