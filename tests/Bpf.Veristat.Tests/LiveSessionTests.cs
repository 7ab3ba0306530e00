namespace Bpf.Veristat.Tests;

public sealed class LiveSessionTests
{
    [Fact]
    public void FollowsVeristatProcessingOrder()
    {
        ArgParseResult parsed = ArgParser.Parse(["-f", "!skip*", "-f", "!*/bad", "x.o"], TextWriter.Null, TextWriter.Null);
        VeristatOptions options = parsed.Options!;
        StringWriter stdout = new(), stderr = new();
        LiveSession session = new(options, stdout, stderr);

        Assert.False(session.BeginFile("dir/skip.bpf.o", isBpfObject: true));
        Assert.False(session.BeginFile("notes.txt", isBpfObject: false));
        Assert.True(session.BeginFile("dir/broken.bpf.o", isBpfObject: true));
        session.FileOpenFailed("dir/broken.bpf.o", -22);
        Assert.True(session.BeginFile("dir/good.bpf.o", isBpfObject: true));
        session.FileOpened();
        Assert.False(session.ShouldVerify("dir/good.bpf.o", "bad"));
        Assert.True(session.ShouldVerify("dir/good.bpf.o", "ok"));
        session.AddResult("dir/good.bpf.o", "ok", success: true,
            "processed 12 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 0\n" +
            "verification time 30 usec\n");

        Assert.Equal(0, session.Finish());
        Assert.Equal(
            "Processing 'broken.bpf.o'...\n" +
            "Processing 'good.bpf.o'...\n" +
            "File        Program  Verdict  Duration (us)  Insns  States  Peak states\n" +
            "----------  -------  -------  -------------  -----  ------  -----------\n" +
            "good.bpf.o  ok       success             30     12       1            1\n" +
            "----------  -------  -------  -------------  -----  ------  -----------\n" +
            "Done. Processed 1 files, 1 programs. Skipped 3 files, 1 programs.\n",
            stdout.ToString());
        Assert.Equal("Failed to open 'dir/broken.bpf.o': -22\n", stderr.ToString());
    }
}
