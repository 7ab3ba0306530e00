using Bpf.Btf;
using Bpf.Object;

namespace Bpf.Verifier.Platform;

/// <summary>
/// What the kernel derives from a BTF-typed program's attach target (bpf_check_attach_target,
/// check_struct_ops_btf_id): the function prototype whose u64 argument slots form the context, and the name
/// its messages use.
/// </summary>
public sealed record BtfAttach(
    /// <summary>attach_func_name: the function, LSM hook, tracepoint (prefix stripped) or struct_ops member.</summary>
    string FuncName,
    /// <summary>Kernel BTF id of the FUNC_PROTO.</summary>
    uint Proto,
    /// <summary>tp_btf: the prototype's first argument is the hidden <c>void *__data</c>.</summary>
    bool IsBtfTrace,
    /// <summary>prog_args_trusted: pointer arguments are PTR_TRUSTED.</summary>
    bool ArgsTrusted,
    /// <summary>Slots with a registered register type (iterators, struct_ops stubs).</summary>
    IReadOnlyList<CtxArgInfo> CtxArgs,
    /// <summary>struct_ops programs: the struct type they implement a member of.</summary>
    StructOpsType? StructOps = null)
{
    private const string BtfTracePrefix = "btf_trace_";

    /// <summary>Resolves the attach target of a tracing, LSM or struct_ops program; null when bpfv does not model it.</summary>
    public static BtfAttach? Resolve(ProgramSpec prog)
    {
        if (prog.AttachBtfId == 0)
            return null;
        var btf = KernelTypes.Btf;
        uint id = prog.AttachBtfId;
        if (!btf.IsValidId(id))
            return null;
        if (prog.Type == ProgramType.StructOps)
            return ResolveStructOps(prog);
        if (prog.Type is not (ProgramType.Tracing or ProgramType.Lsm))
            return null;
        string name = KernelTypes.Name(id);
        var attach = prog.ExpectedAttachType;
        switch (attach)
        {
            case AttachType.TraceRawTp when prog.Type == ProgramType.Tracing:
                {
                    if (btf.Kind(id) != BtfKind.Typedef || !name.StartsWith(BtfTracePrefix, StringComparison.Ordinal))
                        return null;
                    uint ptr = btf.RefType(id);
                    if (btf.Kind(ptr) != BtfKind.Ptr || btf.Kind(btf.RefType(ptr)) != BtfKind.FuncProto)
                        return null;
                    return new BtfAttach(name[BtfTracePrefix.Length..], btf.RefType(ptr), true, true, []);
                }
            case AttachType.TraceFentry or AttachType.TraceFexit or AttachType.ModifyReturn or AttachType.TraceIter
                when prog.Type == ProgramType.Tracing:
            case AttachType.LsmMac when prog.Type == ProgramType.Lsm:
                {
                    if (btf.Kind(id) != BtfKind.Func || btf.Kind(btf.RefType(id)) != BtfKind.FuncProto)
                        return null;
                    bool trusted = attach == AttachType.TraceIter || (attach == AttachType.LsmMac && !LsmHooks.IsUntrusted(name));
                    IReadOnlyList<CtxArgInfo>? args = attach == AttachType.TraceIter ? IterContexts.Find(name) : [];
                    if (args == null)
                        return null; // an iterator bpfv does not know the context of
                    return new BtfAttach(name, btf.RefType(id), false, trusted, args);
                }
            default:
                return null;
        }
    }

    private static BtfAttach? ResolveStructOps(ProgramSpec prog)
    {
        var btf = KernelTypes.Btf;
        uint st = prog.AttachBtfId;
        string sname = KernelTypes.Name(st);
        var ops = StructOpsType.Find(sname);
        if (ops == null || btf.Kind(st) != BtfKind.Struct || prog.ExpectedAttachType is not { } idxType)
            return null;
        int idx = (int)idxType;
        if (idx < 0 || idx >= btf.Vlen(st))
            return null;
        var m = btf.Member(st, idx);
        string mname = btf.KernelNameByOffset(m.NameOff);
        uint ptr = btf.SkipModsAndTypedefs(m.TypeId);
        if (btf.Kind(ptr) != BtfKind.Ptr || btf.Kind(btf.SkipModsAndTypedefs(btf.RefType(ptr))) != BtfKind.FuncProto)
            return null;
        var args = StructOpsType.StubArgs(sname, mname);
        if (args == null)
            return null;
        return new BtfAttach(mname, btf.SkipModsAndTypedefs(btf.RefType(ptr)), false, true, args, ops);
    }

    /// <summary>Whether the target returns void (FUNC_PROTO return type 0).</summary>
    public bool ReturnsVoid => KernelTypes.Btf.RefType(Proto) == 0;
}
