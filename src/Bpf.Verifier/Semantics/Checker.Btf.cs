using Bpf.Btf;
using Bpf.Isa;
using Bpf.Object;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>BTF-typed memory: PTR_TO_BTF_ID loads and stores, BTF contexts of tracing programs, struct bpf_map fields.</summary>
internal sealed partial class Checker
{
    private const int Eacces = -13;
    private const int Einval = -22;
    private const int Enotsupp = -524;

    private BtfAttach? _btfAttach;
    private bool _btfAttachResolved;

    /// <summary>The attach target of a tracing/LSM program, resolved once; null for fixed-layout contexts.</summary>
    private BtfAttach? Attach
    {
        get
        {
            if (!_btfAttachResolved)
            {
                _btfAttach = BtfAttach.Resolve(_prog);
                _btfAttachResolved = true;
            }
            return _btfAttach;
        }
    }

    /// <summary>Context access of a program whose context is BTF-typed; false when the program's context is a fixed layout.</summary>
    private bool TryCheckBtfCtxAccess(int regno, int off, int size, bool write, int valueReg)
    {
        var a = Attach;
        if (a == null)
            return false;
        if (write)
        {
            if (_prog.Type == ProgramType.Lsm)
                Unsupported("write into an LSM context");
            Fail(Messages.CtxAccess(off, size), Eacces);
        }
        if (!BtfCtxAccess.Check(a, _prog, off, size, out var arg, out string? why))
        {
            if (why != null)
                _log.WriteLine(why);
            Fail(Messages.CtxAccess(off, size), Eacces);
        }
        if (arg.Note != null)
            _log.Write(arg.Note);
        if (valueReg < 0)
            return true;
        ref var dst = ref Regs[valueReg];
        if (arg.Type == RegType.Scalar)
        {
            MarkUnknown(ref dst);
            if (arg.IsRetval && _ptype?.ReturnRange is { } range)
                Unsupported($"LSM return value slot read (range [{range.Min}, {range.Max}])");
            return true;
        }
        dst = KnownZeroPtr(arg.Type, arg.Flags);
        dst.BtfId = arg.BtfId;
        if ((arg.Flags & RegFlags.MaybeNull) != 0)
            dst.Id = NewId();
        return true;
    }

    /// <summary>check_ptr_to_btf_access: loads through a pointer to a kernel struct.</summary>
    private void CheckBtfIdAccess(int regno, int off, int size, bool write, int valueReg)
    {
        var reg = Regs[regno];
        var btf = KernelTypes.Btf;
        string tname = KernelTypes.Name(reg.BtfId);
        if ((reg.Flags & RegFlags.MemAlloc) != 0)
        {
            CheckLocalObjectAccess(regno, off, size, write, valueReg);
            return;
        }
        if ((reg.Flags & RegFlags.NonOwnRef) != 0)
            Unsupported($"access to {TypeStr(reg)}{tname}");
        if (!_obj.IsGplCompatible)
            Fail(BtfMessages.NonGplAccess(tname), Einval);
        CheckBtfPtrOffset(regno, reg, tname, off);
        if (write)
        {
            // Program types with their own btf_struct_access allow some kernel-struct writes.
            if (Attach?.StructOps is { } ops)
            {
                string? refused = ops.CheckWrite(reg.BtfId, off, size);
                if (refused != null)
                    Fail(refused, Eacces);
                return;
            }
            if (_prog.Type is ProgramType.SchedCls or ProgramType.SchedAct or ProgramType.Xdp)
            {
                string? refused = StructOpsWrites.NfConn(reg.BtfId, off, size);
                if (refused != null)
                    Fail(refused, Eacces);
                return;
            }
            if (_prog.Type == ProgramType.StructOps)
                Unsupported($"write through {TypeStr(reg)}{tname}");
            Fail(BtfMessages.OnlyRead, Eacces);
        }
        var res = BtfStructAccess.Access(btf, reg.BtfId, off, size, false, out uint nextId, out var walkFlags, out string? field, out string? err);
        if (res == BtfAccessResult.Error)
            Fail(err ?? "invalid access", Eacces);
        if (valueReg < 0)
            return;
        if (res == BtfAccessResult.Scalar)
        {
            MarkUnknown(ref Regs[valueReg]);
            return;
        }
        if (res == BtfAccessResult.UntrustedMem)
        {
            Regs[valueReg] = UntrustedMem();
            return;
        }
        var flag = WalkFlags(walkFlags);
        if ((reg.Flags & RegFlags.PtrUntrusted) != 0)
            flag = RegFlags.PtrUntrusted; // everything reached from an untrusted pointer stays untrusted
        else if (IsTrustedReg(reg) || (reg.Flags & RegFlags.MemRcu) != 0)
            flag = DerivedTrust(reg, flag, field ?? "", nextId);
        else
            flag &= ~TrustedOrRcu; // the deprecated plain PTR_TO_BTF_ID
        SetBtfPtr(ref Regs[valueReg], flag, nextId);
    }

    private const RegFlags TrustedModifiers = RegFlags.MemAlloc | RegFlags.PtrTrusted | RegFlags.NonOwnRef;
    private const RegFlags TrustedOrRcu = TrustedModifiers | RegFlags.MemRcu;

    /// <summary>is_trusted_reg for a PTR_TO_BTF_ID register.</summary>
    private static bool IsTrustedReg(in RegState reg) =>
        reg.RefObjId != 0 || ((reg.Flags & TrustedModifiers) != 0 && (reg.Flags & ~TrustedModifiers) == 0);

    /// <summary>in_rcu_cs: inside bpf_rcu_read_lock or a spin-locked region, or any non-sleepable program.</summary>
    private bool InRcuCs => _cur.ActiveRcuLock > 0 || HoldsLock() || !InSleepableCtx;

    /// <summary>The trust a pointer loaded from a trusted or RCU pointer's field gets (the __safe_* lists of 6.18).</summary>
    private RegFlags DerivedTrust(in RegState reg, RegFlags flag, string field, uint nextId)
    {
        if (SafeFields.Has(reg.BtfId, SafeFields.Trusted, field, nextId))
            return flag | RegFlags.PtrTrusted;
        if (SafeFields.Has(reg.BtfId, SafeFields.TrustedOrNull, field, nextId))
            return flag | RegFlags.PtrTrusted | RegFlags.MaybeNull;
        if (!InRcuCs || reg.IsMaybeNull)
            return RegFlags.PtrUntrusted;
        if (SafeFields.Has(reg.BtfId, SafeFields.Rcu, field, nextId))
            return flag | RegFlags.MemRcu;
        bool rcuOrNull = SafeFields.Has(reg.BtfId, SafeFields.RcuOrNull, field, nextId);
        if ((flag & RegFlags.MemRcu) != 0 || rcuOrNull)
        {
            flag |= RegFlags.MemRcu | RegFlags.MaybeNull;
            if (rcuOrNull)
                flag &= ~RegFlags.PtrUntrusted;
            return flag;
        }
        if ((flag & (RegFlags.MemPercpu | RegFlags.MemUser)) != 0)
            return flag;
        return flag & ~TrustedOrRcu;
    }

    private static RegFlags WalkFlags(BtfPtrFlags f)
    {
        var r = RegFlags.None;
        if ((f & BtfPtrFlags.Untrusted) != 0)
            r |= RegFlags.PtrUntrusted;
        if ((f & BtfPtrFlags.User) != 0)
            r |= RegFlags.MemUser;
        if ((f & BtfPtrFlags.Percpu) != 0)
            r |= RegFlags.MemPercpu;
        if ((f & BtfPtrFlags.Rcu) != 0)
            r |= RegFlags.MemRcu;
        return r;
    }

    /// <summary>mark_btf_ld_reg for a pointer result.</summary>
    private void SetBtfPtr(ref RegState dst, RegFlags flag, uint btfId)
    {
        dst = KnownZeroPtr(RegType.PtrToBtfId, flag);
        dst.BtfId = btfId;
        if ((flag & RegFlags.MaybeNull) != 0)
            dst.Id = NewId();
    }

    /// <summary>check_ptr_to_map_access: loads through a CONST_PTR_TO_MAP read the map type's kernel struct via BTF.</summary>
    private void CheckMapPtrAccess(int regno, int off, int size, bool write, int valueReg)
    {
        var map = _maps[Regs[regno].MapIndex];
        string? sname = MapKernelStructs.Find(map.Type);
        uint id = sname != null ? KernelTypes.StructId(sname) : 0;
        if (id == 0)
            Fail(BtfMessages.MapPtrNotSupported(map.Type), Enotsupp);
        if (off < 0)
            Fail(BtfMessages.MapNegativeAccess(regno, sname!, off), Eacces);
        if (write)
            Fail(BtfMessages.MapOnlyRead(sname!), Eacces);
        var res = BtfStructAccess.Access(KernelTypes.Btf, id, off, size, false, out uint nextId, out var walkFlags, out _, out string? err);
        if (res == BtfAccessResult.Error)
            Fail(err ?? "invalid access", Eacces);
        if (valueReg < 0)
            return;
        if (res == BtfAccessResult.Scalar)
            MarkUnknown(ref Regs[valueReg]);
        else if (res == BtfAccessResult.UntrustedMem)
            Regs[valueReg] = UntrustedMem();
        else
            SetBtfPtr(ref Regs[valueReg], WalkFlags(walkFlags), nextId);
    }

    /// <summary>
    /// check_ptr_to_btf_access's first checks, for kernel and program-local objects alike: a non-negative, fixed
    /// offset into memory that is neither user nor per-CPU.
    /// </summary>
    private void CheckBtfPtrOffset(int regno, in RegState reg, string tname, int off)
    {
        if (off < 0)
            Fail(BtfMessages.NegativeAccess(regno, tname, off), Eacces);
        if (!reg.Bounds.VarOff.IsConst || reg.Bounds.VarOff.Value != 0)
            Fail(BtfMessages.VariableOffset(regno, tname, off, ScalarText.TnumText(reg.Bounds.VarOff)), Eacces);
        if ((reg.Flags & RegFlags.MemUser) != 0)
            Fail(BtfMessages.UserMemory(regno, tname, off), Eacces);
        if ((reg.Flags & RegFlags.MemPercpu) != 0)
            Fail(BtfMessages.PercpuMemory(regno, tname, off), Eacces);
    }
}
