using Bpf.Btf;
using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Platform;

/// <summary>
/// The struct_ops types bpfv models (struct bpf_struct_ops): which members a program may implement
/// (check_member) and how their context differs from plain btf_ctx_access.
/// </summary>
public sealed record StructOpsType(
    string Name,
    /// <summary>check_member: false when the member (or its sleepable variant) is refused.</summary>
    Func<string, bool, bool> MemberAllowed,
    /// <summary>bpf_tcp_ca_is_valid_access: trusted <c>struct sock *</c> arguments are promoted to <c>tcp_sock</c>.</summary>
    bool PromoteSockToTcpSock,
    /// <summary>The type's btf_struct_access for writes: null when allowed, else the kernel's log line.</summary>
    Func<uint, int, int, string?> CheckWrite)
{
    private static readonly Dictionary<string, StructOpsType> Table = new(StringComparer.Ordinal)
    {
        ["tcp_congestion_ops"] = new("tcp_congestion_ops", (m, _) => m != "get_info", true, StructOpsWrites.TcpCongestionOps),
        ["bpf_dummy_ops"] = new("bpf_dummy_ops", (m, sleepable) => !sleepable || m == "test_sleepable", false, StructOpsWrites.DummyOps),
    };

    public static StructOpsType? Find(string name) => Table.TryGetValue(name, out var t) ? t : null;

    /// <summary>
    /// The context slots a member's stub function (<c>{struct}__{member}</c> in the kernel BTF) annotates:
    /// <c>__nullable</c> arguments are trusted maybe-null pointers. Null when an annotation is not modelled
    /// (<c>__ref</c>: a referenced argument the program must release).
    /// </summary>
    public static CtxArgInfo[]? StubArgs(string structName, string member)
    {
        var btf = KernelTypes.Btf;
        uint stub = btf.FindByName($"{structName}__{member}", BtfKind.Func);
        if (stub == 0)
            return [];
        uint proto = btf.RefType(stub);
        var list = new List<CtxArgInfo>();
        int off = 0;
        int n = btf.Vlen(proto);
        for (int i = 0; i < n; i++)
        {
            string pname = btf.ParamName(proto, i);
            uint t = btf.SkipModsAndTypedefs(btf.Param(proto, i).TypeId);
            if (pname.EndsWith("__ref", StringComparison.Ordinal))
                return null;
            if (pname.EndsWith("__nullable", StringComparison.Ordinal) && btf.Kind(t) == BtfKind.Ptr)
            {
                uint target = btf.SkipModsAndTypedefs(btf.RefType(t));
                list.Add(new CtxArgInfo(off, RegType.PtrToBtfId, RegFlags.PtrTrusted | RegFlags.MaybeNull, target));
            }
            off += btf.Kind(t) == BtfKind.Ptr ? 8 : (int)((btf.RawSize(t) + 7) / 8 * 8);
        }
        return [.. list];
    }
}
