using Bpf.Isa;
using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// BPF_LOAD_ACQ / BPF_STORE_REL (6.15+): an ordinary load or store of any size, always strictly aligned, whose
/// memory kind is checked after the access: context, packet, flow keys and socket pointers are refused.
/// </summary>
internal sealed partial class Checker
{
    private void CheckAtomicLoadAcquire(Instruction insn)
    {
        CheckRegArg(insn.Src, RegUse.Src);
        CheckRegArg(insn.Dst, RegUse.DstNoMark);
        var src = Regs[insn.Src];
        int size = Opcode.SizeBytes(insn.Code);
        CheckStrictAlignment(insn.Src, insn.Offset, size);
        CheckMemAccess(insn.Src, insn.Offset, size, write: false, valueReg: insn.Dst, false);
        SaveAuxPtrType(src.Type, src.Flags, allowTrustMismatch: false);
        SanityCheck(ref Regs[insn.Dst], "atomic_load");
        if (!AtomicAcqRelTypeOk(src))
            Fail($"BPF_ATOMIC loads from R{insn.Src} {TypeStr(Regs[insn.Src])} is not allowed", -13);
    }

    private void CheckAtomicStoreRelease(Instruction insn)
    {
        CheckRegArg(insn.Src, RegUse.Src);
        CheckRegArg(insn.Dst, RegUse.Src);
        var dst = Regs[insn.Dst];
        int size = Opcode.SizeBytes(insn.Code);
        CheckStrictAlignment(insn.Dst, insn.Offset, size);
        CheckMemAccess(insn.Dst, insn.Offset, size, write: true, valueReg: insn.Src, false);
        SaveAuxPtrType(dst.Type, dst.Flags, allowTrustMismatch: false);
        if (!AtomicAcqRelTypeOk(dst))
            Fail($"BPF_ATOMIC stores into R{insn.Dst} {TypeStr(Regs[insn.Dst])} is not allowed", -13);
    }

    /// <summary>atomic_ptr_type_ok: the x86 JIT emits acquire/release for arena memory too.</summary>
    private static bool AtomicAcqRelTypeOk(in RegState reg) =>
        reg.Type is not (RegType.PtrToCtx or RegType.PtrToPacket or RegType.PtrToPacketMeta or RegType.PtrToFlowKeys
            or RegType.PtrToSocket or RegType.PtrToSockCommon or RegType.PtrToTcpSock or RegType.PtrToXdpSock);
}
