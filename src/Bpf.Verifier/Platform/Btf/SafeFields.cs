using Bpf.Btf;

namespace Bpf.Verifier.Platform;

/// <summary>
/// btf_nested_type_is_trusted: the kernel declares which pointer fields keep their parent's trust as BTF structs
/// named <c>task_struct__safe_rcu</c> etc.; a field is listed when such a struct has a pointer member with the same
/// name and pointee. Reading them from the kernel BTF keeps the lists exactly the 6.18 ones.
/// </summary>
public static class SafeFields
{
    public const string Trusted = "__safe_trusted";
    public const string TrustedOrNull = "__safe_trusted_or_null";
    public const string Rcu = "__safe_rcu";
    public const string RcuOrNull = "__safe_rcu_or_null";

    /// <summary>Whether field <paramref name="field"/> (pointing to <paramref name="pointee"/>) of <paramref name="owner"/> is in the list <paramref name="suffix"/>.</summary>
    public static bool Has(uint owner, string suffix, string field, uint pointee)
    {
        var btf = KernelTypes.Btf;
        if (!btf.IsValidId(owner))
            return false;
        string name = KernelTypes.Name(owner) + suffix;
        if (name.Length >= 64)
            return false;
        uint safe = btf.FindByName(name, btf.Kind(owner));
        if (safe == 0)
            return false;
        int n = btf.Vlen(safe);
        for (int i = 0; i < n; i++)
        {
            var m = btf.Member(safe, i);
            if (btf.Kind(m.TypeId) != BtfKind.Ptr)
                continue;
            if (btf.SkipModsAndTypedefs(btf.RefType(m.TypeId)) == pointee && btf.KernelNameByOffset(m.NameOff) == field)
                return true;
        }
        return false;
    }
}
