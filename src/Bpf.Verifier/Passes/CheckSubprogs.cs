using Bpf.Isa;
using Bpf.Verifier.Log;
using Bpf.Verifier.Semantics;

namespace Bpf.Verifier.Passes;

/// <summary>add_subprog_and_kfunc + check_subprogs: function boundaries and jumps that stay inside them.</summary>
internal static class CheckSubprogs
{
    private const int TailCallHelper = 12;

    /// <summary>A function is global when its BTF FUNC (from func_info) has global linkage.</summary>
    private static bool IsGlobalFunc(PassContext ctx, int start)
    {
        var btf = ctx.Obj.Btf;
        if (btf == null)
            return false;
        foreach (var fi in ctx.Prog.FuncInfos)
        {
            if (fi.InsnIndex == start && btf.IsValidId(fi.TypeId) && btf.Kind(fi.TypeId) == Bpf.Btf.BtfKind.Func)
                return btf.FuncLinkage(fi.TypeId) == Bpf.Btf.BtfLinkage.Global;
        }
        return false;
    }

    /// <summary>
    /// The kernel names a function by its BTF FUNC (subprog_name): clang's specialized clones
    /// (`f.specialized.1`) keep the original name there.
    /// </summary>
    private static string? BtfFuncName(PassContext ctx, int start)
    {
        var btf = ctx.Obj.Btf;
        if (btf == null)
            return null;
        foreach (var fi in ctx.Prog.FuncInfos)
        {
            if (fi.InsnIndex == start && btf.IsValidId(fi.TypeId) && btf.Kind(fi.TypeId) == Bpf.Btf.BtfKind.Func)
                return btf.Name(fi.TypeId);
        }
        return null;
    }

    public static void Run(PassContext ctx)
    {
        var insns = ctx.Insns;
        var starts = new SortedSet<int> { 0 };
        int exceptionCb = ExceptionCallback.FindStart(ctx);
        if (exceptionCb > 0)
            starts.Add(exceptionCb);
        for (int i = 0; i < insns.Length; i++)
        {
            var insn = insns[i];
            bool pseudoFunc = insn.IsLdImm64 && insn.Src == Pseudo.Func;
            if (insn.IsPseudoCall || pseudoFunc)
            {
                long target = (long)i + insn.Imm + 1;
                if (target < 0 || target >= insns.Length)
                    ctx.Fail("call to invalid destination");
                starts.Add((int)target);
            }
            else if (insn.IsKfuncCall && ctx.Prog.Kfuncs.TryGetValue(i, out var k)
                && Platform.Kfuncs.KfuncTable.Find(k.Name) is { } kf && (kf.Flags & Platform.Kfuncs.KfuncFlags.DevBound) != 0)
            {
                // add_kfunc_call, in the same walk as add_subprog.
                ctx.Fail(KfuncMessages.DevBoundRequired, -22);
            }
            if (insn.IsLdImm64)
                i++;
        }
        foreach (var s in starts)
        {
            var sp = new SubprogInfo { Start = s, IsGlobal = s != 0 && IsGlobalFunc(ctx, s), IsExceptionCb = s == exceptionCb };
            sp.Name = BtfFuncName(ctx, s) ?? (ctx.Prog.FunctionNames.TryGetValue(s, out var fn) ? fn : "");
            if (sp.IsGlobal)
                GlobalFuncArgs.Prepare(ctx, sp);
            ctx.Subprogs.Add(sp);
        }
        for (int k = 0; k < ctx.Subprogs.Count; k++)
            ctx.Subprogs[k].End = k + 1 < ctx.Subprogs.Count ? ctx.Subprogs[k + 1].Start : insns.Length;
        if (ctx.Log.Level2)
        {
            for (int k = 0; k < ctx.Subprogs.Count; k++)
                ctx.Log.WriteLine($"func#{k} @{ctx.Subprogs[k].Start}");
        }

        int cur = 0;
        int start = ctx.Subprogs[0].Start, end = ctx.Subprogs[0].End;
        for (int i = 0; i < insns.Length; i++)
        {
            var insn = insns[i];
            ctx.Aux[i].Subprog = cur;
            byte code = insn.Code;
            byte cls = insn.Class;
            if (insn.IsHelperCall && insn.Imm == TailCallHelper)
                ctx.Subprogs[cur].HasTailCall = true;
            else if (cls == Opcode.Ld && Opcode.Mode(code) is Opcode.Abs or Opcode.Ind)
                ctx.Subprogs[cur].HasLdAbs = true;
            if (cls is Opcode.Jmp or Opcode.Jmp32)
            {
                byte op = Opcode.Op(code);
                if (op != Opcode.Call && op != Opcode.Exit)
                {
                    long off = code == (Opcode.Jmp32 | Opcode.Ja) ? (long)i + insn.Imm + 1 : (long)i + insn.Offset + 1;
                    if (off < start || off >= end)
                        ctx.Fail(Messages.JumpOutOfRange(i, (int)off));
                }
            }
            if (i == end - 1)
            {
                if (code != (Opcode.Jmp | Opcode.Exit) && code != (Opcode.Jmp32 | Opcode.Ja) && code != (Opcode.Jmp | Opcode.Ja))
                    ctx.Fail(Messages.LastInsnNotExit);
                cur++;
                if (cur < ctx.Subprogs.Count)
                {
                    start = ctx.Subprogs[cur].Start;
                    end = ctx.Subprogs[cur].End;
                }
            }
        }
    }
}
