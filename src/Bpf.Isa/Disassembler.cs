using System.Globalization;
using System.Text;

namespace Bpf.Isa;

/// <summary>
/// Prints instructions exactly as the Linux 6.18 verifier log does (kernel/bpf/disasm.c
/// <c>print_bpf_insn</c> with the verifier's callbacks): <c>(bf) r2 = r10</c>. Never throws:
/// malformed encodings print the kernel's <c>BUG_..</c> / <c>(null)</c> forms.
/// </summary>
public static class Disassembler
{
    /// <summary>Text of the instruction at <paramref name="index"/>, without index or newline.</summary>
    public static string Format(ReadOnlySpan<Instruction> prog, int index, IDisasmSymbols? symbols = null)
    {
        var sb = new StringBuilder(48);
        Append(sb, prog, index, symbols);
        return sb.ToString();
    }

    /// <summary>Text of a single instruction; <paramref name="next"/> is the second slot of an ld_imm64.</summary>
    public static string Format(Instruction insn, Instruction next = default)
    {
        ReadOnlySpan<Instruction> pair = [insn, next];
        return Format(pair, 0);
    }

    /// <summary>
    /// A numbered listing (<c>   0: (b7) r0 = 0</c>), one line per instruction, skipping the
    /// second slot of each ld_imm64. <paramref name="lineComment"/> may return a source line to
    /// print as <c>; text</c> before the instruction at a given index.
    /// </summary>
    public static string FormatListing(
        ReadOnlySpan<Instruction> prog, IDisasmSymbols? symbols = null, Func<int, string?>? lineComment = null)
    {
        var sb = new StringBuilder(prog.Length * 32);
        for (int i = 0; i < prog.Length; i++)
        {
            string? line = lineComment?.Invoke(i);
            if (line != null)
                sb.Append("; ").Append(line).Append('\n');
            string idx = i.ToString(CultureInfo.InvariantCulture);
            sb.Append(' ', Math.Max(0, 4 - idx.Length)).Append(idx).Append(": ");
            Append(sb, prog, i, symbols);
            sb.Append('\n');
            if (prog[i].IsLdImm64)
                i++;
        }

        return sb.ToString();
    }

    /// <summary>Appends the text of the instruction at <paramref name="index"/> (no newline).</summary>
    public static void Append(StringBuilder sb, ReadOnlySpan<Instruction> prog, int index, IDisasmSymbols? symbols = null)
    {
        if ((uint)index >= (uint)prog.Length)
            return;
        var insn = prog[index];
        switch (insn.Class)
        {
            case Opcode.Alu:
            case Opcode.Alu64:
                AppendAlu(sb, insn);
                break;
            case Opcode.Stx:
                AppendStx(sb, insn);
                break;
            case Opcode.St:
                AppendSt(sb, insn);
                break;
            case Opcode.Ldx:
                AppendLdx(sb, insn);
                break;
            case Opcode.Ld:
                AppendLd(sb, prog, index, symbols);
                break;
            default:
                AppendJmp(sb, insn, index, symbols);
                break;
        }
    }

    private static StringBuilder Code(StringBuilder sb, byte code) => Hex2(sb.Append('('), code).Append(") ");

    // Appended digit by digit: this runs for every line of a level-2 verifier log.
    private static StringBuilder Hex2(StringBuilder sb, byte b) =>
        sb.Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xf]);

    private const string HexDigits = "0123456789abcdef";

    private static StringBuilder Hex(StringBuilder sb, ulong v)
    {
        Span<char> buf = stackalloc char[16];
        int n = 0;
        do
        {
            buf[15 - n++] = HexDigits[(int)(v & 0xf)];
            v >>= 4;
        }
        while (v != 0);
        return sb.Append(buf[(16 - n)..]);
    }

    /// <summary>printf <c>%+d</c>.</summary>
    private static StringBuilder Signed(StringBuilder sb, int v) =>
        v >= 0 ? sb.Append('+').Append(v) : sb.Append(v);

    private static StringBuilder Reg(StringBuilder sb, bool wide, int reg) =>
        sb.Append(wide ? 'r' : 'w').Append(reg);

    private static StringBuilder Mem(StringBuilder sb, string? type, int reg, short off)
    {
        sb.Append("*(").Append(type ?? Mnemonics.Null).Append(" *)(r").Append(reg).Append(' ');
        return Signed(sb, off).Append(')');
    }

    private static void AppendAlu(StringBuilder sb, Instruction insn)
    {
        bool wide = insn.Class == Opcode.Alu64;
        byte op = Opcode.Op(insn.Code);
        Code(sb, insn.Code);
        if (op == Opcode.End)
        {
            // ALU64|END is the unconditional bswap; ALU|END converts to/from a byte order.
            sb.Append('r').Append(insn.Dst).Append(" = ");
            if (wide)
                sb.Append("bswap");
            else
                sb.Append(Opcode.Src(insn.Code) == Opcode.ToBe ? "be" : "le");
            sb.Append(insn.Imm).Append(" r").Append(insn.Dst);
            return;
        }

        if (op == Opcode.Neg)
        {
            Reg(sb, wide, insn.Dst).Append(" = -");
            Reg(sb, wide, insn.Dst);
            return;
        }

        if (insn.Code == (Opcode.Alu64 | Opcode.Mov | Opcode.X))
        {
            if (insn.Offset == 1)
            {
                sb.Append('r').Append(insn.Dst).Append(" = addr_space_cast(r").Append(insn.Src).Append(", ")
                    .Append((uint)insn.Imm >> 16).Append(", ").Append((ushort)insn.Imm).Append(')');
                return;
            }

            if (insn.Offset == -1)
            {
                // Internal per-CPU address form produced by the kernel's own rewrites.
                sb.Append('r').Append(insn.Dst).Append(" = &(void __percpu *)(r").Append(insn.Src).Append(')');
                return;
            }
        }

        string? opText = (op is Opcode.Div or Opcode.Mod) && insn.Offset == 1
            ? (op == Opcode.Div ? "s/=" : "s%=")
            : Mnemonics.Alu[op >> 4];
        Reg(sb, wide, insn.Dst).Append(' ').Append(opText ?? Mnemonics.Null).Append(' ');
        if (Opcode.Src(insn.Code) == Opcode.X)
        {
            if (op == Opcode.Mov && insn.Offset is 8 or 16 or 32)
                sb.Append("(s").Append((int)insn.Offset).Append(')');
            Reg(sb, wide, insn.Src);
        }
        else
        {
            sb.Append(insn.Imm);
        }
    }

    private static void AppendStx(StringBuilder sb, Instruction insn)
    {
        byte mode = Opcode.Mode(insn.Code);
        string type = Mnemonics.Unsigned[Opcode.Size(insn.Code) >> 3];
        bool dw = Opcode.Size(insn.Code) == Opcode.DW;
        if (mode == Opcode.Mem)
        {
            Mem(Code(sb, insn.Code), type, insn.Dst, insn.Offset).Append(" = r").Append(insn.Src);
            return;
        }

        if (mode != Opcode.Atomic)
        {
            Hex2(sb.Append("BUG_"), insn.Code);
            return;
        }

        int imm = insn.Imm;
        switch (imm)
        {
            case AtomicOp.Add or AtomicOp.And or AtomicOp.Or or AtomicOp.Xor:
                Mem(Code(sb, insn.Code).Append("lock "), type, insn.Dst, insn.Offset)
                    .Append(' ').Append(Mnemonics.Alu[imm >> 4]).Append(" r").Append(insn.Src);
                return;
            case AtomicOp.Add | AtomicOp.Fetch or AtomicOp.And | AtomicOp.Fetch
                or AtomicOp.Or | AtomicOp.Fetch or AtomicOp.Xor | AtomicOp.Fetch:
                Code(sb, insn.Code).Append('r').Append(insn.Src).Append(" = atomic").Append(dw ? "64" : "")
                    .Append("_fetch_").Append(Mnemonics.AtomicAlu[(imm & 0xf0) >> 4]);
                AtomicOperand(sb, type, insn).Append(", r").Append(insn.Src).Append(')');
                return;
            case AtomicOp.Cmpxchg:
                Code(sb, insn.Code).Append("r0 = atomic").Append(dw ? "64" : "").Append("_cmpxchg");
                AtomicOperand(sb, type, insn).Append(", r0, r").Append(insn.Src).Append(')');
                return;
            case AtomicOp.Xchg:
                Code(sb, insn.Code).Append('r').Append(insn.Src).Append(" = atomic").Append(dw ? "64" : "")
                    .Append("_xchg");
                AtomicOperand(sb, type, insn).Append(", r").Append(insn.Src).Append(')');
                return;
            case AtomicOp.LoadAcq:
                Code(sb, insn.Code).Append('r').Append(insn.Dst).Append(" = load_acquire((").Append(type)
                    .Append(" *)(r").Append(insn.Src).Append(' ');
                Signed(sb, insn.Offset).Append("))");
                return;
            case AtomicOp.StoreRel:
                Code(sb, insn.Code).Append("store_release");
                AtomicOperand(sb, type, insn).Append(", r").Append(insn.Src).Append(')');
                return;
            default:
                Hex2(sb.Append("BUG_"), insn.Code);
                return;
        }
    }

    /// <summary><c>((u64 *)(r1 +0)</c>: the opening of an atomic's argument list.</summary>
    private static StringBuilder AtomicOperand(StringBuilder sb, string type, Instruction insn)
    {
        sb.Append("((").Append(type).Append(" *)(r").Append(insn.Dst).Append(' ');
        return Signed(sb, insn.Offset).Append(')');
    }

    private static void AppendSt(StringBuilder sb, Instruction insn)
    {
        byte mode = Opcode.Mode(insn.Code);
        if (mode == Opcode.Mem)
        {
            Mem(Code(sb, insn.Code), Mnemonics.Unsigned[Opcode.Size(insn.Code) >> 3], insn.Dst, insn.Offset)
                .Append(" = ").Append(insn.Imm);
        }
        else if (mode == 0xc0)
        {
            // BPF_NOSPEC: internal speculation barrier, no uapi name.
            Code(sb, insn.Code).Append("nospec");
        }
        else
        {
            Hex2(sb.Append("BUG_st_"), insn.Code);
        }
    }

    private static void AppendLdx(StringBuilder sb, Instruction insn)
    {
        byte mode = Opcode.Mode(insn.Code);
        if (mode != Opcode.Mem && mode != Opcode.MemSx)
        {
            Hex2(sb.Append("BUG_ldx_"), insn.Code);
            return;
        }

        int size = Opcode.Size(insn.Code) >> 3;
        string? type = mode == Opcode.Mem ? Mnemonics.Unsigned[size] : Mnemonics.Signed[size];
        Code(sb, insn.Code).Append('r').Append(insn.Dst).Append(" = ");
        Mem(sb, type, insn.Src, insn.Offset);
    }

    private static void AppendLd(StringBuilder sb, ReadOnlySpan<Instruction> prog, int index, IDisasmSymbols? symbols)
    {
        var insn = prog[index];
        byte mode = Opcode.Mode(insn.Code);
        string type = Mnemonics.Unsigned[Opcode.Size(insn.Code) >> 3];
        if (mode == Opcode.Abs)
        {
            Code(sb, insn.Code).Append("r0 = *(").Append(type).Append(" *)skb[").Append(insn.Imm).Append(']');
        }
        else if (mode == Opcode.Ind)
        {
            Code(sb, insn.Code).Append("r0 = *(").Append(type).Append(" *)skb[r").Append(insn.Src)
                .Append(" + ").Append(insn.Imm).Append(']');
        }
        else if (insn.IsLdImm64)
        {
            // A truncated program has no second slot: treat its high half as zero.
            var next = index + 1 < prog.Length ? prog[index + 1] : default;
            ulong value = insn.Imm64(next);
            if (symbols != null)
                value = symbols.GetImm64(index, insn, value);
            Hex(Code(sb, insn.Code).Append('r').Append(insn.Dst).Append(" = 0x"), value);
        }
        else
        {
            Hex2(sb.Append("BUG_ld_"), insn.Code);
        }
    }

    private static void AppendJmp(StringBuilder sb, Instruction insn, int index, IDisasmSymbols? symbols)
    {
        bool wide = insn.Class == Opcode.Jmp;
        byte op = Opcode.Op(insn.Code);
        Code(sb, insn.Code);
        if (op == Opcode.Call)
        {
            AppendCall(sb, insn, index, symbols);
        }
        else if (insn.Code == (Opcode.Jmp | Opcode.Ja))
        {
            Signed(sb.Append("goto pc"), insn.Offset);
        }
        else if (insn.Code == (Opcode.Jmp | Opcode.Jcond) && insn.Src == 0)
        {
            Signed(sb.Append("may_goto pc"), insn.Offset);
        }
        else if (insn.Code == (Opcode.Jmp32 | Opcode.Ja))
        {
            Signed(sb.Append("gotol pc"), insn.Imm);
        }
        else if (insn.Code == (Opcode.Jmp | Opcode.Exit))
        {
            sb.Append("exit");
        }
        else
        {
            sb.Append("if ");
            Reg(sb, wide, insn.Dst).Append(' ').Append(Mnemonics.Jmp[op >> 4] ?? Mnemonics.Null).Append(' ');
            if (Opcode.Src(insn.Code) == Opcode.X)
                Reg(sb, wide, insn.Src);
            else
                Hex(sb.Append("0x"), (uint)insn.Imm);
            Signed(sb.Append(" goto pc"), insn.Offset);
        }
    }

    private static void AppendCall(StringBuilder sb, Instruction insn, int index, IDisasmSymbols? symbols)
    {
        if (insn.Src == Pseudo.Call)
        {
            // The verifier's name callback only knows kfuncs: subprogram calls print their offset.
            Signed(sb.Append("call pc"), insn.Imm);
            return;
        }

        string? name = null;
        if (insn.Src == 0 && HelperNames.TryGetName(insn.Imm, out string helper))
            name = helper;
        name ??= symbols?.GetCallName(index, insn);
        name ??= insn.Src == Pseudo.KfuncCall ? "kernel-function" : "unknown";
        sb.Append("call ").Append(name).Append('#').Append(insn.Imm);
    }
}
