namespace Bpf.Btf;

public sealed partial class BtfSpec
{
    private const uint MaxTypeId = 0x000fffff;
    private const uint MaxNameOffset = 0x00ffffff;
    private const int KsymNameLen = 512;

    /// <summary>
    /// Applies the kernel's load-time BTF validation (kernel/bpf/btf.c: header and section layout, per-kind meta
    /// checks, type resolution, member layout, func/func_proto argument rules, type-tag ordering).
    /// Returns null when the kernel would accept this BTF, else the reason in the kernel's BTF-log style
    /// ("[id] KIND name reason"). libbpf retries the program load without BTF when this fails.
    /// </summary>
    public string? CheckKernelAcceptance() => new KernelBtfChecker(this).Run();

    private sealed partial class KernelBtfChecker(BtfSpec btf)
    {
        private readonly byte[] _state = new byte[btf.TypeCount]; // 0 = new, 1 = resolving, 2 = resolved

        public string? Run()
        {
            return CheckHeader() ?? CheckMetas() ?? CheckResolve() ?? CheckTypeTags() ?? CheckGraphRoots();
        }
    }
}
