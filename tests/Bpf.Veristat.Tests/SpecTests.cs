namespace Bpf.Veristat.Tests;

public sealed class SpecTests
{
    [Theory]
    [InlineData("insns", StatId.TotalInsns, StatVariant.B, false, false)]
    [InlineData("total_insns_a^", StatId.TotalInsns, StatVariant.A, true, false)]
    [InlineData("|states_diff|", StatId.TotalStates, StatVariant.Diff, false, true)]
    [InlineData("file_", StatId.FileName, StatVariant.B, false, false)]
    [InlineData("verdict", StatId.Verdict, StatVariant.B, true, false)]
    [InlineData("mark_read_pct", StatId.MarkReadMaxLen, StatVariant.Pct, false, false)]
    public void ParsesStatNames(string text, StatId id, StatVariant variant, bool asc, bool abs)
    {
        StatSpec spec = new();
        Assert.Equal(0, spec.Append(text, TextWriter.Null));
        Assert.Equal(new StatSpecItem(id, variant, asc, abs), spec[0]);
    }

    [Fact]
    public void RejectsUnknownStat()
    {
        StringWriter err = new();
        Assert.Equal(-3, new StatSpec().Append("insns,nope", err));
        Assert.Equal("Unrecognized stat name 'nope'\n", err.ToString());
    }

    [Theory]
    [InlineData("insns_pct>1", StatId.TotalInsns, StatVariant.Pct, FilterOp.Gt, 1)]
    [InlineData("verdict<>success", StatId.Verdict, StatVariant.B, FilterOp.Neq, 1)]
    [InlineData("dur_a=-5", StatId.Duration, StatVariant.A, FilterOp.Eq, -5)]
    public void ParsesStatFilters(string text, StatId id, StatVariant variant, FilterOp op, long value)
    {
        Assert.Equal(0, FilterParser.TryParse(text, TextWriter.Null, out FilterSpec? f));
        Assert.Equal(new StatFilter(id, variant, op, value, true), f);
    }

    [Theory]
    [InlineData("abc", "abc", null, null)]
    [InlineData("a*/", null, "a*", null)]
    [InlineData("/p*", null, null, "p*")]
    public void ParsesNameFilters(string text, string? any, string? file, string? prog)
    {
        Assert.Equal(0, FilterParser.TryParse(text, TextWriter.Null, out FilterSpec? f));
        Assert.Equal(new NameFilter(any, file, prog), f);
    }

    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("abc", "a*", true)]
    [InlineData("abc", "*c", true)]
    [InlineData("abc", "*b", false)]
    [InlineData("abc", "a**c", true)]
    [InlineData("abc", "a?c", false)]
    public void Globs(string text, string pattern, bool expected) => Assert.Equal(expected, Glob.Matches(text, pattern));

    [Fact]
    public void ArgParserKeepsAtArgumentsAsOperands()
    {
        ArgParseResult r = ArgParser.Parse(["-R", "@x.csv"], TextWriter.Null, TextWriter.Null);
        Assert.NotNull(r.Options);
        Assert.Equal(["@x.csv"], r.Options!.Files);
    }
}
