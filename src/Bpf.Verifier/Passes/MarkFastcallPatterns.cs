using Bpf.Btf;
using Bpf.Isa;
using Bpf.Verifier.Platform;
using Bpf.Verifier.Semantics;

namespace Bpf.Verifier.Passes;

/// <summary>
/// mark_fastcall_patterns / remove_fastcall_spills_fills: clang surrounds bpf_fastcall calls with spills and
/// fills of the registers the call leaves intact. When every access to that stack area comes from such
/// patterns and the call is inlined, the kernel drops the pairs after verification and the function's stack
/// depth shrinks to what lies above them.
/// </summary>
internal static class MarkFastcallPatterns
{
    private const uint CallerSaved = 0x3f; // R0-R5
    private const int BpfFuncGetSmpProcessorId = 8;

    public static void Run(PassContext ctx)
    {
        var insns = ctx.Insns;
        var targets = JumpTargets(insns);
        foreach (var sp in ctx.Subprogs)
        {
            int lowest = 0;
            for (int i = sp.Start; i < sp.End; i++)
            {
                var insn = insns[i];
                if (insn.Code == (Opcode.Stx | Opcode.Mem | Opcode.DW) && insn.Dst == 10)
                    lowest = Math.Min(lowest, insn.Offset);
            }
            for (int i = sp.Start; i < sp.End; i++)
            {
                if (insns[i].Code == (Opcode.Jmp | Opcode.Call))
                    MarkCall(ctx, sp, i, lowest, targets);
            }
        }
    }

    private static void MarkCall(PassContext ctx, SubprogInfo sp, int idx, int lowest, bool[] targets)
    {
        var insns = ctx.Insns;
        var call = insns[idx];
        uint clobbered = CallerSaved;
        bool inlined = false;
        if (call.IsHelperCall)
        {
            if (HelperTable.Find(call.Imm, ctx.Prog.Type) is not { } proto)
                return;
            clobbered = proto.Ret == RetKind.Void ? 0u : 1u;
            for (int a = 0; a < proto.Args.Length; a++)
                clobbered |= 1u << (a + 1);
            // x86-64: only bpf_get_smp_processor_id is inlined by the verifier (and it allows fastcall).
            inlined = call.Imm == BpfFuncGetSmpProcessorId;
        }
        else if (call.Src == Pseudo.KfuncCall)
        {
            if (!ctx.Prog.Kfuncs.TryGetValue(idx, out var k) || !k.IsFunction)
                return;
            var btf = KernelTypes.Btf;
            uint func = btf.FindByName(k.Name, BtfKind.Func);
            if (func == 0)
                return;
            uint proto = btf.RefType(func);
            clobbered = btf.RefType(proto) == 0 ? 0u : 1u;
            for (int a = 0; a < btf.Vlen(proto); a++)
                clobbered |= 1u << (a + 1);
            inlined = k.Name is "bpf_cast_to_kern_ctx" or "bpf_rdonly_cast";
        }
        if (clobbered == CallerSaved)
            return;
        uint expected = ~clobbered & CallerSaved;
        int i, off;
        for (i = 1, off = lowest; i <= 6; i++, off += 8)
        {
            if (idx - i < 0 || idx + i >= insns.Length || targets[idx - i + 1] || targets[idx + i])
                break;
            var stx = insns[idx - i];
            var ldx = insns[idx + i];
            if (stx.Code != (Opcode.Stx | Opcode.Mem | Opcode.DW) || ldx.Code != (Opcode.Ldx | Opcode.Mem | Opcode.DW) ||
                stx.Dst != 10 || ldx.Src != 10 || stx.Src != ldx.Dst || (expected & (1u << stx.Src)) == 0 ||
                stx.Offset != off || ldx.Offset != off)
                break;
            expected &= ~(1u << stx.Src);
            ctx.Aux[idx - i].FastcallPattern = true;
            ctx.Aux[idx + i].FastcallPattern = true;
        }
        if (i == 1)
            return;
        if (inlined)
            ctx.Aux[idx].FastcallSpillsNum = (byte)(i - 1);
        else
            sp.KeepFastcallStack = true;
        sp.FastcallStackOff = Math.Min(sp.FastcallStackOff, off);
    }

    /// <summary>Branch targets of check_cfg (jump_target): jumps, calls of subprograms and callbacks.</summary>
    private static bool[] JumpTargets(Instruction[] insns)
    {
        var t = new bool[insns.Length + 1];
        for (int i = 0; i < insns.Length; i++)
        {
            var insn = insns[i];
            int w = -1;
            if (insn.IsLdImm64)
            {
                if (insn.Src == Pseudo.Func)
                    w = i + insn.Imm + 1;
                i++;
            }
            else if (insn.Class is Opcode.Jmp or Opcode.Jmp32)
            {
                byte op = Opcode.Op(insn.Code);
                if (op == Opcode.Call)
                    w = insn.IsPseudoCall ? i + insn.Imm + 1 : -1;
                else if (op == Opcode.Ja)
                    w = i + (insn.Class == Opcode.Jmp32 ? insn.Imm : insn.Offset) + 1;
                else if (op != Opcode.Exit)
                    w = i + insn.Offset + 1;
            }
            if ((uint)w < (uint)t.Length)
                t[w] = true;
        }
        return t;
    }

    /// <summary>
    /// check_fastcall_stack_contract: an access below the fastcall spills from outside the patterns keeps the
    /// function's spills and stack (called for every load/store through a stack pointer).
    /// </summary>
    public static void CheckContract(InsnAux[] aux, SubprogInfo sp, int insnIdx, int off)
    {
        if (sp.FastcallStackOff <= off || aux[insnIdx].FastcallPattern)
            return;
        sp.FastcallStackOff = short.MinValue;
        for (int i = sp.Start; i < sp.End; i++)
        {
            aux[i].FastcallSpillsNum = 0;
            aux[i].FastcallPattern = false;
        }
    }

    /// <summary>remove_fastcall_spills_fills: functions whose patterns all hold shrink to the stack above them.</summary>
    public static void RemoveSpillsFills(InsnAux[] aux, List<SubprogInfo> subprogs)
    {
        foreach (var sp in subprogs)
        {
            bool modified = false;
            for (int i = sp.Start; i < sp.End; i++)
                modified |= aux[i].FastcallSpillsNum > 0;
            if (modified && !sp.KeepFastcallStack)
                sp.StackDepth = -sp.FastcallStackOff;
        }
    }
}
