namespace Bpf.Veristat;

/// <summary>
/// Which value of a stat a spec or filter refers to in comparison mode (`_a`, `_b`, `_diff`,
/// `_pct` suffixes). Without a suffix veristat assumes <see cref="B"/>; outside comparison mode
/// the variant is ignored.
/// </summary>
public enum StatVariant
{
    A,
    B,
    Diff,
    Pct,
}
