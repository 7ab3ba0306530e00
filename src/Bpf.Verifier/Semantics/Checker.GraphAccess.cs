using Bpf.Btf;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// Loads and stores through local objects (PTR_TO_BTF_ID | MEM_ALLOC, owning or not): check_ptr_to_btf_access with
/// the program's BTF. Special fields (locks, graph roots/nodes, refcount, kptrs) cannot be touched directly; a
/// pointer member reads as a scalar. Non-owning references die when their lock is released.
/// </summary>
internal sealed partial class Checker
{
    /// <summary>The program-BTF name of a local object's struct (how the log names it).</summary>
    private string LocalTypeName(uint id) => _obj.Btf?.Name(id) ?? "";

    private static bool IsNonOwningRef(in RegState reg) =>
        IsLocalObject(reg) && (reg.Flags & RegFlags.NonOwnRef) != 0;

    /// <summary>check_ptr_to_btf_access for a MEM_ALLOC register (<paramref name="off"/> includes reg->off).</summary>
    private void CheckLocalObjectAccess(int regno, int off, int size, bool write, int valueReg)
    {
        var reg = Regs[regno];
        var btf = _obj.Btf;
        if (btf == null)
            Unsupported("local object without program BTF");
        string tname = LocalTypeName(reg.BtfId);
        CheckBtfPtrOffset(regno, reg, tname, off);
        if ((reg.Flags & ~(RegFlags.MemAlloc | RegFlags.NonOwnRef | RegFlags.MemRcu)) != 0)
            Unsupported($"access to {TypeStr(reg)}{tname}");
        // btf_struct_access: a local object's special fields are off limits.
        var rec = LocalRecord(reg.BtfId);
        if (rec != null)
        {
            foreach (var f in rec.Fields)
            {
                if (off < f.Offset + f.Size && f.Offset < off + size)
                    Fail($"direct access to {BtfRecord.KindName(f.Kind)} is disallowed", Eacces);
            }
        }
        var res = BtfStructAccess.Access(btf, reg.BtfId, off, size, true, out _, out _, out _, out string? err);
        if (res == BtfAccessResult.Error)
            Fail(err ?? "invalid access", Eacces);
        if (write || valueReg < 0)
            return;
        if (res == BtfAccessResult.UntrustedMem)
            Regs[valueReg] = UntrustedMem();
        else
            MarkUnknown(ref Regs[valueReg]);
    }

    /// <summary>invalidate_non_owning_refs: graph nodes borrowed under a lock die with it.</summary>
    private void InvalidateNonOwningRefs()
    {
        ForEachReg(_cur, (ref RegState r) =>
        {
            if (IsNonOwningRef(r))
                MarkUnknown(ref r);
        });
    }

    /// <summary>in_rbtree_lock_required_cb: the current frame is the less() callback of bpf_rbtree_add_impl.</summary>
    private bool InRbtreeLockRequiredCb()
    {
        if (_cur.CurFrame == 0)
            return false;
        var callee = _cur.Cur;
        if (!callee.InCallbackFn)
            return false;
        return _prog.Kfuncs.TryGetValue(callee.CallSite, out var k) && _insns[callee.CallSite].IsKfuncCall
            && k.Name is "bpf_rbtree_add_impl" or "bpf_rbtree_remove" or "bpf_rbtree_first" or "bpf_rbtree_root"
                or "bpf_rbtree_left" or "bpf_rbtree_right";
    }
}
