namespace Bpf.Veristat;

/// <summary>
/// One <c>-f</c> expression: either a name filter (a glob on file and/or program name) or a stat
/// filter (<c>stat&lt;op&gt;value</c>). Whether it allows or denies is decided by the owning
/// <see cref="FilterSet"/>.
/// </summary>
public abstract record FilterSpec;

/// <summary>
/// <c>glob</c> (matches file or program), <c>file-glob/prog-glob</c>, <c>file-glob/</c> or
/// <c>/prog-glob</c>. Only <c>*</c> is special in globs.
/// </summary>
public sealed record NameFilter(string? AnyGlob, string? FileGlob, string? ProgGlob) : FilterSpec
{
    /// <summary>Exact match once both names are known.</summary>
    public bool Matches(string fileName, string? progName)
    {
        if (AnyGlob != null)
            return Glob.Matches(fileName, AnyGlob) || (progName != null && Glob.Matches(progName, AnyGlob));
        if (FileGlob != null && ProgGlob != null)
            return progName != null && Glob.Matches(fileName, FileGlob) && Glob.Matches(progName, ProgGlob);
        if (FileGlob != null)
            return Glob.Matches(fileName, FileGlob);
        if (ProgGlob != null)
            return progName != null && Glob.Matches(progName, ProgGlob);
        return false;
    }

    /// <summary>Whether the file may hold matching programs (program name not known yet).</summary>
    public bool MayMatchFile(string fileName)
    {
        if (FileGlob != null)
            return Glob.Matches(fileName, FileGlob);
        return AnyGlob != null || ProgGlob != null;
    }
}

/// <summary>
/// <c>stat&lt;op&gt;value</c>. veristat 6.12 always compares the absolute value of the stat, so
/// <see cref="Abs"/> is always true for parsed filters.
/// </summary>
public sealed record StatFilter(StatId Stat, StatVariant Variant, FilterOp Op, long Value, bool Abs) : FilterSpec
{
    /// <summary>Test against a single data set row (variant ignored).</summary>
    public bool Matches(StatRow row)
    {
        long value = row[Stat];
        if (Abs)
            value = value < 0 ? unchecked(-value) : value;
        return Op switch
        {
            FilterOp.Eq => value == Value,
            FilterOp.Neq => value != Value,
            FilterOp.Lt => value < Value,
            FilterOp.Le => value <= Value,
            FilterOp.Gt => value > Value,
            _ => value >= Value,
        };
    }

    /// <summary>Test against a joined comparison row, with veristat's epsilon.</summary>
    public bool Matches(JoinRow row)
    {
        const double eps = 1e-9;
        double value = row.NumericValue(Stat, Variant);
        if (Abs)
            value = Math.Abs(value);
        double v = Value;
        return Op switch
        {
            FilterOp.Eq => value > v - eps && value < v + eps,
            FilterOp.Neq => value < v - eps || value > v + eps,
            FilterOp.Lt => value < v - eps,
            FilterOp.Le => value <= v + eps,
            FilterOp.Gt => value > v + eps,
            _ => value >= v - eps,
        };
    }
}
