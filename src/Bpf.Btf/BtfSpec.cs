namespace Bpf.Btf;

/// <summary>
/// A parsed BTF blob (object BTF or a kernel's vmlinux BTF): types indexed by id (0 = void) and the string table.
/// Placeholder: the BTF reader work fills this in.
/// </summary>
public sealed partial class BtfSpec
{
}
