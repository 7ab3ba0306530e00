using Bpf.Isa;
using Bpf.Object;
using Bpf.Verifier.Log;
using Bpf.Verifier.Platform;
using Bpf.Verifier.Semantics;

namespace Bpf.Verifier.Passes;

/// <summary>resolve_pseudo_ldimm64: opcode validity, LDX reserved fields, ld_imm64 pairs and their map references.</summary>
internal static class ResolvePseudoLdImm64
{
    public static void Run(PassContext ctx)
    {
        var insns = ctx.Insns;
        int cgroupStorage = -1, percpuCgroupStorage = -1, arena = -1;
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
                        CheckMapCompat(ctx, map, insn.Imm, ref cgroupStorage, ref percpuCgroupStorage);
                        if (map.Type == ArenaMapType)
                        {
                            CheckArena(ctx, map, insn, next, ref arena);
                            break;
                        }
                        if (insn.Src == Pseudo.MapIdxValue && (uint)next.Imm >= map.ValueSize)
                            ctx.Fail($"invalid access to map value pointer, value_size={map.ValueSize} off={(uint)next.Imm}");
                        break;
                    }
                case Pseudo.MapFd:
                case Pseudo.MapValue:
                    // A raw fd is looked up in the loading process: 0-2 are its standard streams, never maps.
                    if (insn.Imm is >= 0 and <= 2)
                        ctx.Fail(Messages.FdNotPointingToMap(insn.Imm));
                    ctx.Fail(Messages.Unsupported("ld_imm64 with a raw map fd"), -95);
                    break;
                case Pseudo.BtfId:
                    CheckPseudoBtfId(ctx, insn, next);
                    break;
                case Pseudo.Func:
                    break; // typed when executed
                default:
                    ctx.Fail("unrecognized bpf_ld_imm64 insn");
                    break;
            }
            i++;
        }
    }

    private const uint ArenaMapType = 33;
    private const ulong PageSize = 4096;

    /// <summary>
    /// An arena map: one per program, and arena_map_direct_value_addr lets a variable's offset reach the end of
    /// the arena's user range (max_entries pages).
    /// </summary>
    private static void CheckArena(PassContext ctx, Bpf.Object.MapSpec map, Instruction insn, Instruction next, ref int arena)
    {
        if (insn.Src == Pseudo.MapIdxValue && (ulong)(uint)next.Imm > map.MaxEntries * PageSize)
            ctx.Fail($"invalid access to map value pointer, value_size={map.ValueSize} off={(uint)next.Imm}", -34);
        if (arena >= 0 && arena != insn.Imm)
            ctx.Fail("Only one arena per program", -16);
        arena = insn.Imm;
    }

    /// <summary>check_pseudo_btf_id: a ksym must be a kernel VAR or FUNC whose address kallsyms knows.</summary>
    private static void CheckPseudoBtfId(PassContext ctx, Instruction insn, Instruction next)
    {
        if (next.Imm != 0)
            ctx.Fail(Messages.Unsupported("ksym in a kernel module BTF"), -95);
        var btf = KernelTypes.Btf;
        uint id = (uint)insn.Imm;
        if (id == 0 || !btf.IsValidId(id))
            ctx.Fail(BtfMessages.InvalidBtfId(insn.Imm), -2);
        var kind = btf.Kind(id);
        if (kind is not (Bpf.Btf.BtfKind.Var or Bpf.Btf.BtfKind.Func))
            ctx.Fail(BtfMessages.PseudoBtfIdKind(insn.Imm));
        string name = KernelTypes.Name(id);
        if (!KernelSymbols.HasAddress(name, kind == Bpf.Btf.BtfKind.Func))
            ctx.Fail(BtfMessages.KsymNoAddress(name), -2);
    }

    private const uint CgroupStorageMap = 19;
    private const uint PercpuCgroupStorageMap = 21;

    /// <summary>check_map_prog_compatibility, and bpf_cgroup_storage_assign's one-storage-per-type rule.</summary>
    private static void CheckMapCompat(PassContext ctx, MapSpec map, int index, ref int cgroupStorage, ref int percpuCgroupStorage)
    {
        string? why = MapProgCompat.Check(map, ctx.Prog, ctx.Obj.Btf);
        if (why != null)
            ctx.Fail(why);
        ref int used = ref (map.Type == CgroupStorageMap ? ref cgroupStorage : ref percpuCgroupStorage);
        if (map.Type is not (CgroupStorageMap or PercpuCgroupStorageMap))
            return;
        if (used >= 0 && used != index)
            ctx.Fail("only one cgroup storage of each type is allowed", -16);
        used = index;
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
