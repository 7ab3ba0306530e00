using Bpf.Isa;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// Special fields of map values (map->record): accesses that touch them (check_map_access) and the kptr fields
/// loaded or stored directly (check_map_kptr_access).
/// </summary>
internal sealed partial class Checker
{
    private BtfRecord?[] _mapRecords = [];
    private bool[] _mapRecordDone = [];

    /// <summary>The btf_record of map <paramref name="mapIndex"/>'s value type, null when it has no special field.</summary>
    private BtfRecord? MapRecord(int mapIndex)
    {
        if (mapIndex < 0)
            return null;
        if (mapIndex >= _mapRecords.Length)
        {
            Array.Resize(ref _mapRecords, _maps.Count);
            Array.Resize(ref _mapRecordDone, _maps.Count);
        }
        if (!_mapRecordDone[mapIndex])
        {
            var map = _maps[mapIndex];
            _mapRecords[mapIndex] = map.BtfValueTypeId != 0 && _obj.Btf != null
                ? BtfRecordParser.Parse(_obj.Btf, map.BtfValueTypeId, BtfRecordParser.MapValueMask, out _)
                : null;
            _mapRecordDone[mapIndex] = true;
        }
        return _mapRecords[mapIndex];
    }

    /// <summary>
    /// The special-field part of check_map_access: [smin+off, umax+off+size) may touch only kptr fields, and those
    /// only directly, at their exact offset, 8 bytes wide. Returns the kptr field a direct access hits.
    /// </summary>
    private BtfField? CheckMapValueFields(int regno, int off, int size, bool direct)
    {
        var reg = Regs[regno];
        var rec = MapRecord(reg.MapIndex);
        if (rec == null)
            return null;
        long lo = reg.Bounds.SMin + off, hi = (long)reg.Bounds.UMax + off + size;
        foreach (var f in rec.Fields)
        {
            if (!(lo < f.Offset + f.Size && f.Offset < hi))
                continue;
            string name = BtfRecord.KindName(f.Kind);
            if (!(f.IsKptr || f.Kind == BtfFieldKind.Uptr))
                Fail($"{name} cannot be accessed directly by load/store", Eacces);
            if (!direct)
                Fail($"{name} cannot be accessed indirectly by helper", Eacces);
            if (!reg.Bounds.IsConst)
                Fail($"{name} access cannot have variable offset", Eacces);
            ulong at = (ulong)(long)off + reg.Bounds.ConstValue;
            if ((ulong)f.Offset != at)
                Fail($"{name} access misaligned expected={f.Offset} off={at}", Eacces);
            if (size != 8)
                Fail($"{name} access size must be BPF_DW", Eacces);
        }
        if (!reg.Bounds.IsConst)
            return null;
        return rec.FindAt(off + (int)reg.Bounds.ConstValue, BtfFieldMask.Kptr | BtfFieldMask.Uptr);
    }

    /// <summary>check_map_kptr_access: a BPF_MEM load or store of a kptr field.</summary>
    private void CheckMapKptrAccess(int valueReg, BtfField field)
    {
        var insn = Insn;
        if (Opcode.Mode(insn.Code) != Opcode.Mem)
            Fail("kptr in map can only be accessed using BPF_MEM instruction mode", Eacces);
        int cls = insn.Class;
        if (field.Kind == BtfFieldKind.Uptr)
        {
            CheckUptrAccess(valueReg, field);
            return;
        }
        if (cls != Opcode.Ldx && field.Kind is BtfFieldKind.KptrRef or BtfFieldKind.KptrPercpu)
            Fail("store to referenced kptr disallowed", Eacces);
        switch (cls)
        {
            case Opcode.Ldx:
                LoadKptr(valueReg, field);
                return;
            case Opcode.Stx:
                {
                    var v = Regs[valueReg];
                    if (v.Type == RegType.Scalar && v.Bounds.IsConst && v.Bounds.ConstValue == 0)
                    {
                        MarkChainPrecision(valueReg);
                        return;
                    }
                    Unsupported("store of a pointer into an untrusted kptr field");
                    return;
                }
            case Opcode.St:
                if (insn.Imm != 0)
                    Fail($"BPF_ST imm must be 0 when storing to kptr at off={field.Offset}", Eacces);
                return;
            default:
                Fail("kptr in map can only be accessed using BPF_LDX/BPF_STX/BPF_ST", Eacces);
                return;
        }
    }

    /// <summary>mark_btf_ld_reg with btf_ld_kptr_type: a kptr read from a map is NULL or the pointee, RCU or untrusted.</summary>
    private void LoadKptr(int valueReg, BtfField field)
    {
        uint kernelId = KptrKernelId(field);
        if (kernelId == 0)
        {
            LoadLocalKptr(valueReg, field);
            return;
        }
        var flags = RegFlags.MaybeNull;
        bool rcuSafe = field.Kind == BtfFieldKind.KptrPercpu
            || (field.Kind == BtfFieldKind.KptrRef && RcuProtectedKernelType(kernelId));
        if (rcuSafe && InRcuCs)
            flags |= RegFlags.MemRcu | (field.Kind == BtfFieldKind.KptrPercpu ? RegFlags.MemPercpu : 0);
        else
            flags |= RegFlags.PtrUntrusted;
        ref var dst = ref Regs[valueReg];
        dst = KnownZeroPtr(RegType.PtrToBtfId, flags);
        dst.BtfId = kernelId;
        dst.Id = NewId();
    }

    /// <summary>
    /// btf_ld_kptr_type for a kptr to a program-local type: always RCU-safe, so inside an RCU section a maybe-NULL
    /// MEM_ALLOC | MEM_RCU pointer (non-owning when the type holds a graph node); outside, untrusted (not modelled).
    /// </summary>
    private void LoadLocalKptr(int valueReg, BtfField field)
    {
        if (field.Kind != BtfFieldKind.KptrRef || !InRcuCs)
            Unsupported("load of a program-local kptr outside an RCU section");
        var flags = RegFlags.MaybeNull | RegFlags.MemRcu | RegFlags.MemAlloc;
        if (LocalRecord(field.PointeeId)?.Has(BtfFieldMask.GraphNode) == true)
            flags |= RegFlags.NonOwnRef;
        ref var dst = ref Regs[valueReg];
        dst = KnownZeroPtr(RegType.PtrToBtfId, flags);
        dst.BtfId = field.PointeeId;
        dst.Id = NewId();
    }

    /// <summary>The vmlinux id of a kptr's pointee (btf_parse_kptr looks the name up in the kernel first), 0 if local.</summary>
    private uint KptrKernelId(BtfField field)
    {
        var btf = _obj.Btf;
        if (btf == null)
            return 0;
        return KernelTypes.StructId(btf.Name(field.PointeeId));
    }

    /// <summary>rcu_protected_types: kernel objects freed after an RCU grace period.</summary>
    private static bool RcuProtectedKernelType(uint id)
    {
        string name = KernelTypes.Name(id);
        return name is "prog_test_ref_kfunc" or "cgroup" or "bpf_cpumask" or "task_struct" or "bpf_crypto_ctx";
    }
}
