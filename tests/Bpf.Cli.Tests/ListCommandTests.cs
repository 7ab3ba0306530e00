using System.Text.Json;

namespace Bpf.Cli.Tests;

public class ListCommandTests
{
    [Fact]
    public void CsvStartsLikeVeristatAndHasOneRowPerProgram()
    {
        var (exit, stdout, stderr) = CliRunner.Run("list", "-o", "csv", CliRunner.Data("progs.o"));
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var lines = stdout.TrimEnd().Split('\n');
        Assert.StartsWith("file_name,prog_name,", lines[0]);
        Assert.Equal(10, lines.Length);
        Assert.Contains(lines, l => l.Contains(",xdp_first,xdp,xdp,xdp,18,", StringComparison.Ordinal));
    }

    [Fact]
    public void JsonIsAnArrayOfPrograms()
    {
        var (exit, stdout, _) = CliRunner.Run("list", "-o", "json", CliRunner.Data("maps.o"));
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        var prog = doc.RootElement[0];
        Assert.Equal("use_maps", prog.GetProperty("prog_name").GetString());
        Assert.Equal("sched_cls", prog.GetProperty("prog_type").GetString());
        Assert.Contains("hash_map", prog.GetProperty("maps").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void TableListsLegacyObjects()
    {
        var (exit, stdout, _) = CliRunner.Run("list", CliRunner.Data("legacy.o"));
        Assert.Equal(0, exit);
        Assert.Contains("socket_filter", stdout);
        Assert.Contains("counts", stdout);
    }

    [Fact]
    public void ProgTypeGlobalOption()
    {
        var (_, stdout, _) = CliRunner.Run("--prog-type", "xdp", "list", "-o", "csv", CliRunner.Data("legacy.o"));
        Assert.All(stdout.TrimEnd().Split('\n').Skip(1), l => Assert.Contains(",xdp,", l));
    }

    [Fact]
    public void ProgTypesFileOption()
    {
        string csv = Path.Combine(Path.GetTempPath(), $"bpfv-types-{Environment.ProcessId}.csv");
        File.WriteAllText(csv, "file_name,prog_name,prog_type,expected_attach_type\nlegacy.o,cls_main,sched_act,\n");
        try
        {
            var (exit, stdout, _) = CliRunner.Run("list", "--prog-types", csv, "-o", "csv", CliRunner.Data("legacy.o"));
            Assert.Equal(0, exit);
            Assert.Contains(",cls_main,classifier,sched_act,", stdout);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public void BadInputIsOneLineOnStderrWithExitCode2()
    {
        string bogus = Path.Combine(Path.GetTempPath(), $"bpfv-bogus-{Environment.ProcessId}.o");
        File.WriteAllText(bogus, "not an object");
        try
        {
            var (exit, stdout, stderr) = CliRunner.Run("list", bogus);
            Assert.Equal(2, exit);
            Assert.Equal("", stdout);
            Assert.Equal($"bpfv: {bogus}: not an ELF file (bad magic)", stderr.TrimEnd());
        }
        finally
        {
            File.Delete(bogus);
        }
    }

    [Fact]
    public void MissingFile()
    {
        var (exit, _, stderr) = CliRunner.Run("list", "/nonexistent/x.o");
        Assert.Equal(2, exit);
        Assert.StartsWith("bpfv: /nonexistent/x.o: ", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void UnknownCommandAndOptions()
    {
        Assert.Equal(2, CliRunner.Run("frobnicate").Exit);
        Assert.Equal(2, CliRunner.Run("--prog-type", "nope", "list", "x.o").Exit);
        Assert.Equal(2, CliRunner.Run("list", "-o", "yaml", CliRunner.Data("progs.o")).Exit);
        Assert.Equal(0, CliRunner.Run("--help").Exit);
    }
}
