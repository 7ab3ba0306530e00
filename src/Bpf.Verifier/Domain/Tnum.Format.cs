using System.Text;

namespace Bpf.Verifier.Domain;

/// <summary>Text forms of a tnum as the kernel prints them.</summary>
public readonly partial record struct Tnum
{
    /// <summary>The raw pair <c>(0x0; 0xff)</c> as printed by the verifier for var_off (kernel %#llx always prints 0x).</summary>
    public override string ToString() => $"(0x{Value:x}; 0x{Mask:x})";

    /// <summary>
    /// tnum_strn as overridden in kernel/bpf/log.c: a constant prints as a number (decimal up to 65535,
    /// otherwise hex), anything else as <c>(value; mask)</c>.
    /// </summary>
    public void AppendLogText(StringBuilder sb)
    {
        if (Mask == 0)
        {
            AppendUnsigned(sb, Value);
            return;
        }

        sb.Append("(0x").Append(Value.ToString("x", System.Globalization.CultureInfo.InvariantCulture))
          .Append("; 0x").Append(Mask.ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append(')');
    }

    /// <summary>verbose_unum: decimal up to U16_MAX, otherwise %#llx.</summary>
    public static void AppendUnsigned(StringBuilder sb, ulong v)
    {
        if (v <= ushort.MaxValue)
        {
            sb.Append(v);
        }
        else
        {
            sb.Append("0x").Append(v.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>verbose_snum: decimal within [S16_MIN, S16_MAX], otherwise %#llx of the 64-bit pattern.</summary>
    public static void AppendSigned(StringBuilder sb, long v)
    {
        if (v >= short.MinValue && v <= short.MaxValue)
        {
            sb.Append(v);
        }
        else
        {
            sb.Append("0x").Append(((ulong)v).ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
