using System.Globalization;

namespace Bpf.Conformance;

/// <summary>
/// The ratchet: per corpus, the lowest acceptable verdict and error-line agreement and the highest acceptable number of
/// false accepts. A plain `key=value` file so diffs read well; raise it when bpfv improves, never lower it.
/// </summary>
public static class Baseline
{
    public static Dictionary<string, double> Read(string path)
    {
        var d = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!File.Exists(path))
            return d;
        foreach (string raw in File.ReadAllLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            int eq = line.IndexOf('=');
            if (eq > 0 && double.TryParse(line[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                d[line[..eq].Trim()] = v;
        }
        return d;
    }

    public static IEnumerable<(string Key, double Value)> Figures(Comparison c)
    {
        yield return ($"{c.Corpus}.verdict_agree", c.VerdictAgree);
        yield return ($"{c.Corpus}.error_line_agree", c.ErrorLineAgree);
        yield return ($"{c.Corpus}.false_accepts", c.FalseAccepts.Count);
    }

    /// <summary>Regressions against the baseline, one line each (empty = pass).</summary>
    public static List<string> Check(Dictionary<string, double> baseline, Comparison c)
    {
        var failures = new List<string>();
        foreach (var (key, value) in Figures(c))
        {
            if (!baseline.TryGetValue(key, out double limit))
                continue;
            bool lowerIsBetter = key.EndsWith(".false_accepts", StringComparison.Ordinal);
            if (lowerIsBetter ? value > limit : value < limit)
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{key}: {value} is worse than the baseline {limit}"));
        }
        return failures;
    }

    public static void Write(string path, IEnumerable<Comparison> comparisons)
    {
        var lines = new List<string> { "# Conformance ratchet (bench/Bpf.Conformance --update-baseline). Raise, never lower." };
        foreach (var c in comparisons)
        {
            foreach (var (key, value) in Figures(c))
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{key}={value}"));
        }
        File.WriteAllLines(path, lines);
    }
}
