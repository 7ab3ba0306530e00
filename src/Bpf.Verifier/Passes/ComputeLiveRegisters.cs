using System.Text;
using Bpf.Isa;
using Bpf.Verifier.Platform;
using Bpf.Verifier.Platform.Kfuncs;
using Bpf.Verifier.Platform.Helpers;

namespace Bpf.Verifier.Passes;

/// <summary>
/// compute_live_registers (6.18): a backward may-live analysis of R0-R9 per instruction, used to ignore dead
/// registers when comparing states, and printed at log level 2 together with the loop (SCC) numbers.
/// </summary>
internal static class ComputeLiveRegisters
{
    private const uint CallerSaved = 0x3f; // R0-R5
    private const uint All = 0x7ff;

    public static void Run(PassContext ctx)
    {
        var insns = ctx.Insns;
        int n = insns.Length;
        var use = new ulong[n];
        var def = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            UseDef(insns[i], ctx.Prog, out uint u, out uint d);
            use[i] = u;
            def[i] = d;
        }
        var live = BackwardDataflow.SolveLiveBefore(insns, use, def);
        for (int i = 0; i < n; i++)
            ctx.Aux[i].LiveRegsBefore = (ushort)(live[i] & 0x3ff);
        ComputeScc(ctx);
        if (ctx.Log.Level2)
            Print(ctx);
    }

    private static void Print(PassContext ctx)
    {
        var sb = ctx.Log.Builder;
        sb.Append("Live regs before insn:\n");
        var insns = ctx.Insns;
        var symbols = new Semantics.DisasmSymbols(ctx.Prog.Kfuncs, [.. ctx.Obj.Maps]);
        for (int i = 0; i < insns.Length; i++)
        {
            int scc = ctx.Aux[i].Scc;
            if (scc != 0)
                sb.Append(scc.ToString().PadLeft(3)).Append(' ');
            else
                sb.Append("    ");
            sb.Append(i.ToString().PadLeft(3)).Append(": ");
            for (int r = 0; r < 10; r++)
                sb.Append((ctx.Aux[i].LiveRegsBefore & (1 << r)) != 0 ? (char)('0' + r) : '.');
            sb.Append(' ');
            Disassembler.Append(sb, insns, i, symbols);
            sb.Append('\n');
            if (insns[i].IsLdImm64)
                i++;
        }
    }

    /// <summary>compute_insn_live_regs, with whole registers (the 32-bit halves do not change live_regs_before).</summary>
    private static void UseDef(Instruction insn, Bpf.Object.ProgramSpec prog, out uint use, out uint def)
    {
        uint src = 1u << insn.Src, dst = 1u << insn.Dst;
        def = 0;
        use = All;
        byte mode = Opcode.Mode(insn.Code);
        switch (insn.Class)
        {
            case Opcode.Ld:
                if (mode == Opcode.Imm && Opcode.Size(insn.Code) == Opcode.DW)
                {
                    def = dst;
                    use = 0;
                }
                break;
            case Opcode.Ldx:
                if (mode is Opcode.Mem or Opcode.MemSx)
                {
                    def = dst;
                    use = src;
                }
                break;
            case Opcode.St:
                if (mode == Opcode.Mem)
                    use = dst;
                break;
            case Opcode.Stx:
                if (mode == Opcode.Mem)
                {
                    use = dst | src;
                }
                else if (mode == Opcode.Atomic)
                {
                    switch (insn.Imm)
                    {
                        case AtomicOp.Cmpxchg:
                            use = 1u | dst | src;
                            def = 1u;
                            break;
                        case AtomicOp.LoadAcq:
                            def = dst;
                            use = src;
                            break;
                        case AtomicOp.StoreRel:
                            use = dst | src;
                            break;
                        default:
                            use = dst | src;
                            def = (insn.Imm & AtomicOp.Fetch) != 0 ? src : 0;
                            break;
                    }
                }
                break;
            case Opcode.Alu:
            case Opcode.Alu64:
                {
                    byte op = Opcode.Op(insn.Code);
                    def = dst;
                    bool k = Opcode.Src(insn.Code) == Opcode.K;
                    if (op == Opcode.End)
                        use = dst;
                    else if (op == Opcode.Mov)
                        use = k ? 0 : src;
                    else
                        use = k ? dst : dst | src;
                    break;
                }
            case Opcode.Jmp:
            case Opcode.Jmp32:
                {
                    byte op = Opcode.Op(insn.Code);
                    switch (op)
                    {
                        case Opcode.Ja:
                            use = Opcode.Src(insn.Code) == Opcode.X ? dst : 0;
                            break;
                        case Opcode.Jcond:
                            use = 0;
                            break;
                        case Opcode.Exit:
                            use = 1;
                            break;
                        case Opcode.Call:
                            def = CallerSaved;
                            use = CallerSaved & ~1u;
                            // get_call_summary fails for a helper or kfunc this program type may not call: R1-R5 stay used.
                            if (!CallSummaryKnown(insn, prog))
                                break;
                            if (insn.IsHelperCall && (HelperTable.Find(insn.Imm, prog.Type) ?? HelperTable.Find(insn.Imm)) is { } p)
                                use = ((1u << (Math.Min(p.Args.Length, 5) + 1)) - 1) & ~1u;
                            else if (insn.IsHelperCall && CallbackHelpers.Find(insn.Imm) is { } cb)
                                use = ((1u << (Math.Min(cb.Args.Length, 5) + 1)) - 1) & ~1u;
                            // A kfunc reads only its own arguments.
                            if (insn.IsKfuncCall && KfuncTable.ParamCount(insn.Imm) is int kn and >= 0)
                                use = ((1u << (Math.Min(kn, 5) + 1)) - 1) & ~1u;
                            break;
                        default:
                            use = dst;
                            if (Opcode.Src(insn.Code) == Opcode.X)
                                use |= src;
                            break;
                    }
                    break;
                }
        }
    }

    /// <summary>
    /// False when the kernel's get_call_summary fails: a helper the type's get_func_proto refuses, or a kfunc outside
    /// the type's kfunc sets (fetch_kfunc_meta); the call is rejected if reached, but the liveness before it differs.
    /// </summary>
    private static bool CallSummaryKnown(Instruction insn, Bpf.Object.ProgramSpec prog)
    {
        if (insn.IsHelperCall)
            return HelperAvailability.Check(prog, insn.Imm) != HelperAccess.Refused;
        if (!insn.IsKfuncCall || insn.Offset != 0)
            return true;
        var btf = KernelTypes.Btf;
        uint id = (uint)insn.Imm;
        if (!btf.IsValidId(id) || btf.Kind(id) != Bpf.Btf.BtfKind.Func)
            return true;
        var info = KfuncTable.Find(btf.Name(id));
        return info == null || KfuncTable.IsAllowed(info.Set, prog) != false;
    }

    /// <summary>Tarjan's SCCs over the CFG; only loops (more than one insn, or a self-loop) get a number, in completion order.</summary>
    private static void ComputeScc(PassContext ctx)
    {
        var insns = ctx.Insns;
        int n = insns.Length;
        var index = new int[n];
        var low = new int[n];
        var onStack = new bool[n];
        for (int i = 0; i < n; i++)
            index[i] = -1;
        // Tarjan's stack as an array: a finished SCC is the top of it, read in place (no list per component).
        var stack = new int[n];
        int top = 0;
        var work = new Stack<(int Node, int Edge)>();
        var succ = new int[2];
        int counter = 0, sccNo = 0;
        for (int root = 0; root < n; root++)
        {
            if (index[root] >= 0)
                continue;
            work.Push((root, 0));
            while (work.Count > 0)
            {
                var (v, e) = work.Pop();
                if (e == 0)
                {
                    index[v] = low[v] = counter++;
                    stack[top++] = v;
                    onStack[v] = true;
                }
                int cnt = BackwardDataflow.Successors(insns, v, succ);
                bool descended = false;
                for (int k = e; k < cnt; k++)
                {
                    int w = succ[k];
                    if ((uint)w >= (uint)n)
                        continue;
                    if (index[w] < 0)
                    {
                        work.Push((v, k + 1));
                        work.Push((w, 0));
                        descended = true;
                        break;
                    }
                    if (onStack[w])
                        low[v] = Math.Min(low[v], index[w]);
                }
                if (descended)
                    continue;
                if (low[v] == index[v])
                {
                    int first = top - 1;
                    while (stack[first] != v)
                        first--;
                    bool loop = top - first > 1;
                    if (!loop)
                    {
                        int c = BackwardDataflow.Successors(insns, v, succ);
                        for (int k = 0; k < c; k++)
                            loop |= succ[k] == v;
                    }
                    if (loop)
                        sccNo++;
                    for (int m = first; m < top; m++)
                    {
                        onStack[stack[m]] = false;
                        if (loop)
                            ctx.Aux[stack[m]].Scc = sccNo;
                    }
                    top = first;
                }
                if (work.Count > 0)
                {
                    var (parent, pe) = work.Peek();
                    _ = pe;
                    low[parent] = Math.Min(low[parent], low[v]);
                }
            }
        }
    }
}
