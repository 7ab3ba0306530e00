namespace Bpf.Cli.Tests;

public class VerifyCommandTests
{
    [Fact]
    public void MissingObjectIsOneLineAndExitTwo()
    {
        string path = Path.Combine(Path.GetTempPath(), "bpfv-no-such-object.bpf.o");
        var (exit, stdout, stderr) = CliRunner.Run("verify", path);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal($"bpfv: {path}: No such file\n", stderr);
    }

    [Fact]
    public void MalformedObjectIsOneLineAndExitTwo()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1]);
            var (exit, _, stderr) = CliRunner.Run("verify", path);
            Assert.Equal(2, exit);
            Assert.StartsWith($"bpfv: {path}: ", stderr, StringComparison.Ordinal);
            Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LogLevelOnePrintsVeristatVerboseBlocks()
    {
        string hello = Path.Combine(AppContext.BaseDirectory, "Data", "progs.o");
        var (exit, stdout, _) = CliRunner.Run("verify", hello);
        Assert.True(exit is 0 or 1);
        Assert.StartsWith($"PROCESSING {hello}/", stdout, StringComparison.Ordinal);
        Assert.Contains(" insns (limit 1000000) max_states_per_insn ", stdout, StringComparison.Ordinal);
    }
}
