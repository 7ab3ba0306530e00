using Bpf.Btf;
using Bpf.TestLoader.Matching;
using Bpf.TestLoader.Spec;

namespace Bpf.TestLoader.Tests;

public class ObjectBtfTests
{
    [Fact]
    public void ReadsTheRawBtfSectionWithItsDeclTags()
    {
        var btf = ObjectBtf.Read(File.ReadAllBytes(TestData.Path("annotated.o")));
        Assert.NotNull(btf);
        uint func = btf.FindByName("fail_uninit_r0", BtfKind.Func);
        var tags = DeclTags.ForFunc(btf, func);
        Assert.Equal("test_expect_failure", tags[0].Body);
        Assert.StartsWith("test_expect_msg=", tags[1].Body, StringComparison.Ordinal);
        Assert.True(tags[1].Counted);
    }

    [Fact]
    public void NonElfHasNoBtf()
    {
        Assert.Null(ObjectBtf.Read("not an elf file at all, but long enough to have a header of 64 bytes"u8.ToArray()));
    }

    [Fact]
    public void PosixBracketExpressionsTranslate()
    {
        Assert.Equal(@"[^\na\\]", PosixRegex.Translate(@"[^a\]"));
        Assert.Equal(@"[\]a]", PosixRegex.Translate("[]a]"));
        Assert.Equal(@"\bfoo\b", PosixRegex.Translate(@"\<foo\>"));
        Assert.Equal(@"\.\(", PosixRegex.ToEre(".(", out _));
    }

    [Fact]
    public void VersionOrderComparesNumbersByValue()
    {
        Assert.True(VersionCompare.Compare("comment:2:x", "comment:10:x") < 0);
        Assert.True(VersionCompare.Compare("a", "b") < 0);
        Assert.Equal(0, VersionCompare.Compare("x1", "x1"));
    }
}
