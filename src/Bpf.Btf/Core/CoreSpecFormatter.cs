using System.Globalization;
using System.Text;

namespace Bpf.Btf;

/// <summary>
/// libbpf's one-line description of a CO-RE relocation's local spec (bpf_core_format_spec), as it appears in
/// libbpf's debug output and in the verifier log it rewrites for a poisoned relocation:
/// <c>&lt;byte_off&gt; [5] struct core_reloc_ints.u8_field (0:0 @ offset 0)</c>.
/// </summary>
public static class CoreSpecFormatter
{
    public static string? Format(BtfSpec local, CoreRelo relo)
    {
        var spec = CoreSpecParser.ParseLocal(local, relo, out _);
        return spec == null ? null : Format(spec);
    }

    internal static string Format(CoreSpec spec)
    {
        var btf = spec.Btf;
        var sb = new StringBuilder();
        uint root = spec.RootTypeId;
        string name = btf.Name(root);
        sb.Append(CultureInfo.InvariantCulture, $"<{CoreRelo.KindName(spec.Kind)}> [{root}] {btf.Kind(root).TypeStr()} {(name.Length == 0 ? "<anon>" : name)}");
        if (spec.Kind.IsTypeBased())
            return sb.ToString();
        if (spec.Kind.IsEnumvalBased())
        {
            uint t = btf.SkipModsAndTypedefs(root);
            var e = btf.EnumValue(t, spec.Raw[0]);
            string vname = btf.EnumValueName(t, spec.Raw[0]);
            bool signed = btf.KindFlag(t);
            // enum: 32-bit value printed as int or unsigned; enum64: as long long or unsigned long long.
            string v = btf.Kind(t) == BtfKind.Enum
                ? (signed ? ((int)e.Value).ToString(CultureInfo.InvariantCulture) : ((uint)e.Value).ToString(CultureInfo.InvariantCulture))
                : (signed ? ((long)e.Value).ToString(CultureInfo.InvariantCulture) : e.Value.ToString(CultureInfo.InvariantCulture));
            sb.Append("::").Append(vname).Append(" = ").Append(v);
            return sb.ToString();
        }
        for (int i = 0; i < spec.Len; i++)
        {
            var a = spec.Acc[i];
            if (a.Name != null)
                sb.Append('.').Append(a.Name);
            else if (i > 0 || a.Index > 0)
                sb.Append(CultureInfo.InvariantCulture, $"[{(uint)a.Index}]");
        }
        sb.Append(" (");
        for (int i = 0; i < spec.RawLen; i++)
            sb.Append(i == 0 ? "" : ":").Append(spec.Raw[i].ToString(CultureInfo.InvariantCulture));
        long bit = spec.BitOffset;
        if (bit % 8 != 0)
            sb.Append(CultureInfo.InvariantCulture, $" @ offset {(uint)(bit / 8)}.{(uint)(bit % 8)})");
        else
            sb.Append(CultureInfo.InvariantCulture, $" @ offset {(uint)(bit / 8)})");
        return sb.ToString();
    }
}
