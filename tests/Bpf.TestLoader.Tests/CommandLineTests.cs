namespace Bpf.TestLoader.Tests;

public class CommandLineTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int exit = TestCommandLine.Run(args, o, e);
        return (exit, o.ToString(), e.ToString());
    }

    [Fact]
    public void TapOutputAndExitCodeOne()
    {
        var (exit, output, _) = Run(TestData.Path("annotated.o"), TestData.Path("plain.o"));
        Assert.Equal(1, exit);
        Assert.Contains("ok 1 - annotated.o/ok_plain\n", output);
        Assert.Contains("not ok ", output);
        Assert.Contains("- annotated.o/fail_wrong_msg # [expect_msg] EXPECTED SUBSTR: 'this message never appears'", output);
        Assert.Contains("- annotated.o/arm64_only # SKIP [arch]", output);
        Assert.Matches(@"\n# pass \d+ fail \d+ skip \d+\n$", output);
    }

    [Fact]
    public void NoTestsIsSuccess()
    {
        var (exit, output, _) = Run(TestData.Path("plain.o"));
        Assert.Equal(0, exit);
        Assert.EndsWith("# pass 0 fail 0 skip 0\n", output);
    }

    [Fact]
    public void VerboseShowsDescriptionAndLogTail()
    {
        var (_, output, _) = Run("-v", TestData.Path("annotated.o"));
        Assert.Contains("#   description: plain success", output);
        Assert.Contains("#   log: ", output);
    }

    [Fact]
    public void XunitOutputIsXml()
    {
        var (exit, output, _) = Run("-o", "xunit", TestData.Path("annotated.o"));
        Assert.Equal(1, exit);
        var doc = System.Xml.Linq.XDocument.Parse(output);
        Assert.NotEmpty(doc.Descendants("test"));
        Assert.Contains(doc.Descendants("test"), t => (string?)t.Attribute("result") == "Skip");
    }

    [Fact]
    public void BadInputIsExitTwo()
    {
        Assert.Equal(2, Run().Exit);
        Assert.Equal(2, Run("--bogus", TestData.Path("plain.o")).Exit);
        Assert.Equal(2, Run("/nonexistent/x.o").Exit);
        string notElf = Path.GetTempFileName();
        File.WriteAllText(notElf, "not an object");
        try
        {
            var (exit, output, _) = Run(notElf);
            Assert.Equal(2, exit);
            Assert.Contains("cannot load", output);
        }
        finally
        {
            File.Delete(notElf);
        }
    }

    [Fact]
    public void OutputOrderIsDeterministic()
    {
        string a = TestData.Path("annotated.o");
        var one = Run("-j", "1", a, a, a).Out;
        var two = Run("-j", "2", a, a, a).Out;
        Assert.Equal(one, two);
    }
}
