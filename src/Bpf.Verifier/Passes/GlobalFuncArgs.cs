using Bpf.Btf;
using Bpf.Verifier.Platform;
using Bpf.Verifier.Semantics;

namespace Bpf.Verifier.Passes;

/// <summary>
/// Global function arguments from <see cref="PrepareFuncArgs"/>, for the kinds bpfv models: integers/enums (any scalar),
/// the context, sized memory, trusted kernel pointers and arena pointers. Everything else marks the function unsupported.
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
            sp.GlobalProtoError = r.LogLine;
            sp.GlobalUnsupported = r.LogLine != null ? $"global function prototype: {r.LogLine}" : "global function prototype";
            return;
        }
        var infos = r.Infos!;
        var args = new GlobalArg[infos.Length];
        for (int i = 0; i < args.Length; i++)
        {
            var info = infos[i];
            uint kernId = 0;
            switch (info.Kind)
            {
                case FuncArgKind.Scalar or FuncArgKind.Ctx or FuncArgKind.Mem or FuncArgKind.Arena or FuncArgKind.Dynptr:
                    break;
                case FuncArgKind.Trusted:
                    kernId = KernelCandidate(btf, info.LocalTypeId);
                    if (kernId == 0)
                    {
                        sp.GlobalUnsupported = $"global function argument #{i}: no single kernel type for '{btf.Name(info.LocalTypeId)}'";
                        return;
                    }
                    break;
                case FuncArgKind.Untrusted:
                    // Void or a primitive: read-only untrusted memory (id 0); a struct: an untrusted kernel pointer.
                    if (info.LocalTypeId == 0 || btf.Kind(info.LocalTypeId) is BtfKind.Int or BtfKind.Enum or BtfKind.Enum64)
                        break;
                    kernId = btf.Kind(info.LocalTypeId) == BtfKind.Struct ? KernelCandidate(btf, info.LocalTypeId) : 0;
                    if (kernId == 0)
                    {
                        sp.GlobalUnsupported = $"global function argument #{i}: untrusted '{btf.Name(info.LocalTypeId)}'";
                        return;
                    }
                    break;
                default:
                    sp.GlobalUnsupported = $"global function argument #{i} of kind {info.Kind}";
                    return;
            }
            args[i] = new GlobalArg(info.Kind, info.MemSize, info.Nullable, kernId);
        }
        sp.GlobalArgs = args;
    }

    /// <summary>
    /// btf_get_ptr_to_btf_id: the one kernel type of the same kind whose name matches the pointee's essential name
    /// (CO-RE candidate matching), 0 when there is none or several.
    /// </summary>
    private static uint KernelCandidate(BtfSpec btf, uint local)
    {
        var kind = btf.Kind(local);
        if (kind is not (BtfKind.Struct or BtfKind.Union))
            return 0;
        string name = btf.Name(local);
        int cut = name.IndexOf("___", StringComparison.Ordinal);
        string essential = cut > 0 ? name[..cut] : name;
        var kbtf = KernelTypes.Btf;
        uint found = 0;
        foreach (uint id in kbtf.FindByName(essential))
        {
            if (kbtf.Kind(id) != kind)
                continue;
            if (found != 0)
                return 0;
            found = id;
        }
        return found;
    }
}

/// <summary>A global function argument the verifier models: its kind, memory size, nullability, kernel type.</summary>
internal readonly record struct GlobalArg(FuncArgKind Kind, int MemSize, bool Nullable, uint KernelBtfId);
