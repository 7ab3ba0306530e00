namespace Bpf.Veristat.Tests;

public sealed class RenderTests
{
    [Fact]
    public void LiveTableEndsWithDoneLine()
    {
        VeristatOptions options = new();
        StatRow b = new("b.bpf.o", "prog2") { Verdict = false, Duration = 7, TotalInsns = 12 };
        StatRow a = new("a.bpf.o", "prog1") { Verdict = true, Duration = 100, TotalInsns = 3, TotalStates = 1, PeakStates = 1 };
        StringWriter output = new();

        Veristat.Render([b, a], options, new RunCounters(2, 2, 1, 3), output);

        Assert.Equal(
            "File     Program  Verdict  Duration (us)  Insns  States  Peak states\n" +
            "-------  -------  -------  -------------  -----  ------  -----------\n" +
            "a.bpf.o  prog1    success            100      3       1            1\n" +
            "b.bpf.o  prog2    failure              7     12       0            0\n" +
            "-------  -------  -------  -------------  -----  ------  -----------\n" +
            "Done. Processed 2 files, 2 programs. Skipped 1 files, 3 programs.\n",
            output.ToString());
    }

    [Fact]
    public void LiveCsvUsesAllNineColumns()
    {
        VeristatOptions options = new() { OutputFormat = OutputFormat.Csv };
        StatRow a = new("a.bpf.o", "p") { Verdict = true, MaxStatesPerInsn = 2, MaxMarkReadLen = 4 };
        StringWriter output = new();

        Veristat.Render([a], options, output);

        Assert.Equal(
            "file_name,prog_name,verdict,duration,total_insns,total_states,peak_states,max_states_per_insn,max_mark_read_len\n" +
            "a.bpf.o,p,success,0,0,0,0,2,4\n",
            output.ToString());
    }
}

public sealed class VerifierLogParserTests
{
    [Fact]
    public void ReadsStatsFromTheLogTail()
    {
        const string log =
            "func#0 @0\n0: R1=ctx() R10=fp0\n0: (b7) r0 = 0\n1: (95) exit\n" +
            "processed 2 insns (limit 1000000) max_states_per_insn 1 total_states 3 peak_states 4 mark_read 5\n" +
            "verification time 17 usec\nstack depth 0\n";
        StatRow row = new("f.bpf.o", "p");

        VerifierLogParser.Apply(log, row);

        Assert.Equal(17, row.Duration);
        Assert.Equal(2, row.TotalInsns);
        Assert.Equal(1, row.MaxStatesPerInsn);
        Assert.Equal(3, row.TotalStates);
        Assert.Equal(4, row.PeakStates);
        Assert.Equal(5, row.MaxMarkReadLen);
    }

    [Fact]
    public void PartialMatchStillStores()
    {
        StatRow row = new("f.bpf.o", "p");
        VerifierLogParser.Apply("processed 9 insns (limit 1000000) max_states_per_insn x\n", row);
        Assert.Equal(9, row.TotalInsns);
        Assert.Equal(0, row.TotalStates);
    }
}
