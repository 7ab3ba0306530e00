namespace Bpf.Veristat.Tests;

public sealed class CFormatTests
{
    [Theory]
    [InlineData(0.0, "+0.00")]
    [InlineData(-0.0, "-0.00")]
    [InlineData(0.125, "+0.12")]
    [InlineData(0.375, "+0.38")]
    [InlineData(-2.5, "-2.50")]
    [InlineData(-0.001, "-0.00")]
    [InlineData(100.0, "+100.00")]
    [InlineData(197.82608695652175, "+197.83")]
    [InlineData(1e21, "+1000000000000000000000.00")]
    public void SignedFixed2RoundsLikeGlibc(double value, string expected) =>
        Assert.Equal(expected, CFormat.SignedFixed2(value));

    [Theory]
    [InlineData(100, 90, "-10 (-10.00%)")]
    [InlineData(0, 5, "+5 (+100.00%)")]
    [InlineData(0, 0, "+0 (+0.00%)")]
    [InlineData(5, 0, "-5 (-100.00%)")]
    [InlineData(800, 801, "+1 (+0.12%)")]
    public void DiffText(long a, long b, string expected) =>
        Assert.Equal(expected, CompareCells.DiffText(a, b));
}
