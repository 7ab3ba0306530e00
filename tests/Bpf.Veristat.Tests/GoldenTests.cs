using System.Text;

namespace Bpf.Veristat.Tests;

/// <summary>
/// Every case of Data/cases.txt must reproduce the reference veristat's stdout, stderr and exit
/// code byte for byte (goldens made by tools/regen_golden.py).
/// </summary>
public sealed class GoldenTests
{
    public static TheoryData<string> CaseNames()
    {
        TheoryData<string> data = [];
        foreach (GoldenCase c in GoldenCase.All)
            data.Add(c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void MatchesReferenceVeristat(string name)
    {
        GoldenCase c = GoldenCase.All.Single(x => x.Name == name);
        StringWriter stdout = new() { NewLine = "\n" };
        StringWriter stderr = new() { NewLine = "\n" };

        int rc = Veristat.Run(c.Args, stdout, stderr, live: null, argv0: "veristat", workingDirectory: GoldenCase.DataDir);

        Assert.Equal(Encoding.UTF8.GetString(c.Expected("out")), stdout.ToString());
        Assert.Equal(Encoding.UTF8.GetString(c.Expected("err")), stderr.ToString());
        Assert.Equal(Encoding.ASCII.GetString(c.Expected("rc")).Trim(), rc.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(c.Expected("out"), Encoding.UTF8.GetBytes(stdout.ToString()));
    }

    [Fact]
    public void HasAtLeastTenComparisonAndSeveralReplayCases()
    {
        Assert.True(GoldenCase.All.Count(c => c.Args.Contains("-C") || c.Args.Contains("--compare")) >= 10);
        Assert.True(GoldenCase.All.Count(c => c.Args.Contains("-R")) >= 5);
    }
}
