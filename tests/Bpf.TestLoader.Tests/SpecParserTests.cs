using Bpf.TestLoader.Spec;

namespace Bpf.TestLoader.Tests;

public class SpecParserTests
{
    private static TestSpec Parse(params string[] tags) =>
        new TestSpecParser().Parse(tags.Select(t => new DeclTag(t, Counted: true)).ToArray(), "prog");

    [Fact]
    public void NoResultTagMeansPrivilegedSuccess()
    {
        var s = Parse("test_description=d");
        Assert.Equal(TestModes.Privileged, s.Modes);
        Assert.False(s.Privileged.ExpectFailure);
        Assert.Equal("d", s.Description);
    }

    [Fact]
    public void UnprivilegedDefaultsToThePrivilegedExpectations()
    {
        var s = Parse("test_expect_failure", "test_expect_msg=0=foo", "test_expect_success_unpriv");
        Assert.Equal(TestModes.Privileged | TestModes.Unprivileged, s.Modes);
        Assert.True(s.Privileged.ExpectFailure);
        Assert.False(s.Unprivileged.ExpectFailure);
        Assert.Equal("foo", Assert.Single(s.Unprivileged.Messages).Text);
    }

    [Fact]
    public void UnprivilegedOnlyTagsDoNotRunPrivileged()
    {
        var s = Parse("test_expect_msg_unpriv=3=bar", "test_retval_unpriv=1");
        Assert.Equal(TestModes.Unprivileged, s.Modes);
        Assert.Empty(s.Privileged.Messages);
        Assert.True(s.Unprivileged.Execute);
    }

    [Fact]
    public void CountedMessagesDropTheirCounter()
    {
        var s = Parse("test_expect_msg=12=a=b", "test_expect_not_msg=13=c");
        Assert.Equal(["a=b", "c"], s.Privileged.Messages.Select(m => m.Text));
        Assert.True(s.Privileged.Messages[1].Negative);
    }

    [Fact]
    public void FlagsStartFromTestProgsDefaultsAndCanBeCleared()
    {
        var s = Parse("test_prog_flags=BPF_F_TEST_STATE_FREQ", "test_prog_flags=!BPF_F_TEST_REG_INVARIANTS", "test_prog_flags=0x100");
        Assert.Equal(ProgLoadFlags.TestStateFreq | ProgLoadFlags.TestRndHi32 | 0x100, s.ProgFlags);
    }

    [Fact]
    public void RetvalNamesResolve()
    {
        Assert.Equal(int.MinValue, Parse("test_retval=INT_MIN").Privileged.Retval);
        Assert.Equal(-1, Parse("test_retval=-1").Privileged.Retval);
        Assert.Equal(0x10, Parse("test_retval=0x10").Privileged.Retval);
        Assert.Throws<TestSpecException>(() => Parse("test_retval=-EINVAL"));
    }

    [Fact]
    public void JitedLinesAreCollectedForTheCurrentArchOnly()
    {
        var s = Parse("test_arch=ARM64", "test_jited=0=arm", "test_arch=X86_64", "test_jited=1=x86", "test_jited=2=...", "test_jited=3=more");
        Assert.Equal(TestArch.Arm64 | TestArch.X86_64, s.ArchMask);
        Assert.Equal(["x86", "more"], s.Privileged.Jited.Select(m => m.Text));
        Assert.False(s.Privileged.Jited[1].OnNextLine);
        Assert.Throws<TestSpecException>(() => Parse("test_jited=0=x"));
    }

    [Fact]
    public void NewerNumberedTagsAreSortedByVersionOrder()
    {
        var names = new[] { "comment:10:test_expect_msg=second", "comment:9:test_expect_msg=first", "comment:test_expect_msg=0=ignored" };
        Assert.True(VersionCompare.Compare(names[1], names[0]) < 0);
        var btf = BtfFixture.WithTags("prog", names);
        var s = new TestSpecParser().Parse(btf, "prog");
        Assert.Equal(["first", "second"], s.Privileged.Messages.Select(m => m.Text));
    }
}
