using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// Helper arguments and returns that are kernel objects: ARG_PTR_TO_BTF_ID (check_reg_type's btf_ptr_types and
/// btf_struct_ids_match), BTF sockets of ARG_PTR_TO_BTF_ID_SOCK_COMMON, trusted pointers as read-only memory, and
/// the PTR_TO_BTF_ID returns (skc_to_* casts, task_pt_regs).
/// </summary>
internal sealed partial class Checker
{
    private const string BtfPtrExpected = "ptr_, trusted_ptr_, rcu_ptr_";

    /// <summary>Helper being checked (func_id_name in argument messages).</summary>
    private int _helperId;

    private const int DPathId = 147;

    /// <summary>
    /// bpf_func_proto.allowed of bpf_d_path: iterators, sleepable LSM hooks and an allowlist of functions; a raw
    /// tracepoint is never on it. The function allowlist is not modelled.
    /// </summary>
    private void CheckDPathAllowed(int id)
    {
        if (id != DPathId || _prog.ExpectedAttachType == Bpf.Object.AttachType.TraceIter)
            return;
        // bpf_d_path_allowed: tp_btf and syscall programs have no attach function of the allowlist.
        if (_prog.ExpectedAttachType == Bpf.Object.AttachType.TraceRawTp || _prog.Type == Bpf.Object.ProgramType.Syscall)
            Fail("helper call is not allowed in probe", -22);
        Unsupported($"helper {HelperName(id)}#{id} outside iterators");
    }

    /// <summary>check_reg_type + check_func_arg_reg_off for ARG_PTR_TO_BTF_ID(_OR_NULL) typed by <paramref name="structName"/>.</summary>
    private void CheckBtfIdArg(int regno, in RegState reg, ArgKind kind, string? structName)
    {
        var flags = reg.Flags;
        if (kind == ArgKind.PtrToBtfIdOrNull)
            flags &= ~RegFlags.MaybeNull;
        if (reg.Type != RegType.PtrToBtfId || !(flags is RegFlags.None or RegFlags.PtrTrusted or RegFlags.MemRcu))
            Fail(Messages.ArgTypeMismatch(regno, TypeStr(reg), BtfPtrExpected));
        MatchHelperBtfStruct(regno, reg, structName ?? throw new InvalidOperationException($"no BTF struct for R{regno}"), strict: false);
        CheckBtfArgOff(regno, reg);
    }

    /// <summary>A BTF-typed socket passed as ARG_PTR_TO_BTF_ID_SOCK_COMMON: it must lead to struct sock_common.</summary>
    private void CheckBtfSockArg(int regno, in RegState reg)
    {
        MatchHelperBtfStruct(regno, reg, "sock_common", strict: false);
    }

    /// <summary>btf_struct_ids_match against a vmlinux struct: the type itself or a struct starting with it.</summary>
    private void MatchHelperBtfStruct(int regno, in RegState reg, string structName, bool strict)
    {
        uint want = KernelTypes.StructId(structName);
        if (want == 0)
            Unsupported($"helper argument type struct {structName}");
        if (!BtfIdsMatch(reg.BtfId, reg.Off, want, strict))
            Fail($"R{regno} is of type {KernelTypes.Name(reg.BtfId)} but {structName} is expected");
    }

    /// <summary>btf_struct_ids_match for helper and kfunc arguments: a failed walk logs where it stopped, as the kernel's does.</summary>
    private bool BtfIdsMatch(uint id, int off, uint want, bool strict)
    {
        var btf = KernelTypes.Btf;
        bool same = Bpf.Btf.BtfStructAccess.IdsMatch(btf, id, off, btf, want, strict, walkFlexArrays: true, out string? walkError);
        if (walkError != null)
            _log.WriteLine(walkError);
        return same;
    }

    /// <summary>__check_ptr_off_reg with a fixed offset allowed: the variable part must be zero.</summary>
    private void CheckBtfArgOff(int regno, in RegState reg)
    {
        if (reg.Off < 0)
            Fail($"negative offset {TypeStr(reg)} ptr R{regno} off={reg.Off} disallowed");
        if (!reg.Bounds.IsConst || reg.Bounds.ConstValue != 0)
            Fail($"variable {TypeStr(reg)} access var_off={ScalarText.TnumText(reg.Bounds.VarOff)} disallowed");
    }

    /// <summary>
    /// A trusted BTF pointer is in mem_types: a read-only memory argument reads the struct (check_ptr_to_btf_access);
    /// a writable one is refused. Returns false for every other BTF pointer.
    /// </summary>
    private bool CheckBtfMemArg(int regno, in RegState reg, bool writable)
    {
        if (reg.Type != RegType.PtrToBtfId || reg.Flags != RegFlags.PtrTrusted)
            return false;
        if (writable)
            Fail($"{HelperName(_helperId)}() may write into memory pointed by R{regno} type={TypeStr(reg)}");
        CheckBtfArgOff(regno, reg);
        return true;
    }

    /// <summary>R0 of RET_PTR_TO_BTF_ID(_OR_NULL): an untrusted pointer to the prototype's struct.</summary>
    private void SetBtfIdReturn(ref RegState r0, HelperProto proto, int id)
    {
        uint btfId = KernelTypes.StructId(proto.RetStruct!);
        if (btfId == 0)
            Unsupported($"return type of helper {HelperName(id)}#{id}");
        r0 = KnownZeroPtr(RegType.PtrToBtfId, proto.Ret == RetKind.BtfIdOrNull ? RegFlags.MaybeNull : RegFlags.None);
        r0.BtfId = btfId;
    }

    /// <summary>check_buffer_access for loads and stores through an iterator's key/value buffer (PTR_TO_BUF).</summary>
    private void CheckBufAccess(int regno, int off, int size, bool write, int valueReg)
    {
        var reg = Regs[regno];
        bool rdonly = (reg.Flags & RegFlags.MemRdonly) != 0;
        if (rdonly && write)
            Fail(Messages.CannotWriteInto(regno, TypeStr(reg)));
        CheckBufRange(regno, reg, off, size);
        // The size is checked against the map's key/value size when the iterator is attached, not at load.
        if (valueReg >= 0 && (rdonly || !write))
            MarkUnknown(ref Regs[valueReg]);
    }

    /// <summary>__check_buffer_access: a non-negative constant offset.</summary>
    private void CheckBufRange(int regno, in RegState reg, int off, int size)
    {
        string info = (reg.Flags & RegFlags.MemRdonly) != 0 ? "rdonly" : "rdwr";
        if (off < 0)
            Fail($"R{regno} invalid {info} buffer access: off={off}, size={size}");
        if (!reg.Bounds.IsConst || reg.Bounds.ConstValue != 0)
            Fail($"R{regno} invalid variable buffer offset: off={off}, var_off={ScalarText.TnumText(reg.Bounds.VarOff)}");
    }

    /// <summary>check_helper_mem_access for PTR_TO_BUF: read-only buffers refuse helper writes.</summary>
    private void CheckHelperBufMem(int regno, in RegState reg, int size, bool write)
    {
        if (write && (reg.Flags & RegFlags.MemRdonly) != 0)
            Fail(Messages.CannotWriteInto(regno, TypeStr(reg)));
        CheckBufRange(regno, reg, reg.Off, size);
    }
}
