namespace Bpf.Veristat;

/// <summary>Joins two data sets by file and program name, like veristat's comparison mode.</summary>
public static class CompareEngine
{
    /// <summary>
    /// Sorts both sides by (file, program) and merges them; a key present on one side only
    /// yields a row with the other side missing. Duplicate keys pair up in order.
    /// </summary>
    public static List<JoinRow> Join(IReadOnlyList<StatRow> baseline, IReadOnlyList<StatRow> comparison)
    {
        List<StatRow> a = RowSorter.SortStable(baseline, RowSorter.ByKey);
        List<StatRow> b = RowSorter.SortStable(comparison, RowSorter.ByKey);
        List<JoinRow> joined = new(Math.Max(a.Count, b.Count));
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
        {
            if (i == a.Count)
            {
                joined.Add(new JoinRow(null, b[j++]));
                continue;
            }
            if (j == b.Count)
            {
                joined.Add(new JoinRow(a[i++], null));
                continue;
            }
            int r = RowSorter.ByKey(a[i], b[j]);
            if (r == 0)
                joined.Add(new JoinRow(a[i++], b[j++]));
            else if (r < 0)
                joined.Add(new JoinRow(a[i++], null));
            else
                joined.Add(new JoinRow(null, b[j++]));
        }
        return joined;
    }
}
