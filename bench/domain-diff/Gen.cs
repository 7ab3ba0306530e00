using Bpf.Isa;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Semantics.Scalar;

enum K { Call, MovR0, Ld64, MovImm, Alu, Neg, End, MovReg, Jmp, Spill, Fill }

record Op(K Kind, int Insn, int D, int S, byte Code, long Imm, ulong U64, bool Wide, int Bits);

class Prog
{
    public int Index;
    public List<string> Asm = new();
    public List<Op> Ops = new();
    public int Next;
}

static class Gen
{
    static readonly long[] Interesting = [0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 63, 64, 100, 127, 128, 255, 256, 0x7fff, 0x8000, 0xffff, 0x10000,
        0x7fffffff, -0x80000000L, -1, -2, -8, -128, -255, -256, -0x8000, 0x12345678, 0x3f00, 0xe00, 0xf00, 0x55555555];
    static readonly ulong[] Wide = [0x8000000000000000, 0x7fffffffffffffff, 0xffffffff, 0x100000000, 0xffffffff00000000, 0x1ffffffff,
        0xfffffffffffffff0, 0x8000000080000000, 0x00000000ffff0000, 0x123456789abcdef0, 0xffffffff80000000, 0x80000000];

    public static long Imm(Random r)
    {
        int k = r.Next(10);
        if (k < 6) return Interesting[r.Next(Interesting.Length)];
        if (k < 8) return r.Next(-300, 300);
        return r.Next(int.MinValue, int.MaxValue);
    }

    static readonly (byte op, string s)[] AluOps = [(Opcode.Add, "+="), (Opcode.Sub, "-="), (Opcode.Mul, "*="), (Opcode.And, "&="), (Opcode.Or, "|="),
        (Opcode.Xor, "^="), (Opcode.Lsh, "<<="), (Opcode.Rsh, ">>="), (Opcode.Arsh, "s>>="), (Opcode.Div, "/="), (Opcode.Mod, "%%=")];
    static readonly (byte op, string s)[] JmpOps = [(Opcode.Jeq, "=="), (Opcode.Jne, "!="), (Opcode.Jgt, ">"), (Opcode.Jge, ">="), (Opcode.Jlt, "<"),
        (Opcode.Jle, "<="), (Opcode.Jsgt, "s>"), (Opcode.Jsge, "s>="), (Opcode.Jslt, "s<"), (Opcode.Jsle, "s<="), (Opcode.Jset, "&")];

    static string R(int r, bool wide) => (wide ? "r" : "w") + r;

    static void Emit(Prog p, string asm, Op op, int slots = 1)
    {
        p.Asm.Add(asm);
        p.Ops.Add(op with { Insn = p.Next });
        p.Next += slots;
    }

    public static Prog Make(Random r, int index, int len, string focus)
    {
        var p = new Prog { Index = index };
        string exit = $"l_exit_{index}";
        for (int reg = 6; reg <= 9; reg++)
        {
            Emit(p, "call 7", new Op(K.Call, 0, 0, 0, 0, 0, 0, true, 0));
            Emit(p, $"r{reg} = r0", new Op(K.MovR0, 0, reg, 0, 0, 0, 0, true, 0));
        }
        for (int reg = 6; reg <= 9; reg++)
        {
            int shaping = r.Next(3);
            for (int i = 0; i < shaping; i++) Shape(p, r, reg, exit);
        }
        for (int i = 0; i < len; i++)
        {
            int d = r.Next(6, 10);
            int k = r.Next(100);
            if (focus == "jmp" && k < 60) k = 70 + r.Next(30);
            Deep = focus == "deep" || focus == "w32deep";
            Narrow = focus.StartsWith("w32");
            if (k < 40) Shape(p, r, d, exit);
            else if (k < 55)
            {
                // X-form ALU with another working reg or a constant temp
                var (op, s) = AluOps[r.Next(AluOps.Length - (r.Next(4) == 0 ? 0 : 2))];
                bool wide = Narrow ? r.Next(3) == 0 : r.Next(3) != 0;
                int src = SrcReg(p, r, d);
                Emit(p, $"{R(d, wide)} {s} {R(src, wide)}", new Op(K.Alu, 0, d, src, op, 0, 0, wide, 0));
            }
            else if (k < 60)
            {
                bool wide = r.Next(2) == 0;
                Emit(p, $"{R(d, wide)} = -{R(d, wide)}", new Op(K.Neg, 0, d, 0, Opcode.Neg, 0, 0, wide, 0));
            }
            else if (k < 65)
            {
                int bits = new[] { 16, 32, 64 }[r.Next(3)];
                int kind = r.Next(3);
                string name = kind == 0 ? "bswap" : kind == 1 ? "le" : "be";
                byte code = (byte)(Opcode.End | (kind == 0 ? Opcode.Alu64 : Opcode.Alu) | (kind == 2 ? Opcode.ToBe : Opcode.ToLe));
                Emit(p, $"r{d} = {name}{bits} r{d}", new Op(K.End, 0, d, 0, code, 0, 0, true, bits));
            }
            else if (k < 67 && focus != "nofill")
            {
                int s = r.Next(6, 10);
                if (s == d) continue;
                int size = new[] { 1, 2, 4 }[r.Next(3)];
                bool sx = r.Next(2) == 0;
                string ty = (sx ? "s" : "u") + (size * 8);
                Emit(p, $"*(u64 *)(r10 - 8) = r{s}", new Op(K.Spill, 0, s, 0, 0, 0, 0, true, 0));
                Emit(p, $"r{d} = *({ty} *)(r10 - 8)", new Op(K.Fill, 0, d, s, 0, sx ? 1 : 0, 0, true, size));
                Emit(p, $"r{s} *= 1", new Op(K.Alu, 0, s, -1, Opcode.Mul, 1, 0, true, 0));
                Emit(p, $"r{d} *= 1", new Op(K.Alu, 0, d, -1, Opcode.Mul, 1, 0, true, 0));
            }
            else if (k < 70)
            {
                int s = r.Next(6, 10);
                if (s == d) continue;
                int mode = r.Next(6);
                if (mode == 0) Emit(p, $"r{d} = r{s}", new Op(K.MovReg, 0, d, s, 0, 0, 0, true, 0));
                else if (mode == 1) Emit(p, $"w{d} = w{s}", new Op(K.MovReg, 0, d, s, 0, 0, 0, false, 0));
                else if (mode <= 3) { int b = new[] { 8, 16, 32 }[r.Next(3)]; Emit(p, $"r{d} = (s{b})r{s}", new Op(K.MovReg, 0, d, s, 0, 0, 0, true, b)); }
                else { int b = new[] { 8, 16 }[r.Next(2)]; Emit(p, $"w{d} = (s{b})w{s}", new Op(K.MovReg, 0, d, s, 0, 0, 0, false, b)); }
                // break the scalar id link between d and s
                Emit(p, $"r{s} *= 1", new Op(K.Alu, 0, s, -1, Opcode.Mul, 1, 0, true, 0));
                Emit(p, $"r{d} *= 1", new Op(K.Alu, 0, d, -1, Opcode.Mul, 1, 0, true, 0));
            }
            else
            {
                // X-form jump
                var (op, s) = JmpOps[r.Next(JmpOps.Length)];
                bool wide = Narrow ? r.Next(3) == 0 : r.Next(3) != 0;
                int src = r.Next(3) == 0 ? d : SrcReg(p, r, d);
                Emit(p, $"if {R(d, wide)} {s} {R(src, wide)} goto {exit}", new Op(K.Jmp, 0, d, src, op, 0, 0, wide, 0));
            }
        }
        p.Asm.Add($"{exit}: r0 = r6");
        p.Asm.Add("r0 += r7");
        p.Asm.Add("r0 += r8");
        p.Asm.Add("r0 += r9");
        p.Asm.Add("r0 = 0");
        p.Asm.Add("exit");
        return p;
    }

    static int SrcReg(Prog p, Random r, int d)
    {
        if (r.Next(2) == 0) return r.Next(6, 10);
        int t = r.Next(1, 6);
        if (r.Next(2) == 0)
        {
            ulong v = Wide[r.Next(Wide.Length)];
            Emit(p, $"r{t} = 0x{v:x} ll", new Op(K.Ld64, 0, t, 0, 0, 0, v, true, 0), 2);
        }
        else
        {
            long imm = Imm(r);
            bool wide = r.Next(2) == 0;
            Emit(p, $"{R(t, wide)} = {imm}", new Op(K.MovImm, 0, t, 0, 0, imm, 0, wide, 0));
        }
        return t;
    }

    static ulong Near(Prog p, Random r, int d)
    {
        var sim = new Sim();
        foreach (var _ in sim.Run(p)) { }
        var b = sim.Regs[d];
        ulong[] c = [b.UMin, b.UMax, (ulong)b.SMin, (ulong)b.SMax, b.U32Min, b.U32Max, (ulong)(long)b.S32Min, (ulong)(long)b.S32Max,
            b.VarOff.Value, b.VarOff.Value | b.VarOff.Mask, (b.UMin & 0xffffffff00000000) | b.U32Max];
        return c[r.Next(c.Length)] + (ulong)(long)r.Next(-2, 3);
    }

    public static bool Deep;
    public static bool Narrow;

    static void Shape(Prog p, Random r, int d, string exit)
    {
        if (Deep && r.Next(2) == 0)
        {
            var (op, s) = JmpOps[r.Next(JmpOps.Length)];
            bool wide = Narrow ? r.Next(3) == 0 : r.Next(3) != 0;
            ulong nv = Near(p, r, d);
            if (wide && (long)nv != (int)(long)nv)
            {
                int t = r.Next(1, 6);
                Emit(p, $"r{t} = 0x{nv:x} ll", new Op(K.Ld64, 0, t, 0, 0, 0, nv, true, 0), 2);
                Emit(p, $"if {R(d, wide)} {s} {R(t, wide)} goto {exit}", new Op(K.Jmp, 0, d, t, op, 0, 0, wide, 0));
            }
            else
            {
                long imm = wide ? (long)nv : (int)(uint)nv;
                Emit(p, $"if {R(d, wide)} {s} {imm} goto {exit}", new Op(K.Jmp, 0, d, -1, op, imm, 0, wide, 0));
            }
            return;
        }
        if (r.Next(3) == 0)
        {
            var (op, s) = JmpOps[r.Next(JmpOps.Length)];
            bool wide = Narrow ? r.Next(3) == 0 : r.Next(3) != 0;
            long imm = Imm(r);
            Emit(p, $"if {R(d, wide)} {s} {imm} goto {exit}", new Op(K.Jmp, 0, d, -1, op, imm, 0, wide, 0));
            return;
        }
        var (aop, astr) = AluOps[r.Next(AluOps.Length - (r.Next(4) == 0 ? 0 : 2))];
        bool w = Narrow ? r.Next(3) == 0 : r.Next(3) != 0;
        long v = Imm(r);
        if (aop is Opcode.Lsh or Opcode.Rsh or Opcode.Arsh) v = r.Next(w ? 64 : 32);
        if (aop is Opcode.Div or Opcode.Mod && v == 0) v = 3;
        Emit(p, $"{R(d, w)} {astr} {v}", new Op(K.Alu, 0, d, -1, aop, v, 0, w, 0));
    }
}

class Sim
{
    public ScalarBounds[] Regs = new ScalarBounds[11];
    public bool Ended;
    public bool Forked;
    public string? Violation;

    public IEnumerable<(int, string[]?, string[]?)> Run(Prog p)
    {
        foreach (var op in p.Ops)
        {
            string[]? taken = null;
            switch (op.Kind)
            {
                case K.Call:
                    Regs[0] = ScalarBounds.Unknown;
                    break;
                case K.MovR0:
                    Regs[op.D] = Regs[0];
                    break;
                case K.Ld64:
                    Regs[op.D] = ScalarBounds.Const(op.U64);
                    break;
                case K.MovImm:
                    Regs[op.D] = ScalarBounds.Const(op.Wide ? (ulong)op.Imm : (uint)op.Imm);
                    break;
                case K.Alu:
                {
                    ScalarBounds src = op.S >= 0 ? Regs[op.S] : ScalarBounds.Const((ulong)op.Imm);
                    if (ScalarAlu.ForkOnAndOr(Regs[op.D], src, op.Code, out _)) { Ended = true; Forked = true; yield break; }
                    ScalarAlu.Apply(ref Regs[op.D], src, op.Code, op.Wide);
                    break;
                }
                case K.Neg:
                    ScalarAlu.Neg(ref Regs[op.D], op.Wide);
                    break;
                case K.End:
                    ScalarAlu.ByteSwap(ref Regs[op.D], op.Code, op.Bits);
                    break;
                case K.Spill:
                    break;
                case K.Fill:
                    Regs[op.D] = Regs[op.S];
                    if (op.Imm != 0) Regs[op.D].CoerceToSizeSx(op.Bits); else Regs[op.D].CoerceToSize(op.Bits);
                    Check(ref Regs[op.D], "ldx");
                    break;
                case K.MovReg:
                    Regs[op.D] = Regs[op.S];
                    if (op.Bits != 0) ScalarAlu.MovSx(ref Regs[op.D], op.Bits, op.Wide);
                    else if (!op.Wide) ScalarAlu.Mov32(ref Regs[op.D]);
                    break;
                case K.Jmp:
                {
                    bool is32 = !op.Wide;
                    ScalarBounds src = op.S >= 0 ? Regs[op.S] : ScalarBounds.Const((ulong)op.Imm);
                    int pred = ScalarBranch.IsTaken(Regs[op.D], src, op.Code, is32);
                    if (pred == 1) { Ended = true; yield return (op.Insn, Fmt(), null); yield break; }
                    if (pred == 0) break;
                    var tregs = (ScalarBounds[])Regs.Clone();
                    ScalarBounds tsrc = src, fsrc = src;
                    byte neg = ScalarBranch.Negate(op.Code);
                    if (op.S == op.D)
                    {
                        ScalarBranch.Refine(ref Regs[op.D], ref Regs[op.D], neg, is32);
                        Regs[op.D].Sync(); Regs[op.D].Sync();
                        ScalarBranch.Refine(ref tregs[op.D], ref tregs[op.D], op.Code, is32);
                        tregs[op.D].Sync(); tregs[op.D].Sync();
                    }
                    else if (op.S >= 0)
                    {
                        ScalarBranch.RefineAndSync(ref Regs[op.D], ref Regs[op.S], neg, is32);
                        ScalarBranch.RefineAndSync(ref tregs[op.D], ref tregs[op.S], op.Code, is32);
                    }
                    else
                    {
                        ScalarBranch.RefineAndSync(ref Regs[op.D], ref fsrc, neg, is32);
                        ScalarBranch.RefineAndSync(ref tregs[op.D], ref tsrc, op.Code, is32);
                    }
                    // reg_set_min_max order: true_reg1, true_reg2, false_reg1, false_reg2
                    ScalarBounds dummy;
                    Check(ref tregs[op.D], "true_reg1");
                    if (op.S >= 0) Check(ref tregs[op.S], "true_reg2"); else Check(ref tsrc, "true_reg2");
                    Check(ref Regs[op.D], "false_reg1");
                    if (op.S >= 0) Check(ref Regs[op.S], "false_reg2"); else Check(ref fsrc, "false_reg2");
                    taken = new string[10];
                    for (int i = 6; i <= 9; i++) taken[i] = ScalarLog.Format(tregs[i]);
                    break;
                }
            }
            if (op.Kind is K.Alu or K.Neg or K.End or K.MovReg or K.MovImm or K.MovR0)
                Check(ref Regs[op.D], "alu");
            if (Environment.GetEnvironmentVariable("DEBUGP") == p.Index.ToString())
                Console.WriteLine($"  [{op.Insn}] {op.Kind} {op.Code:x2} d={op.D} s={op.S} imm={op.Imm}: " + string.Join(" ", Fmt().Skip(6).Select((x, i) => $"R{i + 6}={x}")));
            yield return (op.Insn, Fmt(), taken);
        }
    }

    public List<string> Msgs = new();
    void Check(ref ScalarBounds b, string ctx)
    {
        var m = b.SanityCheck(ctx);
        if (m != null) Msgs.Add(m);
    }

    string[] Fmt()
    {
        var a = new string[10];
        for (int i = 6; i <= 9; i++) a[i] = ScalarLog.Format(Regs[i]);
        return a;
    }
}
