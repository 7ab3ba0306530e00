using System.Text;

namespace Bpf.Verifier.Log;

/// <summary>bpf_fmt_stack_mask: the slots of a mask as stack offsets, lowest slot first ("-8,-16").</summary>
internal static class StackMaskText
{
    public static StringBuilder Append(StringBuilder sb, ulong mask)
    {
        bool first = true;
        for (int i = 0; i < 64; i++)
        {
            if ((mask & (1UL << i)) == 0)
                continue;
            if (!first)
                sb.Append(',');
            sb.Append(-(i + 1) * 8);
            first = false;
        }
        return sb;
    }
}
