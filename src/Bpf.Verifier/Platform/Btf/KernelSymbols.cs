namespace Bpf.Verifier.Platform;

/// <summary>
/// kallsyms_lookup_name as the reference 6.18 kernel answers it: built without CONFIG_KALLSYMS_ALL, its kallsyms
/// holds functions but no data symbols, so every typed ksym variable fails to resolve
/// ("ldimm64 failed to find the address for kernel symbol"), while kernel functions resolve.
/// </summary>
public static class KernelSymbols
{
    /// <summary>Whether the kernel's kallsyms include data symbols (CONFIG_KALLSYMS_ALL).</summary>
    public const bool HasDataSymbols = false;

    public static bool HasAddress(string name, bool isFunction) => isFunction || HasDataSymbols;
}
