using Bpf.Btf;
using Bpf.Verifier.Platform;
using Bpf.Verifier.Semantics;

namespace Bpf.Verifier.Passes;

/// <summary>
/// Global function arguments from <see cref="PrepareFuncArgs"/>, for the kinds bpfv models: integers/enums (any scalar)
/// and a pointer to the program type's context struct. Everything else marks the function unsupported.
/// </summary>
internal static class GlobalFuncArgs
{
    /// <summary>
    /// The main program's prototype is read the same way; a failure is not fatal there, but the kernel logs why
    /// before the first instruction.
    /// </summary>
    public static void LogMainPrototype(PassContext ctx)
    {
        var btf = ctx.Obj.Btf;
        uint funcId = FuncIdAt(ctx, 0);
        if (btf == null || funcId == 0 || !ctx.Log.Enabled)
            return;
        var r = PrepareFuncArgs.Run(btf, funcId, ctx.Prog.Type);
        if (r.LogLine != null)
            ctx.Log.WriteLine(r.LogLine);
    }

    private static uint FuncIdAt(PassContext ctx, int start)
    {
        foreach (var fi in ctx.Prog.FuncInfos)
        {
            if (fi.InsnIndex == start)
                return fi.TypeId;
        }
        return 0;
    }

    public static void Prepare(PassContext ctx, SubprogInfo sp)
    {
        var btf = ctx.Obj.Btf;
        uint funcId = FuncIdAt(ctx, sp.Start);
        if (btf == null || funcId == 0)
        {
            sp.GlobalUnsupported = "global function without BTF";
            return;
        }
        var r = PrepareFuncArgs.Run(btf, funcId, ctx.Prog.Type);
        if (r.Failed || r.Args == null)
        {
            sp.GlobalUnsupported = r.LogLine != null ? $"global function prototype: {r.LogLine}" : "global function prototype";
            return;
        }
        var args = new bool[r.Args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            if (r.Args[i] is not (FuncArgKind.Scalar or FuncArgKind.Ctx))
            {
                sp.GlobalUnsupported = $"global function argument #{i} of kind {r.Args[i]}";
                return;
            }
            args[i] = r.Args[i] == FuncArgKind.Ctx;
        }
        sp.GlobalArgIsCtx = args;
    }
}
