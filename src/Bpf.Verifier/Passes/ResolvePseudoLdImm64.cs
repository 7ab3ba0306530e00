using Bpf.Isa;
using Bpf.Object;
using Bpf.Verifier.Log;
using Bpf.Verifier.Semantics;

namespace Bpf.Verifier.Passes;

/// <summary>resolve_pseudo_ldimm64: opcode validity, LDX reserved fields, ld_imm64 pairs and their map references.</summary>
internal static class ResolvePseudoLdImm64
{
    public static void Run(PassContext ctx)
    {
        var insns = ctx.Insns;
        for (int i = 0; i < insns.Length; i++)
        {
            var insn = insns[i];
            if (!OpcodeTable.IsValid(insn.Code))
                ctx.Fail(Messages.UnknownOpcode(insn.Code));
            if (insn.Class == Opcode.Ldx && ((Opcode.Mode(insn.Code) != Opcode.Mem && Opcode.Mode(insn.Code) != Opcode.MemSx) || insn.Imm != 0))
                ctx.Fail(Messages.LdxReservedFields);
            if (!insn.IsLdImm64)
                continue;
            if (i == insns.Length - 1 || insns[i + 1].Code != 0 || insns[i + 1].Dst != 0 || insns[i + 1].Src != 0 || insns[i + 1].Offset != 0)
                ctx.Fail(Messages.InvalidLdImm64);
            var next = insns[i + 1];
            switch (insn.Src)
            {
                case 0:
                    break;
                case Pseudo.MapIdx:
                case Pseudo.MapIdxValue:
                    {
                        if (insn.Src == Pseudo.MapIdx && next.Imm != 0)
                            ctx.Fail("unrecognized bpf_ld_imm64 insn");
                        if (insn.Imm < 0 || insn.Imm >= ctx.Obj.Maps.Count)
                            ctx.Fail($"fd {insn.Imm} is not pointing to valid bpf_map");
                        var map = ctx.Obj.Maps[insn.Imm];
                        if (insn.Src == Pseudo.MapIdxValue && (uint)next.Imm >= map.ValueSize)
                            ctx.Fail($"invalid access to map value pointer, value_size={map.ValueSize} off={(uint)next.Imm}");
                        break;
                    }
                case Pseudo.MapFd:
                case Pseudo.MapValue:
                    ctx.Fail(Messages.Unsupported("ld_imm64 with a raw map fd"), -95);
                    break;
                case Pseudo.BtfId:
                case Pseudo.Func:
                    break; // rejected as unsupported when executed
                default:
                    ctx.Fail("unrecognized bpf_ld_imm64 insn");
                    break;
            }
            i++;
        }
    }
}

/// <summary>What the structural passes share.</summary>
internal sealed class PassContext
{
    public required ObjectSpec Obj { get; init; }
    public required ProgramSpec Prog { get; init; }
    public required Instruction[] Insns { get; init; }
    public required VerifierLog Log { get; init; }
    public required InsnAux[] Aux { get; init; }
    public List<SubprogInfo> Subprogs { get; } = [];

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public void Fail(string msg, int errno = -22)
    {
        Log.WriteLine(msg);
        throw new VerifierException(msg, errno);
    }
}
