using Bpf.Btf;

namespace Bpf.Object.Sections;

/// <summary>
/// libbpf's attach target resolution for SEC_ATTACH_BTF programs (fentry/fexit/fmod_ret, tp_btf, lsm, iter):
/// the kernel BTF id of the target, found by name with the per-attach-type prefix (find_attach_btf_id).
/// </summary>
internal static class AttachTarget
{
    private const int Esrch = -3;
    private const int Einval = -22;

    /// <summary>Returns the kernel BTF id, or 0 with libbpf's error message.</summary>
    public static uint Resolve(string progName, ProgramType type, AttachType? attach, string? target, Func<BtfSpec> kernel, out string? error)
    {
        error = null;
        if (target == null)
        {
            error = $"libbpf: prog '{progName}': failed to prepare load attributes: {Einval}";
            return 0;
        }
        if (type == ProgramType.Ext)
        {
            // freplace needs the target program's fd, which a static tool cannot have.
            error = $"libbpf: prog '{progName}': failed to prepare load attributes: {Einval}";
            return 0;
        }
        // "module:func" names a module's BTF; only vmlinux is available here.
        uint id = 0;
        if (!target.Contains(':', StringComparison.Ordinal))
        {
            var (prefix, kind) = attach switch
            {
                AttachType.TraceRawTp => ("btf_trace_", BtfKind.Typedef),
                AttachType.LsmMac or AttachType.LsmCgroup => ("bpf_lsm_", BtfKind.Func),
                AttachType.TraceIter => ("bpf_iter_", BtfKind.Func),
                _ => ("", BtfKind.Func),
            };
            id = kernel().FindByName(prefix + target, kind);
        }
        if (id == 0)
            error = $"libbpf: prog '{progName}': failed to find kernel BTF type ID of '{target}': {Esrch}";
        return id;
    }

    private static readonly (string Uapi, string? Kern, ProgramType Type, AttachType? Attach)[] ContextTypes =
    [
        ("__sk_buff", "sk_buff", ProgramType.SchedCls, null),
        ("bpf_sock", "sock", ProgramType.CgroupSock, AttachType.CgroupInet4PostBind),
        ("bpf_sock_addr", "bpf_sock_addr_kern", ProgramType.CgroupSockAddr, AttachType.CgroupInet4Bind),
        ("bpf_sock_ops", "bpf_sock_ops_kern", ProgramType.SockOps, AttachType.CgroupSockOps),
        ("sk_msg_md", "sk_msg", ProgramType.SkMsg, AttachType.SkMsgVerdict),
        ("bpf_cgroup_dev_ctx", "bpf_cgroup_dev_ctx", ProgramType.CgroupDevice, AttachType.CgroupDevice),
        ("bpf_sysctl", "bpf_sysctl_kern", ProgramType.CgroupSysctl, AttachType.CgroupSysctl),
        ("bpf_sockopt", "bpf_sockopt_kern", ProgramType.CgroupSockopt, AttachType.CgroupSetsockopt),
        ("sk_reuseport_md", "sk_reuseport_kern", ProgramType.SkReuseport, AttachType.SkReuseportSelectOrMigrate),
        ("bpf_sk_lookup", "bpf_sk_lookup_kern", ProgramType.SkLookup, AttachType.SkLookup),
        ("xdp_md", "xdp_buff", ProgramType.Xdp, AttachType.Xdp),
        ("bpf_user_pt_regs_t", "pt_regs", ProgramType.Kprobe, null),
        ("bpf_perf_event_data", "bpf_perf_event_data_kern", ProgramType.PerfEvent, null),
        ("bpf_raw_tracepoint_args", null, ProgramType.RawTracepoint, null),
    ];

    /// <summary>
    /// veristat's freplace fix-up: a one-argument FUNC whose argument points to a known context struct gets that
    /// context's program type (guess_prog_type_by_ctx_name). Returns false when it cannot guess.
    /// </summary>
    public static bool GuessFreplaceType(BtfSpec? btf, string progName, out ProgramType type, out AttachType? attach)
    {
        type = ProgramType.Ext;
        attach = null;
        if (btf == null)
            return false;
        uint func = btf.FindByName(progName, BtfKind.Func);
        if (func == 0)
            return false;
        uint proto = btf.RefType(func);
        if (btf.Kind(proto) != BtfKind.FuncProto || btf.Vlen(proto) != 1)
            return false;
        uint t = btf.SkipModifiers(btf.Param(proto, 0).TypeId);
        if (btf.Kind(t) != BtfKind.Ptr)
            return false;
        t = btf.SkipModifiers(btf.RefType(t));
        string name = btf.Name(t);
        foreach (var c in ContextTypes)
        {
            if (c.Uapi == name || c.Kern == name)
            {
                type = c.Type;
                attach = c.Attach;
                return true;
            }
        }
        return false;
    }
}
