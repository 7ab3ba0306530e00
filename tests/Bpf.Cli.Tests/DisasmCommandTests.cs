namespace Bpf.Cli.Tests;

public class DisasmCommandTests
{
    [Fact]
    public void PrintsTheLinkedProgramWithFunctionMarkers()
    {
        var (exit, stdout, stderr) = CliRunner.Run("disasm", CliRunner.Data("progs.o"), "-p", "xdp_first");
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Contains("; program xdp_first", stdout);
        Assert.Contains("   0: (85) call pc+4", stdout);
        Assert.Contains("; func sub_leaf", stdout);
        Assert.Contains("  17: (95) exit", stdout);
    }

    [Fact]
    public void SourceLinesFromBtfExt()
    {
        var (_, stdout, _) = CliRunner.Run("disasm", CliRunner.Data("progs.o"), "-p", "xdp_first", "--source");
        Assert.Contains("; v = sub_a(v);", stdout);
    }

    [Fact]
    public void UnknownProgram()
    {
        var (exit, _, stderr) = CliRunner.Run("disasm", CliRunner.Data("progs.o"), "-p", "nope");
        Assert.Equal(2, exit);
        Assert.Contains("no program named 'nope'", stderr);
    }

    [Fact]
    public void AtFileArgumentsAreNotResponseFiles()
    {
        var (exit, _, stderr) = CliRunner.Run("list", "@does-not-exist");
        Assert.Equal(2, exit);
        Assert.StartsWith("bpfv: @does-not-exist: ", stderr);
    }
}
