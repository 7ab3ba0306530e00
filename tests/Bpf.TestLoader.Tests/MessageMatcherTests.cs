using Bpf.TestLoader.Matching;

namespace Bpf.TestLoader.Tests;

public class MessageMatcherTests
{
    private static ExpectedMessage Msg(string text, bool negative = false, bool nextLine = false) =>
        ExpectedMessage.Create(text, negative, nextLine, out _)!;

    private const string Log = "0: R1=ctx() R10=fp0\n0: (b7) r0 = 0\n1: (95) exit\nprocessed 2 insns\n";

    [Fact]
    public void SubstringsMatchInOrder()
    {
        Assert.Null(MessageMatcher.Validate(Log, [Msg("r0 = 0"), Msg("exit"), Msg("processed")]));
    }

    [Fact]
    public void EachSearchStartsAfterThePreviousMatch()
    {
        var m = MessageMatcher.Validate(Log, [Msg("exit"), Msg("r0 = 0")]);
        Assert.NotNull(m);
        Assert.Equal(1, m.Index);
        Assert.Equal(MismatchKind.Missing, m.Kind);
        Assert.Equal("EXPECTED SUBSTR: 'r0 = 0'", m.Describe());
    }

    [Fact]
    public void RegexPartsAreExtendedPosix()
    {
        Assert.Null(MessageMatcher.Validate(Log, [Msg("processed {{[0-9]+}} insns")]));
        Assert.Null(MessageMatcher.Validate(Log, [Msg("R10={{fp[[:digit:]]}}")]));
        Assert.NotNull(MessageMatcher.Validate(Log, [Msg("processed {{[a-z]+}} insns")]));
    }

    [Fact]
    public void VerbatimPartsOfARegexAreLiteral()
    {
        // "(b7)" and "." are escaped outside {{ }}.
        Assert.Null(MessageMatcher.Validate(Log, [Msg("0: (b7) r0 = {{0}}")]));
        Assert.NotNull(MessageMatcher.Validate("0: xb7) r0 = 0", [Msg("0: (b7) r0 = {{0}}")]));
    }

    [Fact]
    public void CaretMatchesAtTheSearchStartAndAtLineStarts()
    {
        Assert.Null(MessageMatcher.Validate(Log, [Msg("r0 = 0"), Msg("{{^}}\n1: (95)")]));
        Assert.Null(MessageMatcher.Validate(Log, [Msg("{{^}}1: (95) exit")]));
    }

    [Fact]
    public void DotAndNegatedListsStopAtNewlines()
    {
        Assert.NotNull(MessageMatcher.Validate(Log, [Msg("fp0{{.}}0:")]));
        Assert.NotNull(MessageMatcher.Validate(Log, [Msg("fp0{{[^x]}}0:")]));
    }

    [Fact]
    public void NegativeMessageFailsWhenFoundBetweenItsNeighbours()
    {
        var m = MessageMatcher.Validate(Log, [Msg("r0 = 0"), Msg("exit", negative: true), Msg("processed")]);
        Assert.NotNull(m);
        Assert.Equal(MismatchKind.Unexpected, m.Kind);
        Assert.Null(MessageMatcher.Validate(Log, [Msg("r0 = 0"), Msg("R10", negative: true), Msg("processed")]));
    }

    [Fact]
    public void NegativeMessageAtTheEndCoversTheRestOfTheLog()
    {
        Assert.NotNull(MessageMatcher.Validate(Log, [Msg("r0 = 0"), Msg("insns", negative: true)]));
        Assert.Null(MessageMatcher.Validate(Log, [Msg("exit"), Msg("r0", negative: true)]));
    }

    [Fact]
    public void DisassemblyLinesMustBeConsecutive()
    {
        Assert.Null(MessageMatcher.Validate(Log, [Msg("r0 = 0"), Msg("exit", nextLine: true)]));
        var m = MessageMatcher.Validate(Log, [Msg("R10"), Msg("exit", nextLine: true)]);
        Assert.NotNull(m);
        Assert.Equal(MismatchKind.WrongLine, m.Kind);
    }

    [Fact]
    public void BadPatternsAreRejectedAsTestLoaderDoes()
    {
        Assert.Null(ExpectedMessage.Create("open {{[0-9]+", false, false, out string? error));
        Assert.Contains("no closing", error);
        Assert.Null(ExpectedMessage.Create(new string('x', 300) + "{{a}}", false, false, out error));
        Assert.Contains("too long", error);
    }
}
