using Bpf.Object;
using static Bpf.Verifier.Platform.ArgKind;

namespace Bpf.Verifier.Platform;

/// <summary>The helpers a struct_ops type adds to the base set (bpf_tcp_ca_get_func_proto, net/ipv4/bpf_tcp_ca.c).</summary>
public static partial class HelperTable
{
    private static ProgramType[] StructOpsOnly => [ProgramType.StructOps];

    private static HelperProto[] StructOpsProtos() =>
    [
        // tcp_send_ack(tp, rcv_nxt): a trusted tcp_sock
        Int(116, PtrToBtfId, Anything) with { ArgStructs = ["tcp_sock"], OnlyFor = StructOpsOnly },
        // bpf_sk_storage_get/delete_proto: any socket
        new(107, RetKind.MapValueOrNull, [ConstMapPtr, PtrToBtfSockCommon, PtrToMapValueOrNull, Anything]) { OnlyFor = StructOpsOnly },
        Int(108, ConstMapPtr, PtrToBtfSockCommon) with { OnlyFor = StructOpsOnly },
        // bpf_sk_setsockopt_proto / bpf_sk_getsockopt_proto(sk, level, optname, optval, optlen)
        Int(49, PtrToBtfSockCommon, Anything, Anything, PtrToMemRdonly, ConstSize) with { OnlyFor = StructOpsOnly },
        Int(57, PtrToBtfSockCommon, Anything, Anything, PtrToUninitMem, ConstSize) with { OnlyFor = StructOpsOnly },
    ];
}
