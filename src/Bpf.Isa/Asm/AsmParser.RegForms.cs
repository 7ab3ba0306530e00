namespace Bpf.Isa;

/// <summary>Statements that start with a destination register: ALU, loads, byte swaps, ld_imm64, atomics with a result.</summary>
internal sealed partial class AsmParser
{
    private void ParseRegStatement()
    {
        var dstTok = Peek;
        int dst = ExpectReg(out bool wide);
        byte cls = wide ? Opcode.Alu64 : Opcode.Alu;
        var opTok = Next();

        // Signed operators arrive as the identifier "s" followed by the rest ("s>>=", "s/="), or glued ("s%=").
        string op = opTok.Text;
        if (opTok.IsIdent("s") && Peek.Kind == AsmTokenKind.Punct)
            op = "s" + Next().Text;
        else if (opTok.Kind != AsmTokenKind.Punct && !opTok.IsIdent("s%="))
            throw Error($"operator expected, got '{opTok.Text}'", opTok);

        if (op == "=")
        {
            ParseAssignment(dstTok, dst, wide);
            return;
        }

        short off = 0;
        int aluOp;
        switch (op)
        {
            case "s/=":
                aluOp = Opcode.Div;
                off = 1;
                break;
            case "s%=":
                aluOp = Opcode.Mod;
                off = 1;
                break;
            default:
                aluOp = Mnemonics.AluOpOf(op);
                if (aluOp < 0)
                    throw Error($"unknown operator '{op}'", opTok);
                break;
        }

        if (IsReg(Peek, out _, out _))
        {
            int src = ExpectReg(wide);
            _b.Emit(new Instruction((byte)(cls | aluOp | Opcode.X), dst, src, off, 0));
        }
        else
        {
            _b.Emit(new Instruction((byte)(cls | aluOp | Opcode.K), dst, 0, off, ParseImm32()));
        }
    }

    private void ParseAssignment(AsmToken dstTok, int dst, bool wide)
    {
        byte cls = wide ? Opcode.Alu64 : Opcode.Alu;
        var t = Peek;

        // r1 = -r1 (neg) versus r1 = -5 (mov of a negative constant).
        if (t.Is("-") && IsReg(PeekAt(1), out _, out _))
        {
            Next();
            var srcTok = Peek;
            if (ExpectReg(wide) != dst)
                throw Error("negation must use the destination register", srcTok);
            _b.Emit(new Instruction((byte)(cls | Opcode.Neg), dst, 0, 0, 0));
            return;
        }

        if (IsReg(t, out _, out _))
        {
            int src = ExpectReg(wide);
            _b.Emit(new Instruction((byte)(cls | Opcode.Mov | Opcode.X), dst, src, 0, 0));
            return;
        }

        // r1 = (s8)r2: sign-extending move.
        if (t.Is("(") && PeekAt(1).Text is "s8" or "s16" or "s32" && PeekAt(2).Is(")"))
        {
            Next();
            short bits = short.Parse(Next().Text.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
            Next();
            int src = ExpectReg(wide);
            _b.Emit(new Instruction((byte)(cls | Opcode.Mov | Opcode.X), dst, src, bits, 0));
            return;
        }

        if (t.Is("*"))
        {
            ParseLoad(dstTok, dst);
            return;
        }

        if (t.Is("&"))
        {
            // r1 = &(void __percpu *)(r2): the kernel's internal per-CPU address move.
            Next();
            Expect("(");
            if (!AcceptIdent("void") || !AcceptIdent("__percpu"))
                throw Error("'void __percpu' expected", Peek);
            Expect("*");
            Expect(")");
            Expect("(");
            int src = ExpectAnyReg();
            Expect(")");
            _b.Emit(new Instruction(Opcode.Alu64 | Opcode.Mov | Opcode.X, dst, src, -1, 0));
            return;
        }

        if (t.Kind == AsmTokenKind.Ident && TryParseNamedAssignment(dstTok, dst, t))
            return;

        ParseValueAssignment(dst, wide);
    }

    /// <summary>Forms introduced by a keyword: byte swaps, addr_space_cast, atomics, load_acquire.</summary>
    private bool TryParseNamedAssignment(AsmToken dstTok, int dst, AsmToken t)
    {
        string w = t.Text;
        if (w.Length is 4 or 5 && (w.StartsWith("be", StringComparison.Ordinal) || w.StartsWith("le", StringComparison.Ordinal))
            || w.StartsWith("bswap", StringComparison.Ordinal))
        {
            bool bswap = w[0] == 'b' && w[1] == 's';
            if (!int.TryParse(w.AsSpan(bswap ? 5 : 2), System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out int bits) || bits is not (16 or 32 or 64))
                return false;
            Next();
            var regTok = Peek;
            if (ExpectAnyReg() != dst)
                throw Error("byte swap must use the destination register", regTok);
            byte code = bswap
                ? (byte)(Opcode.Alu64 | Opcode.End)
                : (byte)(Opcode.Alu | Opcode.End | (w[0] == 'b' ? Opcode.ToBe : Opcode.ToLe));
            _b.Emit(new Instruction(code, dst, 0, 0, bits));
            return true;
        }

        switch (w)
        {
            case "addr_space_cast":
                Next();
                Expect("(");
                int src = ExpectAnyReg();
                Expect(",");
                int to = ParseImm32();
                Expect(",");
                int from = ParseImm32();
                Expect(")");
                _b.Emit(new Instruction(Opcode.Alu64 | Opcode.Mov | Opcode.X, dst, src, 1, (to << 16) | (from & 0xffff)));
                return true;
            case "load_acquire":
                Next();
                Expect("(");
                int size = ParseUnsignedTypeCast();
                var (reg, off) = ParseMemOperand();
                Expect(")");
                _b.Emit(new Instruction((byte)(Opcode.Stx | Opcode.Atomic | size), dst, reg, off, AtomicOp.LoadAcq));
                return true;
        }

        if (TryParseAtomicCall(dstTok, dst, w))
            return true;
        return false;
    }

    /// <summary><c>r0 = *(u32 *)(r1 +0)</c>, <c>r0 = *(s8 *)(r1 +0)</c>, legacy <c>r0 = *(u8 *)skb[4]</c> / <c>skb[r1 + 4]</c>.</summary>
    private void ParseLoad(AsmToken dstTok, int dst)
    {
        Expect("*");
        int size = ParseTypeCast(out bool signed);
        if (AcceptIdent("skb"))
        {
            if (signed)
                throw Error("legacy packet loads are unsigned", dstTok);
            if (dst != 0)
                throw Error("legacy packet loads write r0", dstTok);
            Expect("[");
            if (IsReg(Peek, out _, out _))
            {
                int src = ExpectAnyReg();
                int imm = 0;
                if (Accept("+"))
                    imm = ParseImm32();
                else if (Accept("-"))
                    imm = -ParseImm32();
                Expect("]");
                _b.Emit(new Instruction((byte)(Opcode.Ld | Opcode.Ind | size), 0, src, 0, imm));
            }
            else
            {
                int imm = ParseImm32();
                Expect("]");
                _b.Emit(new Instruction((byte)(Opcode.Ld | Opcode.Abs | size), 0, 0, 0, imm));
            }

            return;
        }

        if (signed && size == Opcode.DW)
            throw Error("no sign-extending 64-bit load", dstTok);
        var (reg, off) = ParseMemOperand();
        byte mode = signed ? Opcode.MemSx : Opcode.Mem;
        _b.Emit(new Instruction((byte)(Opcode.Ldx | mode | size), dst, reg, off, 0));
    }

    /// <summary>
    /// <c>r1 = 5</c> (mov), <c>r1 = 0x123456789 ll</c> / <c>%[map] ll</c> / <c>map[name] ll</c> / <c>subprog ll</c> (ld_imm64).
    /// A value that does not fit in 32 bits, or a <c>(18)</c> opcode prefix, also selects ld_imm64.
    /// </summary>
    private void ParseValueAssignment(int dst, bool wide)
    {
        var t = Peek;
        byte cls = wide ? Opcode.Alu64 : Opcode.Alu;
        bool ldImm64 = _hint == (Opcode.Ld | Opcode.Imm | Opcode.DW);

        string? symbol = null;
        AsmRelocKind kind = AsmRelocKind.LdImm64;
        long value = 0;
        if (t.IsIdent("map") && PeekAt(1).Is("["))
        {
            Next();
            Next();
            var name = Next();
            Expect("]");
            symbol = name.Text;
            kind = AsmRelocKind.Map;
        }
        else if (t.Kind == AsmTokenKind.Subst && (_constants == null || !_constants.ContainsKey(t.Text)))
        {
            Next();
            symbol = t.Text;
        }
        else if (t.Kind == AsmTokenKind.Ident)
        {
            if (LooksLikeReg(t.Text))
                throw Error($"invalid register '{t.Text}'", t);
            Next();
            symbol = t.Text;
        }
        else
        {
            value = ParseExpr();
        }

        if (AcceptIdent("ll"))
            ldImm64 = true;
        if (symbol != null)
        {
            if (!wide)
                throw Error("ld_imm64 needs a 64-bit register", t);
            if (_b.MayBeLabel(symbol))
            {
                _b.AddFixup(AsmFixupKind.Func, symbol, _line, t.Column);
                _b.EmitLdImm64(dst, Pseudo.Func, 0);
            }
            else
            {
                _b.AddReloc(symbol, kind);
                _b.EmitLdImm64(dst, 0, 0);
            }

            return;
        }

        if (!ldImm64 && (value < int.MinValue || value > uint.MaxValue))
            ldImm64 = true;
        if (ldImm64)
        {
            if (!wide)
                throw Error("ld_imm64 needs a 64-bit register", t);
            _b.EmitLdImm64(dst, 0, (ulong)value);
            return;
        }

        _b.Emit(new Instruction((byte)(cls | Opcode.Mov | Opcode.K), dst, 0, 0, unchecked((int)value)));
    }

    /// <summary>LLVM's <c>ld_pseudo r1, 2, 3</c>: an ld_imm64 with a BPF_PSEUDO_* source and its imm.</summary>
    private void ParseLdPseudo()
    {
        Next();
        int dst = ExpectReg(true);
        Expect(",");
        var srcTok = Peek;
        long src = ParseExpr();
        if (src is < 0 or > 15)
            throw Error("pseudo source out of range", srcTok);
        Expect(",");
        long imm = ParseExpr();
        _b.EmitLdImm64(dst, (int)src, (ulong)imm);
    }
}
