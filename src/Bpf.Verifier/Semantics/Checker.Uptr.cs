using Bpf.Isa;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// __uptr fields of task-storage values (6.13): user memory the kernel pins at map update. Loads give a maybe-NULL
/// PTR_TO_MEM of the pointee's size; programs may not store to them.
/// </summary>
internal sealed partial class Checker
{
    /// <summary>check_map_kptr_access for a BPF_UPTR field (the BPF_MEM mode is checked by the caller).</summary>
    private void CheckUptrAccess(int valueReg, BtfField field)
    {
        if (Insn.Class != Opcode.Ldx)
            Fail("store to uptr disallowed", Eacces);
        // The pointee is looked up in vmlinux first: a kernel type cannot back a uptr (map creation refuses it).
        uint size = 0;
        if (KptrKernelId(field) != 0 || _obj.Btf is not { } btf || !btf.TryGetSize(field.PointeeId, out size))
            Unsupported("uptr field of a kernel or unsized type");
        ref var dst = ref Regs[valueReg];
        dst = KnownZeroPtr(RegType.PtrToMem, RegFlags.MaybeNull);
        dst.Aux = (int)size;
        dst.Id = NewId();
    }
}
