using Bpf.Isa;

namespace Bpf.Btf;

public sealed partial class CoreRelocator
{
    // Instruction patching (libbpf bpf_core_patch_insn).
    /// <summary>Patches (or poisons) the instruction at <paramref name="idx"/> with a resolved result.</summary>
    public static bool TryPatch(Span<Instruction> insns, int idx, in CoreResult res, out string? error)
    {
        error = null;
        if ((uint)idx >= (uint)insns.Length)
        {
            error = $"insn #{idx} is out of range";
            return false;
        }
        var insn = insns[idx];
        ulong orig = res.OrigVal, nv = res.NewVal;
        switch (insn.Class)
        {
            case Opcode.Alu:
            case Opcode.Alu64:
                if ((insn.Code & Opcode.SrcMask) != Opcode.K)
                    return BadInsn(insn, idx, out error);
                if (res.Poison)
                    return PoisonAt(insns, idx);
                if (res.Validate && (ulong)(long)insn.Imm != orig)
                {
                    error = $"unexpected insn #{idx} (ALU/ALU64) value: got {insn.Imm}, exp {orig} -> {nv}";
                    return false;
                }
                insns[idx] = insn.WithImm((int)nv);
                return true;
            case Opcode.Ldx:
            case Opcode.St:
            case Opcode.Stx:
                if (res.Poison)
                    return PoisonAt(insns, idx);
                if (res.Validate && (ulong)(long)insn.Offset != orig)
                {
                    error = $"unexpected insn #{idx} (LDX/ST/STX) value: got {insn.Offset}, exp {orig} -> {nv}";
                    return false;
                }
                if (nv > (ulong)short.MaxValue)
                {
                    error = $"insn #{idx} (LDX/ST/STX) value too big: {nv}";
                    return false;
                }
                if (res.FailMemSizeAdjust)
                    return PoisonAt(insns, idx);
                insn = insn with { Offset = (short)nv };
                if (res.NewSize != res.OrigSize)
                {
                    int bytes = SizeBytes(insn.Code);
                    if (bytes != res.OrigSize)
                    {
                        error = $"unexpected mem size: got {bytes}, exp {res.OrigSize}";
                        return false;
                    }
                    int sizeBits = res.NewSize switch { 8 => Opcode.DW, 4 => Opcode.W, 2 => Opcode.H, 1 => Opcode.B, _ => -1 };
                    if (sizeBits < 0)
                    {
                        error = $"invalid new mem size: {res.NewSize}";
                        return false;
                    }
                    insn = insn with { Code = (byte)((insn.Code & (Opcode.ModeMask | Opcode.ClassMask)) | sizeBits) };
                }
                insns[idx] = insn;
                return true;
            case Opcode.Ld:
                {
                    if (!insn.IsLdImm64 || idx + 1 >= insns.Length || insn.Src != 0 || insn.Offset != 0
                        || insns[idx + 1].Code != 0 || insns[idx + 1].Regs != 0 || insns[idx + 1].Offset != 0)
                    {
                        error = $"insn #{idx} (LDIMM64) has unexpected form";
                        return false;
                    }
                    if (res.Poison)
                        return PoisonAt(insns, idx);
                    ulong imm = insn.Imm64(insns[idx + 1]);
                    if (res.Validate && imm != orig)
                    {
                        error = $"unexpected insn #{idx} (LDIMM64) value: got {imm}, exp {orig} -> {nv}";
                        return false;
                    }
                    insns[idx] = insn.WithImm((int)(uint)nv);
                    insns[idx + 1] = insns[idx + 1].WithImm((int)(uint)(nv >> 32));
                    return true;
                }
            default:
                return BadInsn(insn, idx, out error);
        }
    }

    private static int SizeBytes(byte code) => (code & Opcode.SizeMask) switch
    {
        Opcode.DW => 8,
        Opcode.W => 4,
        Opcode.H => 2,
        _ => 1,
    };

    private static bool BadInsn(Instruction insn, int idx, out string? error)
    {
        error = $"trying to relocate unrecognized insn #{idx}, code:0x{insn.Code:x}, src:{insn.Src}, dst:{insn.Dst}, off:0x{insn.Offset:x}, imm:0x{insn.Imm:x}";
        return false;
    }

    /// <summary>Replaces the instruction (both slots of an ld_imm64) with "call 0xbad2310".</summary>
    private static bool PoisonAt(Span<Instruction> insns, int idx)
    {
        int n = insns[idx].IsLdImm64 && idx + 1 < insns.Length ? 2 : 1;
        for (int i = 0; i < n; i++)
            insns[idx + i] = new Instruction((byte)(Opcode.Jmp | Opcode.Call), 0, 0, 0, PoisonImm);
        return true;
    }
}
