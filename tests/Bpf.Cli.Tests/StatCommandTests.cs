using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Bpf.Cli.Tests;

public partial class StatCommandTests
{
    private const string CsvHeader = "file_name,prog_name,verdict,duration,total_insns,total_states,peak_states,max_states_per_insn,max_mark_read_len";

    /// <summary>The folder holding bpfv.sln: above the test assembly, or above this source file when built elsewhere.</summary>
    private static string RepoRoot([CallerFilePath] string source = "")
    {
        foreach (string? start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(source), Directory.GetCurrentDirectory() })
        {
            for (var dir = start == null ? null : new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "bpfv.sln")))
                    return dir.FullName;
            }
        }
        throw new InvalidOperationException("bpfv.sln not found");
    }

    private static string Hello => Path.Combine(RepoRoot(), "examples", "hello.bpf.o");

    [GeneratedRegex(@"^([^,]*,[^,]*,[^,]*),\d+,")]
    private static partial Regex CsvDuration();

    [Fact]
    public void CsvOnHelloMatchesTheKernel()
    {
        var (exit, stdout, stderr) = CliRunner.Run("stat", "-o", "csv", Hello);
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.EndsWith("\n", stdout);
        var lines = stdout[..^1].Split('\n').Select(l => CsvDuration().Replace(l, "$1,D,")).ToArray();
        Assert.Equal(
            [
                CsvHeader,
                "hello.bpf.o,bad_lookup,failure,D,7,0,0,0,0",
                "hello.bpf.o,count_packets,success,D,13,1,1,0,0",
            ],
            lines);
    }

    [Fact]
    public void TableHasVeristatLayout()
    {
        var (exit, stdout, _) = CliRunner.Run("stat", Hello);
        Assert.Equal(0, exit);
        var lines = stdout.Split('\n');
        Assert.Equal("Processing 'hello.bpf.o'...", lines[0]);
        Assert.StartsWith("File         Program        Verdict  Duration (us)  Insns  States  Peak states", lines[1]);
        Assert.Matches(@"^hello\.bpf\.o  bad_lookup     failure +\d+      7       0            0$", lines[3]);
        Assert.Matches(@"^hello\.bpf\.o  count_packets  success +\d+     13       1            1$", lines[4]);
        Assert.Equal("Done. Processed 1 files, 2 programs. Skipped 0 files, 0 programs.", lines[6]);
    }

    [Fact]
    public void FiltersMissingFilesAndNonObjectsAreReportedLikeVeristat()
    {
        string dir = Directory.CreateTempSubdirectory("bpfv-stat").FullName;
        try
        {
            string text = Path.Combine(dir, "notes.txt");
            File.WriteAllText(text, "not an ELF file\n");
            string missing = Path.Combine(dir, "missing.bpf.o");
            var (exit, stdout, stderr) = CliRunner.Run("stat", "-v", "-f", "*/count_packets", Hello, text, missing);
            Assert.Equal(0, exit);
            Assert.Equal($"Failed to open '{missing}': -2\n", stderr);
            Assert.Contains($"Skipping '{text}' as it's not a BPF object file...\n", stdout, StringComparison.Ordinal);
            Assert.Contains($"PROCESSING {Hello}/count_packets, DURATION US: ", stdout, StringComparison.Ordinal);
            Assert.Contains("processed 13 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 0\n", stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("bad_lookup", stdout, StringComparison.Ordinal);
            Assert.EndsWith("Done. Processed 1 files, 1 programs. Skipped 2 files, 1 programs.\n", stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void CompareModeWorksOfflineOnCsvFiles()
    {
        string dir = Directory.CreateTempSubdirectory("bpfv-stat").FullName;
        try
        {
            string a = Path.Combine(dir, "a.csv"), b = Path.Combine(dir, "b.csv");
            File.WriteAllText(a, CsvHeader + "\nhello.bpf.o,bad_lookup,failure,45,7,0,0,0,0\nhello.bpf.o,count_packets,success,75,13,1,1,0,0\n");
            File.WriteAllText(b, CsvHeader + "\nhello.bpf.o,bad_lookup,success,50,9,1,1,1,0\nhello.bpf.o,count_packets,success,70,13,1,1,0,0\n");
            var (exit, stdout, stderr) = CliRunner.Run("stat", "-C", a, b);
            Assert.Equal(0, exit);
            Assert.Equal("", stderr);
            // Output of veristat -C on the same two files.
            Assert.Equal(
                "File         Program        Verdict (A)  Verdict (B)  Verdict (DIFF)  Duration (us) (A)  Duration (us) (B)  Duration (us) (DIFF)  Insns (A)  Insns (B)  Insns (DIFF)  States (A)  States (B)  States (DIFF)  Peak states (A)  Peak states (B)  Peak states (DIFF)\n"
                + "-----------  -------------  -----------  -----------  --------------  -----------------  -----------------  --------------------  ---------  ---------  ------------  ----------  ----------  -------------  ---------------  ---------------  ------------------\n"
                + "hello.bpf.o  bad_lookup     failure      success      MISMATCH                       45                 50          +5 (+11.11%)          7          9  +2 (+28.57%)           0           1  +1 (+100.00%)                0                1       +1 (+100.00%)\n"
                + "hello.bpf.o  count_packets  success      success      MATCH                          75                 70           -5 (-6.67%)         13         13   +0 (+0.00%)           1           1    +0 (+0.00%)                1                1         +0 (+0.00%)\n",
                stdout);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void UsageErrorsAndHelpAreVeristats()
    {
        var (exit, _, stderr) = CliRunner.Run("stat", "-x");
        Assert.Equal(64, exit);
        Assert.StartsWith("veristat: invalid option -- 'x'\nTry `veristat --help' or `veristat --usage' for more information.\n", stderr, StringComparison.Ordinal);

        var (helpExit, help, _) = CliRunner.Run("stat", "--help");
        Assert.Equal(0, helpExit);
        Assert.StartsWith("Usage: veristat [OPTION...]\n", help, StringComparison.Ordinal);
        Assert.EndsWith("Report bugs to <bpf@vger.kernel.org>.\n", help, StringComparison.Ordinal);

        var (noFiles, _, err) = CliRunner.Run("stat");
        Assert.Equal(22, noFiles);
        Assert.StartsWith("Please provide path to BPF object file!\n", err, StringComparison.Ordinal);
    }

    [Fact]
    public void GlobalOptionsAreStrippedBeforeVeristatParsesTheRest()
    {
        var (exit, stdout, stderr) = CliRunner.Run("stat", "-o", "csv", "--prog-type", "xdp", Hello);
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.StartsWith(CsvHeader + "\n", stdout, StringComparison.Ordinal);
        Assert.Equal(3, stdout.TrimEnd('\n').Split('\n').Length);
    }
}
