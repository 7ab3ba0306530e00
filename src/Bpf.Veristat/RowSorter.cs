namespace Bpf.Veristat;

/// <summary>
/// veristat's row orderings. glibc's qsort is a merge sort, hence stable, so rows with equal
/// keys keep their input order here too. Names compare like <c>strcmp</c> on UTF-8 bytes.
/// </summary>
public static class RowSorter
{
    /// <summary>Order by file name, then program name.</summary>
    public static int ByKey(StatRow x, StatRow y)
    {
        int cmp = Utf8Order.Compare(x.FileName, y.FileName);
        return cmp != 0 ? cmp : Utf8Order.Compare(x.ProgName, y.ProgName);
    }

    /// <summary>Sorts single data set rows by <paramref name="spec"/>, then file and program.</summary>
    public static List<StatRow> Sort(IReadOnlyList<StatRow> rows, StatSpec spec) =>
        SortStable(rows, (x, y) =>
        {
            foreach (StatSpecItem item in spec.Items)
            {
                int cmp = CompareStat(x, y, item);
                if (cmp != 0)
                    return cmp;
            }
            return ByKey(x, y);
        });

    /// <summary>Sorts joined rows by <paramref name="spec"/> (variants honoured), then file and program.</summary>
    public static List<JoinRow> Sort(IReadOnlyList<JoinRow> rows, StatSpec spec) =>
        SortStable(rows, (x, y) =>
        {
            foreach (StatSpecItem item in spec.Items)
            {
                int cmp = CompareJoinStat(x, y, item);
                if (cmp != 0)
                    return cmp;
            }
            int key = Utf8Order.Compare(x.FileName, y.FileName);
            return key != 0 ? key : Utf8Order.Compare(x.ProgName, y.ProgName);
        });

    /// <summary>Stable merge sort (List.Sort is an unstable introsort).</summary>
    public static List<T> SortStable<T>(IReadOnlyList<T> items, Comparison<T> comparison)
    {
        T[] a = [.. items];
        T[] tmp = new T[a.Length];
        MergeSort(a, tmp, 0, a.Length, comparison);
        return [.. a];
    }

    private static void MergeSort<T>(T[] a, T[] tmp, int lo, int hi, Comparison<T> cmp)
    {
        if (hi - lo < 2)
            return;
        int mid = lo + ((hi - lo) / 2);
        MergeSort(a, tmp, lo, mid, cmp);
        MergeSort(a, tmp, mid, hi, cmp);
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi)
            tmp[k++] = cmp(a[i], a[j]) <= 0 ? a[i++] : a[j++];
        while (i < mid)
            tmp[k++] = a[i++];
        while (j < hi)
            tmp[k++] = a[j++];
        Array.Copy(tmp, lo, a, lo, hi - lo);
    }

    private static int CompareStat(StatRow x, StatRow y, StatSpecItem item)
    {
        int cmp;
        switch (item.Id)
        {
            case StatId.FileName:
                cmp = Utf8Order.Compare(x.FileName, y.FileName);
                break;
            case StatId.ProgName:
                cmp = Utf8Order.Compare(x.ProgName, y.ProgName);
                break;
            default:
                long v1 = x[item.Id], v2 = y[item.Id];
                if (item.Abs)
                {
                    v1 = v1 < 0 ? unchecked(-v1) : v1;
                    v2 = v2 < 0 ? unchecked(-v2) : v2;
                }
                cmp = v1 == v2 ? 0 : (v1 < v2 ? -1 : 1);
                break;
        }
        return item.Ascending ? cmp : -cmp;
    }

    private static int CompareJoinStat(JoinRow x, JoinRow y, StatSpecItem item)
    {
        int cmp;
        if (item.Id == StatId.FileName)
        {
            cmp = Utf8Order.Compare(x.FileName, y.FileName);
        }
        else if (item.Id == StatId.ProgName)
        {
            cmp = Utf8Order.Compare(x.ProgName, y.ProgName);
        }
        else
        {
            double v1 = x.NumericValue(item.Id, item.Variant), v2 = y.NumericValue(item.Id, item.Variant);
            if (item.Abs)
            {
                v1 = Math.Abs(v1);
                v2 = Math.Abs(v2);
            }
            cmp = v1 == v2 ? 0 : (v1 < v2 ? -1 : 1);
        }
        return item.Ascending ? cmp : -cmp;
    }
}
