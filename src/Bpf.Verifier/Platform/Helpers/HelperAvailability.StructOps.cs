using Bpf.Object;

namespace Bpf.Verifier.Platform.Helpers;

/// <summary>
/// struct_ops programs: each struct_ops type's verifier_ops.get_func_proto (bpf_base_func_proto plus the type's
/// own helpers), checked against the live 6.18 kernel.
/// </summary>
public static partial class HelperAvailability
{
    /// <summary>bpf_tcp_ca_get_func_proto beyond the base set.</summary>
    private static string[] TcpCongestionOps =>
    [
        "tcp_send_ack", "sk_storage_get", "sk_storage_delete", "setsockopt", "getsockopt", "ktime_get_coarse_ns",
    ];

    private static readonly Dictionary<string, bool[]> ByStructOps = new(StringComparer.Ordinal)
    {
        ["tcp_congestion_ops"] = ToSet(TcpCongestionOps),
    };

    /// <summary>(struct_ops type, member, helper): helpers one member's programs may not call.</summary>
    private static readonly (string Ops, string Member, string Helper)[] StructOpsMemberRefusals =
    [
        // release() runs while the congestion control retires: no setsockopt (nor its getsockopt twin).
        ("tcp_congestion_ops", "release", "setsockopt"),
        ("tcp_congestion_ops", "release", "getsockopt"),
    ];

    private static HelperAccess CheckStructOps(ProgramSpec prog, int helperId)
    {
        var attach = BtfAttach.Resolve(prog);
        if (attach?.StructOps is not { } ops || !ByStructOps.TryGetValue(ops.Name, out var set))
            return HelperAccess.UnknownProgramType;
        if ((uint)helperId >= (uint)set.Length || !set[helperId])
            return HelperAccess.Refused;
        foreach (var (name, member, helper) in StructOpsMemberRefusals)
        {
            if (name == ops.Name && member == attach.FuncName && Id(helper) == helperId)
                return HelperAccess.Refused;
        }
        return HelperAccess.Allowed;
    }
}
