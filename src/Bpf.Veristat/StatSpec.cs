namespace Bpf.Veristat;

/// <summary>One entry of an emit or sort spec.</summary>
public readonly record struct StatSpecItem(StatId Id, StatVariant Variant, bool Ascending, bool Abs);

/// <summary>
/// An ordered list of stats, as given to <c>-e/--emit</c> or <c>-s/--sort</c> (or read from a
/// CSV header). Holds at most <see cref="StatCatalog.Count"/> entries, like veristat.
/// </summary>
public sealed class StatSpec
{
    private readonly List<StatSpecItem> _items = [];

    public StatSpec()
    {
    }

    public StatSpec(IEnumerable<StatSpecItem> items) => _items.AddRange(items);

    public IReadOnlyList<StatSpecItem> Items => _items;

    public int Count => _items.Count;

    public StatSpecItem this[int index] => _items[index];

    /// <summary>Table output default when no <c>-e</c> is given.</summary>
    public static StatSpec DefaultTable => Of(
        StatId.FileName, StatId.ProgName, StatId.Verdict, StatId.Duration,
        StatId.TotalInsns, StatId.TotalStates, StatId.PeakStates);

    /// <summary>CSV output default when no <c>-e</c> is given.</summary>
    public static StatSpec DefaultCsv => Of(
        StatId.FileName, StatId.ProgName, StatId.Verdict, StatId.Duration,
        StatId.TotalInsns, StatId.TotalStates, StatId.PeakStates,
        StatId.MaxStatesPerInsn, StatId.MarkReadMaxLen);

    /// <summary>Sort default (and the join order in comparison mode): file, then program.</summary>
    public static StatSpec DefaultSort => new([
        new StatSpecItem(StatId.FileName, StatVariant.A, true, false),
        new StatSpecItem(StatId.ProgName, StatVariant.A, true, false),
    ]);

    /// <summary>
    /// Parses a comma-separated spec and appends it (empty items are skipped). Writes veristat's
    /// message to <paramref name="stderr"/> and returns a negative errno on error.
    /// </summary>
    public int Append(string text, TextWriter stderr)
    {
        foreach (string item in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            int err = AppendOne(item, stderr);
            if (err != 0)
                return err;
        }
        return 0;
    }

    /// <summary>
    /// Parses one stat name with optional order marker (trailing <c>^</c> ascending, or one of
    /// <c>v V . ! _</c> descending) and appends it; returns a negative errno on error.
    /// </summary>
    public int AppendOne(string name, TextWriter stderr)
    {
        if (_items.Count >= StatCatalog.Count)
        {
            stderr.Write($"Can't specify more than {StatCatalog.Count} stats\n");
            return -Errno.E2BIG;
        }

        int len = name.Length;
        bool hasOrder = false, asc = false;
        if (len > 1 && (IsAscMarker(name[len - 1]) || IsDescMarker(name[len - 1])))
        {
            hasOrder = true;
            asc = IsAscMarker(name[len - 1]);
            len--;
        }

        if (!StatCatalog.TryResolve(name, len, out StatId id, out StatVariant variant, out bool abs))
        {
            stderr.Write($"Unrecognized stat name '{name}'\n");
            return -Errno.ESRCH;
        }

        _items.Add(new StatSpecItem(id, variant, hasOrder ? asc : StatCatalog.AscendingByDefault(id), abs));
        return 0;
    }

    private static bool IsAscMarker(char c) => c == '^';

    private static bool IsDescMarker(char c) => c is 'v' or 'V' or '.' or '!' or '_';

    private static StatSpec Of(params StatId[] ids)
    {
        StatSpec spec = new();
        foreach (StatId id in ids)
            spec._items.Add(new StatSpecItem(id, StatVariant.A, false, false));
        return spec;
    }
}
