using Bpf.Btf;
using Bpf.Object;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Platform.Kfuncs;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// Networking rules: packet-changing kfuncs, socket pointers as kfunc arguments, and device maps that programs may
/// only read.
/// </summary>
internal sealed partial class Checker
{
    /// <summary>
    /// bpf_is_kfunc_pkt_changing as check_cfg's visit_insn sees it: instruction <paramref name="i"/> calls a kfunc that
    /// moves the packet (bpf_xdp_pull_data), so its subprogram changes_pkt_data. Other kfuncs leave packet pointers alone.
    /// </summary>
    private bool IsPktChangingKfunc(int i) =>
        _insns[i].IsKfuncCall && _prog.Kfuncs.TryGetValue(i, out var k)
        && KfuncTable.Find(k.Name)?.Has(KfuncFlags.PktChanging) == true;

    /// <summary>reg2btf_ids: the kernel struct a socket register stands for when passed to a kfunc, or null.</summary>
    private static string? SocketBtfStruct(RegType t) => t switch
    {
        RegType.PtrToSocket => "sock",
        RegType.PtrToSockCommon => "sock_common",
        RegType.PtrToTcpSock => "tcp_sock",
        RegType.PtrToXdpSock => "xdp_sock",
        _ => null,
    };

    /// <summary>
    /// KF_ARG_PTR_TO_BTF_ID with a socket register: always trusted (is_trusted_reg), never offset, and matched as
    /// process_kf_arg_ptr_to_btf_id matches the struct of reg2btf_ids against the parameter's struct.
    /// </summary>
    private void CheckKfuncSocketArg(KfuncCall call, int argNo, uint refId, BtfKind refKind, string refName, string sockStruct)
    {
        var btf = Kbtf;
        string name = call.Info.Name;
        int regno = argNo + 1;
        if (refKind is not (BtfKind.Struct or BtfKind.Union))
            Fail($"kernel function {name} args#{argNo} pointer type {refKind.KernelName()} {refName} is not supported", Einval);
        uint have = btf.FindByName(sockStruct, BtfKind.Struct);
        if (have == 0)
            Unsupported($"struct {sockStruct} absent from the kernel BTF");
        bool release = call.Info.Has(KfuncFlags.Release) && Regs[regno].RefObjId != 0;
        bool strict = call.Info.Has(KfuncFlags.Acquire) || release || IsNocastAlias(btf, have, refId);
        if (!StructIdsMatch(btf, have, refId, strict))
            Fail($"kernel function {name} args#{argNo} expected pointer to {refKind.KernelName()} {refName} but R{regno} has a pointer to " +
                $"STRUCT {sockStruct}", Einval);
    }

    /// <summary>
    /// Whether the map's value is read-only for programs: BPF_F_RDONLY_PROG as libbpf passed it (.rodata, .kconfig),
    /// or as the kernel adds it when it creates a device map (dev_map_init_map: a lookup returns a pointer straight
    /// into the entry, so programs must not write through it).
    /// </summary>
    private static bool IsProgReadOnly(MapSpec map) =>
        map.IsReadOnlyGlobal || (map.Flags & MapFlagRdonlyProg) != 0
        || map.Type is DevmapType or DevmapHashType;

    /// <summary>enum bpf_map_type: BPF_MAP_TYPE_DEVMAP, BPF_MAP_TYPE_DEVMAP_HASH.</summary>
    private const uint DevmapType = 14, DevmapHashType = 25;
}
