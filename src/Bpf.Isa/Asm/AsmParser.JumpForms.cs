using System.Text;

namespace Bpf.Isa;

/// <summary>Control flow: goto/gotol/may_goto, conditional jumps, calls.</summary>
internal sealed partial class AsmParser
{
    private void ParseGoto()
    {
        string kw = Next().Text;
        byte code = kw switch
        {
            "gotol" => Opcode.Jmp32 | Opcode.Ja,
            "may_goto" => Opcode.Jmp | Opcode.Jcond,
            _ => Opcode.Jmp | Opcode.Ja,
        };
        bool wideTarget = kw == "gotol";
        if (TryParseRelative(out long delta, out var at))
        {
            _b.Emit(wideTarget
                ? new Instruction(code, 0, 0, 0, CheckImm(delta, at))
                : new Instruction(code, 0, 0, CheckOff(delta, at), 0));
            return;
        }

        ParseLabelRef(wideTarget ? AsmFixupKind.Imm32 : AsmFixupKind.Off16);
        _b.Emit(new Instruction(code, 0, 0, 0, 0));
    }

    /// <summary><c>if r1 s&lt; 0x5 goto pc+2</c>, <c>if w1 &amp; w2 goto l0_%=</c>.</summary>
    private void ParseIf()
    {
        Next();
        int dst = ExpectReg(out bool wide);
        var opTok = Next();
        string op = opTok.Text;
        if (opTok.IsIdent("s") && Peek.Kind == AsmTokenKind.Punct)
            op = "s" + Next().Text;
        int jmpOp = Mnemonics.JmpOpOf(op);
        if (jmpOp < 0)
            throw Error($"comparison expected, got '{op}'", opTok);

        byte cls = wide ? Opcode.Jmp : Opcode.Jmp32;
        Instruction insn;
        if (IsReg(Peek, out _, out _))
        {
            int src = ExpectReg(wide);
            insn = new Instruction((byte)(cls | jmpOp | Opcode.X), dst, src, 0, 0);
        }
        else
        {
            insn = new Instruction((byte)(cls | jmpOp | Opcode.K), dst, 0, 0, ParseImm32());
        }

        if (!AcceptIdent("goto"))
            throw Error("'goto' expected", Peek);
        if (TryParseRelative(out long delta, out var at))
        {
            _b.Emit(insn with { Offset = CheckOff(delta, at) });
            return;
        }

        ParseLabelRef(AsmFixupKind.Off16);
        _b.Emit(insn);
    }

    /// <summary>
    /// <c>call bpf_map_lookup_elem#1</c> / <c>call kfunc#1234</c> (kernel log), <c>call pc+3</c>, <c>call 1</c>,
    /// <c>call bpf_map_lookup_elem</c>, <c>call %[bpf_map_lookup_elem]</c>, <c>call subprog</c> (label or relocation).
    /// </summary>
    private void ParseCall()
    {
        Next();
        byte code = Opcode.Jmp | Opcode.Call;
        if (TryParseRelative(out long delta, out var at))
        {
            _b.Emit(new Instruction(code, 0, Pseudo.Call, 0, CheckImm(delta, at)));
            return;
        }

        var t = Peek;
        if (t.Kind == AsmTokenKind.Number)
        {
            _b.Emit(new Instruction(code, 0, 0, 0, ParseImm32()));
            return;
        }

        string name;
        if (t.Kind == AsmTokenKind.Subst)
        {
            Next();
            if (_constants != null && _constants.TryGetValue(t.Text, out long id))
            {
                _b.Emit(new Instruction(code, 0, 0, 0, CheckImm(id, t)));
                return;
            }

            name = t.Text;
        }
        else
        {
            name = ParseCallName();
        }

        if (Accept("#"))
        {
            // Kernel log form: the number after '#' is the encoded imm; the name says which kind.
            int imm = ParseImm32();
            int src = HelperNames.TryGetId(name, out int hid) && hid == imm || name == "unknown" ? 0 : Pseudo.KfuncCall;
            if (src == Pseudo.KfuncCall && name != "kernel-function")
                _b.AddCallName(name);
            _b.Emit(new Instruction(code, 0, src, 0, imm));
            return;
        }

        if (_b.MayBeLabel(name))
        {
            _b.AddFixup(AsmFixupKind.Imm32, name, _line, t.Column);
            _b.Emit(new Instruction(code, 0, Pseudo.Call, 0, 0));
        }
        else if (HelperNames.TryGetId(name, out int helperId))
        {
            _b.Emit(new Instruction(code, 0, 0, 0, helperId));
        }
        else
        {
            _b.AddReloc(name, AsmRelocKind.Call);
            _b.Emit(new Instruction(code, 0, 0, 0, -1));
        }
    }

    /// <summary>A function name, allowing the kernel's <c>kernel-function</c> placeholder.</summary>
    private string ParseCallName()
    {
        var t = Next();
        if (t.Kind != AsmTokenKind.Ident)
            throw Error($"call target expected, got '{t.Text}'", t);
        if (!Peek.Is("-") || PeekAt(1).Kind != AsmTokenKind.Ident)
            return t.Text;
        var sb = new StringBuilder(t.Text);
        while (Peek.Is("-") && PeekAt(1).Kind == AsmTokenKind.Ident)
        {
            Next();
            sb.Append('-').Append(Next().Text);
        }

        return sb.ToString();
    }

    /// <summary><c>pc+3</c>, <c>pc-21</c>, <c>+3</c>, <c>-2</c>: an explicit offset from the next instruction.</summary>
    private bool TryParseRelative(out long delta, out AsmToken at)
    {
        at = Peek;
        delta = 0;
        int save = _p;
        AcceptIdent("pc");
        bool sawPc = save != _p;
        if (Peek.Is("+") || Peek.Is("-"))
        {
            bool neg = Next().Is("-");
            delta = ParseUnary();
            if (neg)
                delta = -delta;
            return true;
        }

        if (sawPc)
            throw Error("'+' or '-' expected after pc", Peek);
        return false;
    }

    /// <summary>A label name (<c>l0_%=</c>) or a numbered local reference (<c>1f</c>, <c>2b</c>).</summary>
    private void ParseLabelRef(AsmFixupKind kind)
    {
        var t = Next();
        bool local = t.Kind == AsmTokenKind.Number && t.Text.Length > 1 && t.Text[^1] is 'f' or 'b';
        if (t.Kind != AsmTokenKind.Ident && !local)
            throw Error($"jump target expected, got '{t.Text}'", t);
        _b.AddFixup(kind, t.Text, _line, t.Column);
    }

    private short CheckOff(long v, AsmToken at) =>
        v is < short.MinValue or > short.MaxValue ? throw Error("jump offset out of range", at) : (short)v;

    private int CheckImm(long v, AsmToken at) =>
        v is < int.MinValue or > uint.MaxValue ? throw Error("immediate does not fit in 32 bits", at) : unchecked((int)v);
}
