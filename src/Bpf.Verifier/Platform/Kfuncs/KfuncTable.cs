using Bpf.Btf;
using Bpf.Object;

namespace Bpf.Verifier.Platform.Kfuncs;

/// <summary>
/// Every kfunc of the 6.18 kernel BTF (FUNCs tagged <c>bpf_kfunc</c>), gathered from the per-family tables.
/// A test keeps this list complete against the embedded BTF.
/// </summary>
public static class KfuncTable
{
    private static readonly Dictionary<string, KfuncInfo> ByName = Build();

    private static Dictionary<string, KfuncInfo> Build()
    {
        var d = new Dictionary<string, KfuncInfo>(StringComparer.Ordinal);
        foreach (var family in new[] { GenericKfuncs.All, CommonKfuncs.All, CpumaskKfuncs.All, NetfilterKfuncs.All, TraceKfuncs.All, OtherKfuncs.All, StructOpsKfuncs.All, ArenaKfuncs.All, CryptoKfuncs.All })
        {
            foreach (var k in family)
                d.Add(k.Name, k);
        }
        return d;
    }

    public static IEnumerable<KfuncInfo> All => ByName.Values;

    public static KfuncInfo? Find(string name) => ByName.TryGetValue(name, out var k) ? k : null;

    /// <summary>
    /// Parameter count of the kernel FUNC a kfunc call's imm names (get_call_summary for compute_live_registers:
    /// only R1..Rn are read), -1 when the id is not a FUNC of the kernel BTF.
    /// </summary>
    public static int ParamCount(int kernelFuncId)
    {
        var btf = KernelTypes.Btf;
        uint id = (uint)kernelFuncId;
        if (!btf.IsValidId(id) || btf.Kind(id) != BtfKind.Func)
            return -1;
        return btf.Vlen(btf.RefType(id));
    }

    /// <summary>
    /// btf_kfunc_id_set_contains: whether a program of this type may call a member of the set; null when bpfv
    /// cannot tell (extension programs take their target's type).
    /// </summary>
    public static bool? IsAllowed(KfuncSet set, ProgramSpec prog)
    {
        if (prog.Type == ProgramType.Ext || set == KfuncSet.Unknown)
            return null;
        var hook = HookOf(prog.Type);
        return set switch
        {
            KfuncSet.Common => true,
            KfuncSet.Generic => hook is KfuncHook.Tracing or KfuncHook.Tc or KfuncHook.Xdp or KfuncHook.StructOps
                or KfuncHook.Syscall or KfuncHook.Cgroup,
            KfuncSet.NfConntrack => hook is KfuncHook.Xdp or KfuncHook.Tc,
            KfuncSet.Skb => hook is KfuncHook.Tc or KfuncHook.SchedAct or KfuncHook.SkSkb or KfuncHook.SocketFilter
                or KfuncHook.Cgroup or KfuncHook.Lwt or KfuncHook.Netfilter or KfuncHook.Tracing,
            KfuncSet.Xdp => hook == KfuncHook.Xdp,
            KfuncSet.SkbMeta => hook is KfuncHook.Tc or KfuncHook.SchedAct,
            KfuncSet.StructOps => hook == KfuncHook.StructOps,
            KfuncSet.Syscall => hook == KfuncHook.Syscall,
            KfuncSet.CgroupHook => hook == KfuncHook.Cgroup,
            KfuncSet.TestRun => hook is KfuncHook.Tc or KfuncHook.Tracing or KfuncHook.Syscall,
            KfuncSet.SchedCls => hook == KfuncHook.Tc,
            KfuncSet.Tracing => hook == KfuncHook.Tracing,
            KfuncSet.SockOps => hook == KfuncHook.SockOps,
            KfuncSet.SkIter => hook == KfuncHook.Tracing && prog.ExpectedAttachType == AttachType.TraceIter,
            KfuncSet.Crypto => hook is KfuncHook.Tc or KfuncHook.SchedAct or KfuncHook.Xdp,
            KfuncSet.Cpumask => hook is KfuncHook.Tracing or KfuncHook.StructOps or KfuncHook.Syscall,
            // bpf_kprobe_multi_filter: only session programs see the set.
            KfuncSet.KprobeSession => hook == KfuncHook.Kprobe &&
                prog.ExpectedAttachType is AttachType.TraceKprobeSession or AttachType.TraceUprobeSession,
            _ => null,
        };
    }

    /// <summary>The registration hooks (enum btf_kfunc_hook) and bpf_prog_type_to_kfunc_hook.</summary>
    private enum KfuncHook
    {
        None,
        Xdp,
        Tc,
        StructOps,
        Tracing,
        Syscall,
        Cgroup,
        SchedAct,
        SkSkb,
        SocketFilter,
        Lwt,
        Netfilter,
        Kprobe,
        SockOps,
    }

    private static KfuncHook HookOf(ProgramType t) => t switch
    {
        ProgramType.Xdp => KfuncHook.Xdp,
        ProgramType.SchedCls => KfuncHook.Tc,
        ProgramType.StructOps => KfuncHook.StructOps,
        ProgramType.Tracing or ProgramType.Tracepoint or ProgramType.PerfEvent or ProgramType.Lsm => KfuncHook.Tracing,
        ProgramType.Syscall => KfuncHook.Syscall,
        ProgramType.CgroupSkb or ProgramType.CgroupSock or ProgramType.CgroupDevice or ProgramType.CgroupSockAddr
            or ProgramType.CgroupSockopt or ProgramType.CgroupSysctl => KfuncHook.Cgroup,
        ProgramType.SchedAct => KfuncHook.SchedAct,
        ProgramType.SkSkb => KfuncHook.SkSkb,
        ProgramType.SocketFilter => KfuncHook.SocketFilter,
        ProgramType.LwtIn or ProgramType.LwtOut or ProgramType.LwtXmit or ProgramType.LwtSeg6local => KfuncHook.Lwt,
        ProgramType.Netfilter => KfuncHook.Netfilter,
        ProgramType.Kprobe => KfuncHook.Kprobe,
        ProgramType.SockOps => KfuncHook.SockOps,
        _ => KfuncHook.None,
    };
}
