using Bpf.Isa;

namespace Bpf.Verifier.Passes;

/// <summary>
/// A forward must-analysis for the stack liveness pass: before each instruction, which registers surely hold
/// "fp + K" of the current frame, which surely do not point into it, and which may. Values loaded from memory
/// other than the current stack, constants, map pointers, helper results and function arguments never point
/// into the current frame (the verifier forbids returning or storing pointers into a callee's frame).
/// </summary>
internal static class StackPointerFacts
{
    /// <summary>Not a pointer into the current frame.</summary>
    public const long NotStack = long.MaxValue;
    /// <summary>May point anywhere into the current frame.</summary>
    public const long Unknown = long.MinValue;

    /// <summary>Per instruction, the facts of R0-R10 before it (a value v other than the markers means fp + v).</summary>
    public static long[][] Run(Instruction[] insns, IEnumerable<int> entries)
    {
        int n = insns.Length;
        var facts = new long[n][];
        var work = new Stack<int>();
        foreach (int e in entries)
        {
            if ((uint)e >= (uint)n)
                continue;
            var st = new long[11];
            Array.Fill(st, NotStack);
            st[10] = 0;
            Merge(facts, e, st, work);
        }
        Span<int> succ = stackalloc int[2];
        var next = new long[11];
        while (work.Count > 0)
        {
            int i = work.Pop();
            Array.Copy(facts[i], next, 11);
            Transfer(insns[i], next);
            int cnt = BackwardDataflow.Successors(insns, i, succ);
            for (int s = 0; s < cnt; s++)
            {
                if ((uint)succ[s] < (uint)n)
                    Merge(facts, succ[s], next, work);
            }
        }
        return facts;
    }

    private static void Merge(long[][] facts, int at, long[] st, Stack<int> work)
    {
        var cur = facts[at];
        if (cur == null)
        {
            facts[at] = (long[])st.Clone();
            work.Push(at);
            return;
        }
        bool changed = false;
        for (int r = 0; r < 11; r++)
        {
            if (cur[r] != st[r] && cur[r] != Unknown)
            {
                cur[r] = Unknown;
                changed = true;
            }
        }
        if (changed)
            work.Push(at);
    }

    private static void Transfer(Instruction insn, long[] st)
    {
        byte cls = insn.Class;
        int d = insn.Dst, s = insn.Src;
        switch (cls)
        {
            case Opcode.Alu:
            case Opcode.Alu64:
                {
                    byte op = Opcode.Op(insn.Code);
                    bool x = Opcode.Src(insn.Code) == Opcode.X;
                    if (d > 10 || (x && s > 10))
                        return;
                    if (op == Opcode.Mov)
                    {
                        st[d] = x && cls == Opcode.Alu64 && insn.Offset == 0 ? st[s] : (x && st[s] != NotStack ? Unknown : NotStack);
                        return;
                    }
                    long a = st[d], b = x ? st[s] : NotStack;
                    if (a == NotStack && b == NotStack)
                        return;
                    if (cls == Opcode.Alu64 && !x && a is not (Unknown or NotStack) && (op == Opcode.Add || op == Opcode.Sub))
                    {
                        st[d] = op == Opcode.Add ? a + insn.Imm : a - insn.Imm;
                        return;
                    }
                    st[d] = Unknown;
                    return;
                }
            case Opcode.Ldx:
                if (d <= 10)
                    st[d] = s <= 10 && st[s] == NotStack ? NotStack : Unknown;
                return;
            case Opcode.Stx:
                if (Opcode.Mode(insn.Code) == Opcode.Atomic && ((insn.Imm & AtomicOp.Fetch) != 0 || insn.Imm == AtomicOp.LoadAcq))
                {
                    bool acq = insn.Imm == AtomicOp.LoadAcq;
                    int r = insn.Imm == AtomicOp.Cmpxchg ? 0 : acq ? d : s;
                    int addr = acq ? s : d;
                    if (r <= 10)
                        st[r] = addr <= 10 && st[addr] == NotStack ? NotStack : Unknown;
                }
                return;
            case Opcode.Ld:
                if (insn.IsLdImm64)
                {
                    if (d <= 10)
                        st[d] = NotStack;
                }
                else
                {
                    for (int r = 0; r <= 5; r++)
                        st[r] = NotStack;
                }
                return;
            case Opcode.Jmp:
            case Opcode.Jmp32:
                if (Opcode.Op(insn.Code) == Opcode.Call)
                {
                    // Helpers and callees return no pointer into this frame; R1-R5 are scratched.
                    for (int r = 0; r <= 5; r++)
                        st[r] = NotStack;
                }
                return;
        }
    }
}
