using Bpf.Isa;
using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// BPF arenas: the program's arena map (env->prog->aux->arena), addr_space_cast, PTR_TO_ARENA arithmetic and
/// memory accesses (probe-mem semantics: never bounds checked).
/// </summary>
internal sealed partial class Checker
{
    private const uint ArenaMapType = 33;
    private const int AddrSpaceCastOff = 1;
    private const int CastToKernel = 1, CastToUser = 1 << 16;

    private bool? _hasArena;

    /// <summary>resolve_pseudo_ldimm64 attaches an arena to the program when any ld_imm64 names an arena map.</summary>
    private bool HasArena => _hasArena ??= FindArenaMap() >= 0;

    private int FindArenaMap()
    {
        for (int i = 0; i < _insns.Length; i++)
        {
            var insn = _insns[i];
            if (!insn.IsLdImm64)
                continue;
            if (insn.Src is Pseudo.MapIdx or Pseudo.MapIdxValue && (uint)insn.Imm < (uint)_maps.Count && _maps[insn.Imm].Type == ArenaMapType)
                return insn.Imm;
            i++;
        }
        return -1;
    }

    private bool IsArenaMap(int mapIndex) => (uint)mapIndex < (uint)_maps.Count && _maps[mapIndex].Type == ArenaMapType;

    /// <summary>
    /// check_alu_op for BPF_ALU64|BPF_MOV|BPF_X with off BPF_ADDR_SPACE_CAST: a cast to the kernel address space
    /// (imm 1) makes a 32-bit PTR_TO_ARENA, a cast to user space (imm 1 &lt;&lt; 16) an unknown scalar.
    /// </summary>
    private void CheckAddrSpaceCast(Instruction insn)
    {
        if (insn.Imm != CastToKernel && insn.Imm != CastToUser)
            Fail("addr_space_cast insn can only convert between address space 1 and 0", -22);
        if (!HasArena)
            Fail("addr_space_cast insn can only be used in a program that has an associated arena", -22);
        CheckRegArg(insn.Src, RegUse.Src);
        CheckRegArg(insn.Dst, RegUse.DstNoMark);
        ref var dst = ref Regs[insn.Dst];
        MarkUnknown(ref dst);
        if (insn.Imm == CastToKernel)
        {
            dst.Type = RegType.PtrToArena;
            dst.SubregDef = _insnIdx + 1;
        }
    }

    /// <summary>adjust_reg_min_max_vals: any arithmetic on an arena pointer yields an arena pointer (kept 32-bit).</summary>
    private bool TryArenaAlu(Instruction insn, bool srcX)
    {
        ref var dst = ref Regs[insn.Dst];
        bool srcArena = srcX && Regs[insn.Src].Type == RegType.PtrToArena;
        if (dst.Type != RegType.PtrToArena && !srcArena)
            return false;
        if (dst.Type != RegType.PtrToArena)
            dst = Regs[insn.Src];
        dst.SubregDef = _insnIdx + 1;
        return true;
    }

    /// <summary>check_mem_access on PTR_TO_ARENA: a load gives an unknown value, a store is not checked.</summary>
    private void CheckArenaAccess(bool write, int valueReg)
    {
        if (!write && valueReg >= 0)
            MarkUnknown(ref Regs[valueReg]);
    }

    /// <summary>bpf_jit_supports_insn (x86-64) in an arena: no fetching and/or/xor.</summary>
    private static bool ArenaAtomicJitted(int op) =>
        op is not ((AtomicOp.And | AtomicOp.Fetch) or (AtomicOp.Or | AtomicOp.Fetch) or (AtomicOp.Xor | AtomicOp.Fetch));
}
