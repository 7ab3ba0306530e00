using System.Globalization;
using System.Text;

namespace Bpf.Conformance;

/// <summary>Writes the generated figures into docs/CONFORMANCE.md between markers, leaving the hand-written text alone.</summary>
public static class Report
{
    const string Begin = "<!-- BEGIN GENERATED FIGURES (bench/Bpf.Conformance) -->";
    const string End = "<!-- END GENERATED FIGURES -->";

    public static string Summary(Comparison c)
    {
        var sb = new StringBuilder();
        string P(int n, int d) => string.Create(CultureInfo.InvariantCulture, $"{n}/{d} ({c.Pct(n, d):0.0}%)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"### {c.Corpus}");
        sb.AppendLine();
        sb.AppendLine("| figure | value |");
        sb.AppendLine("| --- | --- |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| judged programs (kernel.csv) | {c.Judged} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| verdict agreement | {P(c.VerdictAgree, c.Judged)} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| verdict agreement, not counting `unsupported` rejections | {P(c.VerdictAgreeModelled, c.Judged)} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| false accepts (kernel rejects, bpfv accepts) | {c.FalseAccepts.Count} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| false rejects | {c.FalseRejects.Count} (of which `bpfv: unsupported`: {c.UnsupportedFalseRejects}) |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| error line identical (both reject) | {P(c.ErrorLineAgree, c.BothReject)} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| total_insns exact (both accept) | {P(c.InsnsExact, c.BothAccept)} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| total_insns within 5% | {P(c.InsnsWithin5, c.BothAccept)} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| peak_states exact | {P(c.PeakExact, c.BothAccept)} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| total_states exact | {P(c.StatesExact, c.BothAccept)} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| programs bpfv rejects as unsupported (any kernel verdict) | {c.Unsupported} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| missing programs / crashes / timeouts | {c.Missing} / {c.Crashes} / {c.Timeouts} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| verification time, sum (kernel vs bpfv in this JIT harness{(c.Warm ? ", second run" : "")}; the native CLI's: docs/PERFORMANCE.md) | {c.KernelUs / 1000.0:0.0} ms vs {c.BpfvUs / 1000.0:0.0} ms |");
        int slower = 0, over10 = 0;
        foreach (var (k, b) in c.Timed)
        {
            if (b.Kind != OutcomeKind.Verified || k.DurationUs <= 0)
                continue;
            slower += b.DurationUs > k.DurationUs ? 1 : 0;
            over10 += b.DurationUs > 10 * k.DurationUs ? 1 : 0;
        }
        sb.AppendLine(CultureInfo.InvariantCulture, $"| programs slower than the kernel / over 10x its time (this harness) | {slower} / {over10} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| bpfv wall time (load + verify, all cores) | {c.WallSeconds:0.0} s |");
        sb.AppendLine();
        return sb.ToString();
    }

    public static string Details(Comparison c)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"#### {c.Corpus}: false accepts ({c.FalseAccepts.Count})");
        sb.AppendLine();
        foreach (var (k, _) in c.FalseAccepts)
            sb.AppendLine(CultureInfo.InvariantCulture, $"- `{k.File}` `{k.Prog}`: kernel says `{k.ErrorLine}`");
        sb.AppendLine();
        AppendGroups(sb, $"{c.Corpus}: false rejects by bpfv's message", c.FalseRejects.Select(f => f.B?.ErrorLine ?? f.B?.Kind.ToString() ?? "(missing)"));
        AppendGroups(sb, $"{c.Corpus}: error-line differences by kernel message", c.ErrorLineDiffs.Select(f => f.K.ErrorLine));
        sb.AppendLine(CultureInfo.InvariantCulture, $"#### {c.Corpus}: slowest programs in bpfv (µs)");
        sb.AppendLine();
        sb.AppendLine("| file | program | kernel insns | bpfv insns | kernel µs | bpfv µs |");
        sb.AppendLine("| --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var (k, b) in c.Timed.OrderByDescending(t => t.B.DurationUs).Take(15))
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {k.File} | {k.Prog} | {k.Insns} | {b.Insns} | {k.DurationUs} | {b.DurationUs} |");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"#### {c.Corpus}: per area (judged / agree / false accepts)");
        sb.AppendLine();
        sb.AppendLine("| area | judged | agree | false accepts |");
        sb.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var (area, v) in c.PerArea.OrderBy(p => p.Key, StringComparer.Ordinal))
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {area} | {v.Judged} | {v.Agree} | {v.FalseAccepts} |");
        sb.AppendLine();
        return sb.ToString();
    }

    static void AppendGroups(StringBuilder sb, string title, IEnumerable<string?> messages)
    {
        var groups = messages.GroupBy(Comparison.ErrorClass).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        sb.AppendLine(CultureInfo.InvariantCulture, $"#### {title}");
        sb.AppendLine();
        sb.AppendLine("| count | class |");
        sb.AppendLine("| ---: | --- |");
        foreach (var g in groups.Take(40))
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {g.Count()} | `{g.Key.Replace("|", "\\|")}` |");
        if (groups.Count > 40)
            sb.AppendLine(CultureInfo.InvariantCulture, $"| … | {groups.Count - 40} more classes |");
        sb.AppendLine();
    }

    /// <summary>Replaces the generated block of <paramref name="mdPath"/> (appending it when absent).</summary>
    public static void WriteInto(string mdPath, string generated)
    {
        string text = File.Exists(mdPath) ? File.ReadAllText(mdPath) : "# Conformance\n\n";
        string block = Begin + "\n" + generated + End;
        int b = text.IndexOf(Begin, StringComparison.Ordinal);
        int e = text.IndexOf(End, StringComparison.Ordinal);
        text = b >= 0 && e > b ? text[..b] + block + text[(e + End.Length)..] : text.TrimEnd() + "\n\n" + block + "\n";
        File.WriteAllText(mdPath, text);
    }

    /// <summary>One tab-separated line per judged program, for working through an area by hand.</summary>
    public static void WriteRows(string path, string corpus, KernelAnswers kernel, IReadOnlyDictionary<(string, string), Outcome> ours, bool append)
    {
        using var w = new StreamWriter(path, append);
        if (!append)
            w.WriteLine("corpus\tfile\tprog\tkernel\tbpfv\tkernel_insns\tbpfv_insns\tkernel_peak\tbpfv_peak\tkernel_error\tbpfv_error\tkernel_us\tbpfv_us\tliveness_bytes");
        foreach (var k in kernel.Judged)
        {
            ours.TryGetValue((k.File, k.Prog), out var b);
            string bv = b is null ? "missing" : b.Accepted ? "success" : "failure";
            w.WriteLine(string.Join('\t', corpus, k.File, k.Prog, k.Accepted ? "success" : "failure", bv,
                k.Insns.ToString(CultureInfo.InvariantCulture), (b?.Insns ?? 0).ToString(CultureInfo.InvariantCulture),
                k.PeakStates.ToString(CultureInfo.InvariantCulture), (b?.PeakStates ?? 0).ToString(CultureInfo.InvariantCulture),
                k.ErrorLine ?? "", b?.ErrorLine ?? "", k.DurationUs.ToString(CultureInfo.InvariantCulture),
                (b?.DurationUs ?? 0).ToString(CultureInfo.InvariantCulture), (b?.LivenessBytes ?? 0).ToString(CultureInfo.InvariantCulture)));
        }
    }
}
