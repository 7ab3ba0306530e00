using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Platform;

/// <summary>
/// A context slot with a registered register type (struct bpf_ctx_arg_aux): iterator arguments, struct_ops
/// <c>__nullable</c> arguments. <see cref="BtfId"/> is the kernel struct of a PTR_TO_BTF_ID slot.
/// </summary>
public readonly record struct CtxArgInfo(int Offset, RegType Type, RegFlags Flags, uint BtfId);

/// <summary>
/// Iterator targets (bpf_iter_reg.ctx_arg_info): which context slots are maybe-null BTF pointers or buffers.
/// Slot 0 is always <c>struct bpf_iter_meta *meta</c>.
/// </summary>
public static class IterContexts
{
    private const RegFlags OrNull = RegFlags.MaybeNull;
    private const RegFlags OrNullTrusted = RegFlags.MaybeNull | RegFlags.PtrTrusted;
    private const RegFlags Buf = RegFlags.MaybeNull;
    private const RegFlags RdonlyBuf = RegFlags.MaybeNull | RegFlags.MemRdonly;

    private static readonly Dictionary<string, (int Off, RegFlags Flags, string? Struct)[]> Table = new(StringComparer.Ordinal)
    {
        ["bpf_iter_task"] = [(8, OrNullTrusted, "task_struct")],
        ["bpf_iter_task_file"] = [(8, OrNull, "task_struct"), (24, OrNull, "file")],
        ["bpf_iter_task_vma"] = [(8, OrNull, "task_struct"), (16, OrNull, "vm_area_struct")],
        ["bpf_iter_bpf_map"] = [(8, OrNullTrusted, "bpf_map")],
        ["bpf_iter_bpf_prog"] = [(8, OrNull, "bpf_prog")],
        ["bpf_iter_bpf_link"] = [(8, OrNull, "bpf_link")],
        ["bpf_iter_cgroup"] = [(8, OrNullTrusted, "cgroup")],
        ["bpf_iter_kmem_cache"] = [(8, OrNullTrusted, "kmem_cache")],
        ["bpf_iter_dmabuf"] = [(8, OrNull, "dma_buf")],
        ["bpf_iter_ksym"] = [(8, OrNull, "kallsym_iter")],
        ["bpf_iter_netlink"] = [(8, OrNull, "netlink_sock")],
        ["bpf_iter_ipv6_route"] = [(8, OrNull, "fib6_info")],
        ["bpf_iter_tcp"] = [(8, OrNullTrusted, "sock_common")],
        ["bpf_iter_udp"] = [(8, OrNullTrusted, "udp_sock")],
        ["bpf_iter_unix"] = [(8, OrNull, "unix_sock")],
        ["bpf_iter_bpf_map_elem"] = [(16, RdonlyBuf, null), (24, Buf, null)],
        ["bpf_iter_bpf_sk_storage_map"] = [(16, OrNull, "sock"), (24, Buf, null)],
        ["bpf_iter_sockmap"] = [(16, RdonlyBuf, null), (24, OrNull, "sock")],
    };

    /// <summary>The registered arguments of iterator <paramref name="func"/> (<c>bpf_iter_task</c>); null when bpfv does not know it.</summary>
    public static CtxArgInfo[]? Find(string func)
    {
        if (!Table.TryGetValue(func, out var args))
            return null;
        var r = new CtxArgInfo[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            var (off, flags, st) = args[i];
            r[i] = st == null
                ? new CtxArgInfo(off, RegType.PtrToBuf, flags, 0)
                : new CtxArgInfo(off, RegType.PtrToBtfId, flags, KernelTypes.StructId(st));
        }
        return r;
    }
}
