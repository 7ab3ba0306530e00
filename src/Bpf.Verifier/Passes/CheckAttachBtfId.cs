using Bpf.Object;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Passes;

/// <summary>check_attach_btf_id: the refusals of a struct_ops program before any instruction is looked at.</summary>
internal static class CheckAttachBtfId
{
    public static void Run(PassContext ctx)
    {
        var prog = ctx.Prog;
        if (prog.Type != ProgramType.StructOps)
            return;
        if (!ctx.Obj.IsGplCompatible)
            ctx.Fail("struct ops programs must have a GPL compatible license");
        var a = BtfAttach.Resolve(prog);
        if (a?.StructOps is { } ops && !ops.MemberAllowed(a.FuncName, prog.Sleepable))
            ctx.Fail($"attach to unsupported member {a.FuncName} of struct {ops.Name}");
    }
}
