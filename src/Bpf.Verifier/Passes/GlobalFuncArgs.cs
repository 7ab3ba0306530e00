using Bpf.Btf;
using Bpf.Verifier.Platform;
using Bpf.Verifier.Semantics;

namespace Bpf.Verifier.Passes;

/// <summary>
/// btf_prepare_func_args for global functions, for the argument kinds bpfv models: integers/enums (any scalar)
/// and a pointer to the program type's context struct. Everything else marks the function unsupported.
/// </summary>
internal static class GlobalFuncArgs
{
    public static void Prepare(PassContext ctx, SubprogInfo sp)
    {
        var btf = ctx.Obj.Btf;
        uint funcId = 0;
        foreach (var fi in ctx.Prog.FuncInfos)
        {
            if (fi.InsnIndex == sp.Start)
                funcId = fi.TypeId;
        }
        if (btf == null || funcId == 0)
        {
            sp.GlobalUnsupported = "global function without BTF";
            return;
        }
        uint proto = btf.RefType(funcId);
        if (btf.Kind(proto) != BtfKind.FuncProto)
        {
            sp.GlobalUnsupported = "global function prototype";
            return;
        }
        uint ret = btf.SkipModsAndTypedefs(btf.RefType(proto));
        if (btf.Kind(ret) is not (BtfKind.Int or BtfKind.Enum or BtfKind.Enum64))
        {
            sp.GlobalUnsupported = "global function not returning a scalar";
            return;
        }
        int n = btf.Vlen(proto);
        if (n > 5)
        {
            sp.GlobalUnsupported = "global function with more than 5 arguments";
            return;
        }
        string? ctxName = ProgramTypes.Find(ctx.Prog)?.Context?.Name;
        var args = new bool[n];
        for (int i = 0; i < n; i++)
        {
            uint t = btf.SkipModsAndTypedefs(btf.Param(proto, i).TypeId);
            var kind = btf.Kind(t);
            if (kind is BtfKind.Int or BtfKind.Enum or BtfKind.Enum64)
                continue;
            if (kind == BtfKind.Ptr)
            {
                uint target = btf.SkipModsAndTypedefs(btf.RefType(t));
                if (ctxName != null && btf.Kind(target) == BtfKind.Struct && btf.Name(target) == ctxName)
                {
                    args[i] = true;
                    continue;
                }
            }
            sp.GlobalUnsupported = $"global function argument #{i} of kind {kind}";
            return;
        }
        sp.GlobalArgIsCtx = args;
    }
}
