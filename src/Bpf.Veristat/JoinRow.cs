namespace Bpf.Veristat;

/// <summary>
/// One program in comparison mode: its A (baseline) and B (comparison) rows, either of which may
/// be missing.
/// </summary>
public sealed class JoinRow
{
    public JoinRow(StatRow? a, StatRow? b)
    {
        StatRow key = a ?? b ?? throw new ArgumentException("a join row needs at least one side");
        A = a;
        B = b;
        FileName = key.FileName;
        ProgName = key.ProgName;
    }

    public string FileName { get; }

    public string ProgName { get; }

    public StatRow? A { get; }

    public StatRow? B { get; }

    /// <summary>
    /// veristat's <c>fetch_join_stat_value</c> for a numeric stat: a missing side reads as
    /// <c>-DBL_MAX</c>; verdict's diff is 1 for MATCH and 0 for MISMATCH.
    /// </summary>
    public double NumericValue(StatId id, StatVariant variant)
    {
        long v1 = A?[id] ?? 0;
        long v2 = B?[id] ?? 0;
        switch (variant)
        {
            case StatVariant.A:
                return A == null ? -double.MaxValue : v1;
            case StatVariant.B:
                return B == null ? -double.MaxValue : v2;
            case StatVariant.Diff:
                if (A == null || B == null)
                    return -double.MaxValue;
                if (id == StatId.Verdict)
                    return v1 == v2 ? 1.0 : 0.0;
                return unchecked(v2 - v1);
            default:
                if (A == null || B == null)
                    return -double.MaxValue;
                return PercentDiff(v1, v2);
        }
    }

    /// <summary>Relative change from <paramref name="a"/> to <paramref name="b"/> in percent, as veristat computes it.</summary>
    public static double PercentDiff(long a, long b)
    {
        if (a == 0)
            return a == b ? 0.0 : (b < a ? -100.0 : 100.0);
        return unchecked(b - a) * 100.0 / a;
    }
}
