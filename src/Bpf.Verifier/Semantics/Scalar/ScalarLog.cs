using System.Text;
using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Semantics.Scalar;

/// <summary>
/// Scalar parts of print_reg_state (kernel/bpf/log.c, 6.18): constants and the
/// <c>smin=...,var_off=(...)</c> list inside <c>scalar(...)</c>.
/// </summary>
public static class ScalarLog
{
    private static readonly string[] Names = ["smin", "smax", "umin", "umax", "smin32", "smax32", "umin32", "umax32"];

    /// <summary>
    /// A scalar whose var_off is constant prints as just the number (verbose_snum: decimal in
    /// [-32768, 32767], else 0x hex of the 64-bit pattern). Returns false (nothing appended) otherwise.
    /// </summary>
    public static bool TryAppendConst(StringBuilder sb, in ScalarBounds b)
    {
        if (!b.VarOff.IsConst)
        {
            return false;
        }

        Tnum.AppendSigned(sb, (long)b.VarOff.Value);
        return true;
    }

    /// <summary>
    /// print_scalar_ranges followed by var_off (when not fully unknown), comma-separated, as they
    /// appear between the parentheses of <c>scalar(...)</c>. <paramref name="needSeparator"/> says
    /// whether something (e.g. <c>id=1</c>) precedes; returns whether anything was appended.
    /// Call only for non-constant var_off.
    /// </summary>
    public static bool AppendLogRanges(StringBuilder sb, in ScalarBounds b, bool needSeparator = false)
    {
        Span<ulong> val = stackalloc ulong[8];
        Span<bool> omit = stackalloc bool[8];

        // Signed 32-bit values print sign-extended only when they would print in decimal; in hex
        // the 32-bit pattern is used so smin32=0xfffffffe is not shown as a 64-bit number.
        val[0] = (ulong)b.SMin;
        omit[0] = b.SMin == long.MinValue;
        val[1] = (ulong)b.SMax;
        omit[1] = b.SMax == long.MaxValue;
        val[2] = b.UMin;
        omit[2] = b.UMin == 0;
        val[3] = b.UMax;
        omit[3] = b.UMax == ulong.MaxValue;
        val[4] = IsSnumDecimal(b.S32Min) ? (ulong)(long)b.S32Min : (uint)b.S32Min;
        omit[4] = b.S32Min == int.MinValue;
        val[5] = IsSnumDecimal(b.S32Max) ? (ulong)(long)b.S32Max : (uint)b.S32Max;
        omit[5] = b.S32Max == int.MaxValue;
        val[6] = b.U32Min;
        omit[6] = b.U32Min == 0;
        val[7] = b.U32Max;
        omit[7] = b.U32Max == uint.MaxValue;

        bool sep = needSeparator;
        bool any = false;
        for (int i = 0; i < 8; i++)
        {
            if (omit[i])
            {
                continue;
            }

            bool signed1 = i is 0 or 1 or 4 or 5;
            bool neg1 = signed1 && (long)val[i] < 0;
            if (sep)
            {
                sb.Append(',');
            }

            sb.Append(Names[i]).Append('=');
            sep = true;
            any = true;

            // Later fields of the same min/max parity with an equal value merge into "a=b=...=v".
            for (int j = i + 2; j < 8; j += 2)
            {
                if (omit[j] || val[j] != val[i])
                {
                    continue;
                }

                bool neg2 = j is 4 or 5 && (long)val[j] < 0;
                if (neg2 != neg1)
                {
                    continue;
                }

                omit[j] = true;
                sb.Append(Names[j]).Append('=');
            }

            if (signed1)
            {
                Tnum.AppendSigned(sb, (long)val[i]);
            }
            else
            {
                Tnum.AppendUnsigned(sb, val[i]);
            }
        }

        if (!b.VarOff.IsUnknown)
        {
            if (sep)
            {
                sb.Append(',');
            }

            sb.Append("var_off=");
            b.VarOff.AppendLogText(sb);
            any = true;
        }

        return any;
    }

    /// <summary>Convenience: the full text of a scalar register value as the kernel prints it, without "P"/id: "5" or "scalar(...)".</summary>
    public static string Format(in ScalarBounds b)
    {
        var sb = new StringBuilder();
        if (!TryAppendConst(sb, b))
        {
            sb.Append("scalar(");
            AppendLogRanges(sb, b);
            sb.Append(')');
        }

        return sb.ToString();
    }

    private static bool IsSnumDecimal(long v) => v >= short.MinValue && v <= short.MaxValue;
}
