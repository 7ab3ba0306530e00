namespace Bpf.Verifier.Passes;

/// <summary>
/// check_btf_func's rule for subprograms (and check_abnormal_return without func_info): LD_ABS and bpf_tail_call
/// leave the subprogram through the program's exit path, with an int in R0, so only a subprogram whose BTF
/// prototype returns an integer or enum may contain them. Checked before exploring, per subprogram, in order.
/// </summary>
internal static class CheckBtfFunc
{
    public static void Run(PassContext ctx)
    {
        bool withBtf = ctx.Prog.FuncInfos.Count > 0 && ctx.Obj.Btf != null;
        for (int s = 1; s < ctx.Subprogs.Count; s++)
        {
            bool ldAbs = ctx.Subprogs[s].HasLdAbs;
            if (!ldAbs && !ctx.Subprogs[s].HasTailCall)
                continue;
            if (!withBtf)
                ctx.Fail(ldAbs ? "LD_ABS is not allowed in subprogs without BTF" : "tail_call is not allowed in subprogs without BTF");
            else if (!ReturnsScalar(ctx, ctx.Subprogs[s].Start))
                ctx.Fail($"{(ldAbs ? "LD_ABS" : "tail_call")} is only allowed in functions that return 'int'.");
        }
    }

    private static bool ReturnsScalar(PassContext ctx, int start)
    {
        var btf = ctx.Obj.Btf!;
        foreach (var fi in ctx.Prog.FuncInfos)
        {
            if (fi.InsnIndex != start || !btf.IsValidId(fi.TypeId))
                continue;
            uint ret = btf.SkipModsAndTypedefs(btf.RefType(btf.RefType(fi.TypeId)));
            var kind = btf.Kind(ret);
            return (kind == Bpf.Btf.BtfKind.Int && btf.SizeOf(ret) <= 8) || kind is Bpf.Btf.BtfKind.Enum or Bpf.Btf.BtfKind.Enum64;
        }
        return true;
    }
}
