using Bpf.Btf;

namespace Bpf.Verifier.Passes;

/// <summary>
/// find_exception_callback_insn_off: the main program's "exception_callback:NAME" decl tag names a global function,
/// which becomes a subprogram of its own (verified later as a separate entry, presumed called).
/// </summary>
internal static class ExceptionCallback
{
    private const string Prefix = "exception_callback:";

    /// <summary>The callback's first instruction, or -1 when the main program names none.</summary>
    public static int FindStart(PassContext ctx)
    {
        var btf = ctx.Obj.Btf;
        if (btf == null || ctx.Prog.FuncInfos.Count == 0)
            return -1;
        uint main = ctx.Prog.FuncInfos[0].TypeId;
        string? name = null;
        for (uint id = 1; id < (uint)btf.TypeCount; id++)
        {
            if (btf.Kind(id) != BtfKind.DeclTag || btf.RefType(id) != main || btf.DeclTagComponentIdx(id) != -1)
                continue;
            string tag = btf.Name(id);
            if (!tag.StartsWith(Prefix, StringComparison.Ordinal))
                continue;
            if (name != null)
                ctx.Fail("multiple exception callback tags for main subprog");
            name = tag[Prefix.Length..];
        }
        if (name == null)
            return -1;
        uint func = btf.FindByName(name, BtfKind.Func);
        if (func == 0)
            ctx.Fail($"exception callback '{name}' could not be found in BTF");
        if (btf.FuncLinkage(func) != BtfLinkage.Global)
            ctx.Fail($"exception callback '{name}' must have global linkage");
        int start = 0;
        foreach (var fi in ctx.Prog.FuncInfos)
        {
            if (fi.TypeId != func)
                continue;
            start = fi.InsnIndex;
            if (start == 0)
                ctx.Fail("invalid exception callback insn_off in func_info: 0");
        }
        if (start == 0)
            ctx.Fail("exception callback type id not found in func_info");
        return start;
    }
}
