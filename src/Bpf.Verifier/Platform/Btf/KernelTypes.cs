using System.Collections.Concurrent;
using Bpf.Btf;

namespace Bpf.Verifier.Platform;

/// <summary>
/// The kernel BTF the verifier's BTF-typed checks resolve against (btf_vmlinux). The loader resolves attach targets
/// and ksyms against the embedded 6.18 BTF unless told otherwise, so the verifier uses the same one.
/// </summary>
public static class KernelTypes
{
    private static readonly ConcurrentDictionary<string, uint> s_structs = new(StringComparer.Ordinal);

    public static BtfSpec Btf => KernelBtf.Embedded;

    /// <summary>Parses the kernel BTF and builds its name index (the kernel has btf_vmlinux before any bpf_check).</summary>
    public static void Prepare() => Btf.PrepareLookups();

    /// <summary>Id of the kernel struct named <paramref name="name"/>, 0 when absent.</summary>
    public static uint StructId(string name) => s_structs.GetOrAdd(name, n => Btf.FindByName(n, BtfKind.Struct));

    /// <summary>btf_type_name: the name of a type id as the verifier log prints it after <c>ptr_</c>.</summary>
    public static string Name(uint id) => Btf.IsValidId(id) ? Btf.KernelNameByOffset(Btf.NameOff(id)) : "";
}
