using Bpf.Btf;
using Bpf.Object;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Passes;

/// <summary>What the kernel makes of one function argument from its BTF prototype.</summary>
internal enum FuncArgKind : byte
{
    Scalar,
    Ctx,
    Dynptr,
    Trusted,
    Arena,
    /// <summary>A pointer to memory of a known size (maybe NULL unless tagged arg:nonnull).</summary>
    Mem,
    /// <summary>arg:untrusted (6.17+): probe-read memory or an untrusted kernel struct; not modelled yet.</summary>
    Untrusted,
}

/// <summary>
/// One argument as btf_prepare_func_args leaves it (struct bpf_subprog_arg_info): Mem carries the pointee size,
/// Mem/Trusted whether NULL may be passed, Trusted the pointee's type id in the program BTF (resolved later).
/// </summary>
internal readonly record struct FuncArgInfo(FuncArgKind Kind, int MemSize = 0, bool Nullable = false, uint LocalTypeId = 0);

/// <summary>The outcome of btf_prepare_func_args: argument kinds, or the failure and the line the kernel logs for it.</summary>
internal sealed record FuncArgs(FuncArgKind[]? Args, string? LogLine, bool Failed)
{
    public FuncArgInfo[]? Infos { get; init; }
}

/// <summary>
/// btf_prepare_func_args: the kernel's reading of a function's BTF prototype. Global functions must pass it; for the
/// main program a failure is not fatal, but the kernel still logs why (before the first instruction).
/// </summary>
internal static class PrepareFuncArgs
{
    private const int MaxArgs = 5;

    [Flags]
    private enum Tags
    {
        None = 0,
        Ctx = 1,
        Trusted = 2,
        NonNull = 4,
        Nullable = 8,
        Arena = 16,
        Untrusted = 32,
    }

    private static FuncArgs Fail(string? line) => new(null, line, true);

    public static FuncArgs Run(BtfSpec btf, uint funcId, ProgramType progType)
    {
        bool global = btf.FuncLinkage(funcId) == BtfLinkage.Global;
        string name = btf.Name(funcId);
        uint proto = btf.RefType(funcId);
        if (btf.Kind(proto) != BtfKind.FuncProto)
            return Fail($"Invalid type of function {name}()");
        int n = btf.Vlen(proto);
        if (n > MaxArgs)
            return Fail(global ? $"Global function {name}() with {n} > {MaxArgs} args. Buggy compiler." : null);
        var ret = btf.Kind(SkipModifiers(btf, btf.RefType(proto)));
        if (ret != BtfKind.Int && !ret.IsAnyEnum())
            return Fail(global ? $"Global function {name}() doesn't return scalar. Only those are supported." : null);

        var kinds = new FuncArgKind[n];
        var infos = new FuncArgInfo[n];
        for (int i = 0; i < n; i++)
        {
            var tags = Tags.None;
            for (uint id = 1; id < (uint)btf.TypeCount; id++)
            {
                if (btf.Kind(id) != BtfKind.DeclTag || btf.RefType(id) != funcId || btf.DeclTagComponentIdx(id) != i)
                    continue;
                string tag = btf.Name(id);
                if (!tag.StartsWith("arg:", StringComparison.Ordinal))
                    continue;
                if (!global)
                    return Fail($"arg#{i} type tag is not supported in static functions");
                tags |= tag[4..] switch
                {
                    "ctx" => Tags.Ctx,
                    "trusted" => Tags.Trusted,
                    "nonnull" => Tags.NonNull,
                    "nullable" => Tags.Nullable,
                    "arena" => Tags.Arena,
                    "untrusted" => Tags.Untrusted,
                    _ => Tags.None,
                };
                if (tag[4..] is not ("ctx" or "trusted" or "nonnull" or "nullable" or "arena" or "untrusted"))
                    return Fail($"arg#{i} has unsupported set of tags");
            }
            uint t = SkipModifiers(btf, btf.Param(proto, i).TypeId);
            var kind = btf.Kind(t);
            if (kind == BtfKind.Ptr)
            {
                var (argKind, line) = PointerArg(btf, t, i, tags, global, progType);
                if (argKind == null)
                    return Fail(line);
                kinds[i] = argKind.Value;
                infos[i] = ArgInfo(btf, t, argKind.Value, tags);
                continue;
            }
            if (tags != Tags.None)
                return Fail($"arg#{i} has pointer tag, but is not a pointer type");
            if (kind == BtfKind.Int || kind.IsAnyEnum())
            {
                kinds[i] = FuncArgKind.Scalar;
                continue;
            }
            return Fail(global ? $"Arg#{i} type {kind.KernelName()} in {name}() is not supported yet." : null);
        }
        return new FuncArgs(kinds, null, false) { Infos = infos };
    }

    /// <summary>The size/nullability details of a pointer argument PointerArg accepted.</summary>
    private static FuncArgInfo ArgInfo(BtfSpec btf, uint ptr, FuncArgKind kind, Tags tags)
    {
        uint pointee = SkipModifiers(btf, btf.RefType(ptr));
        return kind switch
        {
            FuncArgKind.Mem => new FuncArgInfo(kind, btf.TryGetSize(pointee, out var size) ? (int)size : 0,
                Nullable: (tags & Tags.NonNull) == 0),
            FuncArgKind.Trusted => new FuncArgInfo(kind, Nullable: (tags & Tags.Nullable) != 0, LocalTypeId: pointee),
            FuncArgKind.Untrusted => new FuncArgInfo(kind, LocalTypeId: pointee),
            _ => new FuncArgInfo(kind),
        };
    }


    private static (FuncArgKind?, string?) PointerArg(BtfSpec btf, uint ptr, int i, Tags tags, bool global, ProgramType progType)
    {
        if ((tags & Tags.Ctx) != 0 || IsProgCtxType(btf, ptr, progType))
        {
            if ((tags & ~Tags.Ctx) != 0)
                return (null, $"arg#{i} has invalid combination of tags");
            return (FuncArgKind.Ctx, null);
        }
        uint pointee = SkipModifiers(btf, btf.RefType(ptr));
        if (btf.Kind(pointee) == BtfKind.Struct && btf.Name(pointee) == "bpf_dynptr")
            return tags != Tags.None ? (null, $"arg#{i} has invalid combination of tags") : (FuncArgKind.Dynptr, null);
        if ((tags & Tags.Trusted) != 0)
            return (tags & Tags.NonNull) != 0 ? (null, $"arg#{i} has invalid combination of tags") : (FuncArgKind.Trusted, null);
        if ((tags & Tags.Untrusted) != 0)
            return tags != Tags.Untrusted ? (null, $"arg#{i} untrusted cannot be combined with any other tags") : (FuncArgKind.Untrusted, null);
        if ((tags & Tags.Arena) != 0)
            return tags != Tags.Arena ? (null, $"arg#{i} arena cannot be combined with any other tags") : (FuncArgKind.Arena, null);
        if (!global)
            return (null, null);
        if ((tags & Tags.Nullable) != 0)
            return (null, $"arg#{i} has invalid combination of tags");
        if (!btf.TryGetSize(pointee, out _))
            return (null, $"arg#{i} reference type('{btf.Kind(pointee).KernelName()} {btf.Name(pointee)}') size cannot be determined: -22");
        return (FuncArgKind.Mem, null);
    }

    /// <summary>btf_is_prog_ctx_type: a pointer to the program type's context struct (by name).</summary>
    private static bool IsProgCtxType(BtfSpec btf, uint ptr, ProgramType progType)
    {
        uint t = btf.RefType(ptr);
        if (progType == ProgramType.Kprobe)
        {
            uint u = t;
            while (btf.Kind(u).IsModifier())
                u = btf.RefType(u);
            if (btf.Kind(u) == BtfKind.Typedef && ProgramContextTypes.IsContextTypedef(progType, btf.Name(u)))
                return true;
        }
        t = SkipModifiers(btf, t);
        return btf.Kind(t) == BtfKind.Struct && ProgramContextTypes.IsContextStruct(progType, btf.Name(t));
    }

    /// <summary>btf_type_is_modifier, typedefs included.</summary>
    private static uint SkipModifiers(BtfSpec btf, uint id)
    {
        for (int guard = 0; guard < 64; guard++)
        {
            var k = btf.Kind(id);
            if (!k.IsModifier() && k != BtfKind.Typedef)
                return id;
            id = btf.RefType(id);
        }
        return id;
    }
}
