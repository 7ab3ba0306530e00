using System.Text;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Semantics.Scalar;

namespace Bpf.Verifier.Log;

/// <summary>Scalar range text for the state printer, delegated to the numeric domain's <see cref="ScalarLog"/>.</summary>
public static class ScalarText
{
    public static void AppendRanges(StringBuilder sb, in ScalarBounds b, ref string sep)
    {
        if (ScalarLog.AppendLogRanges(sb, b, sep.Length > 0))
            sep = ",";
    }

    /// <summary>tnum_strn as log.c prints var_off.</summary>
    public static string TnumText(Tnum t)
    {
        var sb = new StringBuilder();
        t.AppendLogText(sb);
        return sb.ToString();
    }
}
