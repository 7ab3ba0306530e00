namespace Bpf.TestLoader.Spec;

/// <summary>glibc strverscmp ordering for the counters test tags carry: digit runs compare by value.</summary>
public static class VersionCompare
{
    public static int Compare(string? a, string? b)
    {
        if (a == null || b == null)
            return a == null ? (b == null ? 0 : -1) : 1;
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                int si = i, sj = j;
                while (i < a.Length && char.IsAsciiDigit(a[i]))
                    i++;
                while (j < b.Length && char.IsAsciiDigit(b[j]))
                    j++;
                var da = a.AsSpan(si, i - si).TrimStart('0');
                var db = b.AsSpan(sj, j - sj).TrimStart('0');
                if (da.Length != db.Length)
                    return da.Length - db.Length;
                int c = da.SequenceCompareTo(db);
                if (c != 0)
                    return c;
                continue;
            }
            if (a[i] != b[j])
                return a[i] - b[j];
            i++;
            j++;
        }
        return (a.Length - i) - (b.Length - j);
    }
}
