using System.Globalization;

namespace Bpf.Isa;

/// <summary>
/// Parses one statement (kernel-log or LLVM BPF asm dialect) into slots on an <see cref="AsmBuilder"/>.
/// This file holds the cursor, operand parsers and dispatch; the forms live in the other partial files.
/// </summary>
internal sealed partial class AsmParser
{
    private readonly List<AsmToken> _t;
    private readonly AsmBuilder _b;
    private readonly IReadOnlyDictionary<string, long>? _constants;
    private readonly int _line;
    private int _p;
    private int _hint = -1; // opcode from a "(xx)" prefix, or -1

    public AsmParser(List<AsmToken> tokens, AsmBuilder builder, IReadOnlyDictionary<string, long>? constants, int line)
    {
        _t = tokens;
        _b = builder;
        _constants = constants;
        _line = line;
    }

    /// <summary>Names of the labels a statement defines (used to pre-scan the text).</summary>
    public static void CollectLabels(List<AsmToken> t, HashSet<string> names)
    {
        for (int i = 0; i + 1 < t.Count && t[i + 1].Is(":"); i += 2)
        {
            if (t[i].Kind == AsmTokenKind.Ident)
                names.Add(t[i].Text);
        }
    }

    /// <summary>The count of a <c>.rept N</c> statement.</summary>
    public static long ParseRepeatCount(List<AsmToken> tokens, IReadOnlyDictionary<string, long>? constants, int line)
    {
        var p = new AsmParser(tokens, new AsmBuilder(), constants, line) { _p = 1 };
        var at = p.Peek;
        long count = p.ParseExpr();
        if (count is < 0 or > 1_000_000)
            throw p.Error("repeat count out of range", at);
        if (p.Peek.Kind != AsmTokenKind.End)
            throw p.Error($"unexpected '{p.Peek.Text}'", p.Peek);
        return count;
    }

    public void ParseStatement()
    {
        // Labels (also the "N:" index prefix of listings, harmless as a numbered label).
        while ((Peek.Kind is AsmTokenKind.Ident or AsmTokenKind.Number) && PeekAt(1).Is(":"))
        {
            var label = Next();
            Next();
            _b.DefineLabel(label.Text, _line, label.Column);
        }

        if (Peek.Is("(") && PeekAt(2).Is(")") && IsHexByte(PeekAt(1).Text, out int hint))
        {
            _p += 3;
            _hint = hint;
        }

        if (Peek.Kind == AsmTokenKind.End)
        {
            if (_hint >= 0)
                throw Error("instruction expected after opcode", Peek);
            return;
        }

        int first = _b.Count;
        bool data = Peek.Kind == AsmTokenKind.Ident && Peek.Text.StartsWith('.');
        if (!data && _b.InRawSlot)
            throw Error("raw data does not fill a whole 8-byte slot", Peek);
        ParseInstruction();
        if (Peek.Kind != AsmTokenKind.End)
            throw Error($"unexpected '{Peek.Text}'", Peek);
        if (_hint >= 0 && _b.Count > first && _b.Slot(first).Code != _hint)
            throw Error($"opcode ({_hint:x2}) does not match the instruction ({_b.Slot(first).Code:x2})", _t[0]);
    }

    private void ParseInstruction()
    {
        var tok = Peek;
        if (tok.Kind == AsmTokenKind.Ident)
        {
            if (IsReg(tok, out _, out _))
            {
                ParseRegStatement();
                return;
            }

            switch (tok.Text)
            {
                case "exit":
                    Next();
                    _b.Emit(new Instruction(Opcode.Jmp | Opcode.Exit, 0, 0, 0, 0));
                    return;
                case "nospec":
                    Next();
                    _b.Emit(new Instruction(Opcode.St | 0xc0, 0, 0, 0, 0));
                    return;
                case "goto" or "ja" or "gotol" or "may_goto":
                    ParseGoto();
                    return;
                case "if":
                    ParseIf();
                    return;
                case "call":
                    ParseCall();
                    return;
                case "lock":
                    ParseLock();
                    return;
                case "store_release":
                    ParseStoreRelease();
                    return;
                case "ld_pseudo":
                    ParseLdPseudo();
                    return;
                case ".byte" or ".short" or ".2byte" or ".half" or ".long" or ".4byte" or ".int" or ".8byte" or ".quad":
                    ParseData();
                    return;
            }
        }
        else if (tok.Is("*"))
        {
            ParseStore();
            return;
        }

        throw Error($"unknown instruction '{tok.Text}'", tok);
    }

    // ---- cursor ----

    private AsmToken Peek => _t[_p];

    private AsmToken PeekAt(int k) => _t[Math.Min(_p + k, _t.Count - 1)];

    private AsmToken Next() => _t[_p < _t.Count - 1 ? _p++ : _p];

    private bool Accept(string punct)
    {
        if (!Peek.Is(punct))
            return false;
        _p++;
        return true;
    }

    private bool AcceptIdent(string word)
    {
        if (!Peek.IsIdent(word))
            return false;
        _p++;
        return true;
    }

    private void Expect(string punct)
    {
        if (!Accept(punct))
            throw Error($"'{punct}' expected", Peek);
    }

    private AsmException Error(string reason, AsmToken at) => new(reason, _line, at.Column);

    // ---- operands ----

    /// <summary>
    /// r0..r10 (64-bit view) or w0..w10 (32-bit view); r11..r15 too, since the 4-bit field can hold them
    /// and verifier tests need them (the kernel prints <c>r0 = r15</c> before rejecting it).
    /// </summary>
    private static bool IsReg(AsmToken t, out int reg, out bool wide)
    {
        reg = -1;
        wide = false;
        if (t.Kind != AsmTokenKind.Ident || t.Text.Length is < 2 or > 3 || t.Text[0] is not ('r' or 'w'))
            return false;
        if (!int.TryParse(t.Text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out reg) || reg > 15
            || (t.Text.Length == 3 && t.Text[1] == '0'))
        {
            reg = -1;
            return false;
        }

        wide = t.Text[0] == 'r';
        return true;
    }

    /// <summary>r11..r15 and similar: a register spelling the ISA does not have.</summary>
    private static bool LooksLikeReg(string text) =>
        text.Length >= 2 && text[0] is 'r' or 'w' && int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private int ExpectReg(out bool wide)
    {
        var t = Next();
        if (!IsReg(t, out int reg, out wide))
            throw Error(LooksLikeReg(t.Text) ? $"invalid register '{t.Text}'" : $"register expected, got '{t.Text}'", t);
        return reg;
    }

    /// <summary>A register of the same width as the statement's destination.</summary>
    private int ExpectReg(bool wide)
    {
        var t = Peek;
        int reg = ExpectReg(out bool w);
        if (w != wide)
            throw Error($"register '{t.Text}' has the wrong width", t);
        return reg;
    }

    /// <summary>A register whose r/w spelling does not matter (memory operands, atomics' value registers).</summary>
    private int ExpectAnyReg() => ExpectReg(out _);

    /// <summary><c>(u32 *)</c> or <c>(s8 *)</c>: the size field and whether the type is signed.</summary>
    private int ParseTypeCast(out bool signed)
    {
        Expect("(");
        var t = Next();
        signed = false;
        int size = t.Kind == AsmTokenKind.Ident ? Mnemonics.SizeOf(t.Text, out signed) : -1;
        if (size < 0)
            throw Error($"access type expected, got '{t.Text}'", t);
        Expect("*");
        Expect(")");
        return size;
    }

    /// <summary>A <c>(u32 *)</c> cast where only unsigned types exist (stores, atomics).</summary>
    private int ParseUnsignedTypeCast()
    {
        var at = PeekAt(1);
        int size = ParseTypeCast(out bool signed);
        if (signed)
            throw Error($"unsigned access type expected, got '{at.Text}'", at);
        return size;
    }

    /// <summary><c>(r1 +8)</c>, <c>(r10 - 8)</c>, <c>(r1)</c>.</summary>
    private (int Reg, short Off) ParseMemOperand()
    {
        Expect("(");
        var (reg, off) = ParseRegOffset();
        Expect(")");
        return (reg, off);
    }

    /// <summary><c>r1 + 8</c> / <c>r1 -8</c> / <c>r1</c> inside an address.</summary>
    private (int Reg, short Off) ParseRegOffset()
    {
        int reg = ExpectAnyReg();
        long off = 0;
        var at = Peek;
        if (Accept("+"))
            off = ParseUnary();
        else if (Accept("-"))
            off = -ParseUnary();
        else if (Peek.Kind == AsmTokenKind.Subst)
            off = ParseUnary(); // "(r1 %[off])": the operand carries its own sign
        if (off is < short.MinValue or > short.MaxValue)
            throw Error("offset out of range", at);
        return (reg, (short)off);
    }

    /// <summary>Immediate for a 32-bit field: accepts -2^31..2^32-1 and keeps the low 32 bits.</summary>
    private int ParseImm32()
    {
        var at = Peek;
        long v = ParseExpr();
        if (v is < int.MinValue or > uint.MaxValue)
            throw Error("immediate does not fit in 32 bits", at);
        return unchecked((int)v);
    }

    private long ParseExpr()
    {
        long v = ParseUnary();
        while (true)
        {
            if (Accept("+"))
                v += ParseUnary();
            else if (Accept("-"))
                v -= ParseUnary();
            else if (Accept("*"))
                v *= ParseUnary();
            else if (Accept("<<"))
                v <<= (int)ParseUnary();
            else if (Accept("|"))
                v |= ParseUnary();
            else
                return v;
        }
    }

    private long ParseUnary()
    {
        var t = Next();
        if (t.Is("-"))
            return -ParseUnary();
        if (t.Is("~"))
            return ~ParseUnary();
        if (t.Is("("))
        {
            long v = ParseExpr();
            Expect(")");
            return v;
        }

        if (t.Kind == AsmTokenKind.Number && TryParseNumber(t.Text, out ulong n))
            return (long)n;
        if (t.Kind == AsmTokenKind.Subst)
        {
            if (_constants != null && _constants.TryGetValue(t.Text, out long c))
                return c;
            throw Error($"unknown constant %[{t.Text}]", t);
        }

        throw Error($"number expected, got '{t.Text}'", t);
    }

    private bool PeekIsValueStart => Peek.Kind is AsmTokenKind.Number or AsmTokenKind.Subst || Peek.Is("-") || Peek.Is("(") || Peek.Is("~");

    /// <summary>Decimal or 0x hex, with C's integer suffixes (<c>ULL</c>) allowed as in inline-asm operands.</summary>
    private static bool TryParseNumber(string text, out ulong value)
    {
        var digits = text.AsSpan().TrimEnd("uUlL");
        if (digits.Length > 2 && digits[0] == '0' && (digits[1] | 0x20) == 'x')
            return ulong.TryParse(digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        return ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary><c>.byte 0xe5, 0</c>, <c>.short -1</c>, <c>.long 0</c>, <c>.8byte %[insn]</c>: raw little-endian data, 8 bytes a slot.</summary>
    private void ParseData()
    {
        var dir = Next();
        int size = dir.Text switch
        {
            ".byte" => 1,
            ".short" or ".2byte" or ".half" => 2,
            ".long" or ".4byte" or ".int" => 4,
            _ => 8,
        };
        do
        {
            ulong v = (ulong)ParseExpr();
            for (int k = 0; k < size; k++)
                _b.EmitByte((byte)(v >> (8 * k)));
        }
        while (Accept(","));
    }

    private static bool IsHexByte(string text, out int value)
    {
        value = -1;
        return text.Length == 2 && int.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
