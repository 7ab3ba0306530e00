namespace Bpf.Object.Tests;

public class ProgramDiscoveryTests
{
    [Fact]
    public void EachGlobalFunctionOfAnExecutableSectionIsAProgram()
    {
        var obj = TestData.Load("progs.o");
        var names = obj.Programs.Select(p => p.Name).ToArray();
        Assert.Equal(
            ["xdp_first", "xdp_second", "tc_optional", "kprobe_unlink", "xdp_frags", "lsm_sleepable", "connect4", "uses_callback", "unknown_section"],
            names);
        Assert.DoesNotContain("sub_a", names);
        Assert.DoesNotContain("global_sub", names); // .text functions are subprograms
    }

    [Fact]
    public void SectionNamesGiveTypesAttachTypesAndFlags()
    {
        var obj = TestData.Load("progs.o");
        var xdp = obj.Prog("xdp_first");
        Assert.Equal(ProgramType.Xdp, xdp.Type);
        Assert.Equal(AttachType.Xdp, xdp.ExpectedAttachType);

        var opt = obj.Prog("tc_optional");
        Assert.False(opt.Autoload);
        Assert.Equal("tc", opt.SectionName);
        Assert.Equal(ProgramType.SchedCls, opt.Type);

        var kp = obj.Prog("kprobe_unlink");
        Assert.Equal(ProgramType.Kprobe, kp.Type);
        Assert.Equal("do_unlinkat", kp.AttachTo);

        Assert.Equal(ProgFlags.XdpHasFrags, obj.Prog("xdp_frags").ProgFlags);
        var lsm = obj.Prog("lsm_sleepable");
        Assert.True(lsm.Sleepable);
        Assert.Equal(ProgramType.Lsm, lsm.Type);
        Assert.Equal(AttachType.LsmMac, lsm.ExpectedAttachType);
        Assert.Equal("file_open", lsm.AttachTo);

        Assert.Equal(AttachType.CgroupInet4Connect, obj.Prog("connect4").ExpectedAttachType);
    }

    [Fact]
    public void UnknownSectionIsListedWithLibbpfsError()
    {
        var p = TestData.Load("progs.o").Prog("unknown_section");
        Assert.Equal(ProgramType.Unspec, p.Type);
        Assert.Equal("libbpf: prog 'unknown_section': missing BPF prog type, check ELF section name 'dummy_unknown'", p.LoadError);
    }

    [Fact]
    public void ProgTypeOptionAndCsvOverride()
    {
        var forced = TestData.Load("progs.o", new LoadOptions { ProgramType = ProgramType.SocketFilter });
        Assert.All(forced.Programs, p => Assert.Equal(ProgramType.SocketFilter, p.Type));

        var csv = ProgramTypeOverrides.Parse(
        [
            "file_name,prog_name,section,prog_type,expected_attach_type",
            "Data/progs.o,xdp_second,xdp,cgroup_skb,cgroup_inet_egress",
            "other/progs.o,xdp_first,xdp,sched_act,",
        ]);
        var obj = TestData.Load("progs.o", new LoadOptions { Overrides = csv });
        Assert.Equal(ProgramType.CgroupSkb, obj.Prog("xdp_second").Type);
        Assert.Equal(AttachType.CgroupInetEgress, obj.Prog("xdp_second").ExpectedAttachType);
        Assert.Equal(ProgramType.Xdp, obj.Prog("xdp_first").Type); // row for another directory does not apply
    }

    [Theory]
    [InlineData("socket1", ProgramType.SocketFilter)]
    [InlineData("xdp_prog", ProgramType.Xdp)]
    [InlineData("classifier", ProgramType.SchedCls)]
    [InlineData("tc/tail", ProgramType.SchedCls)]
    [InlineData("cgroup/sock1", ProgramType.CgroupSock)]
    [InlineData("test", ProgramType.SocketFilter)]
    public void LegacySectionRules(string section, ProgramType expected)
    {
        var c = Sections.SectionClassifier.Classify(section, "objs/linux/x.o", legacy: true);
        Assert.Equal(expected, c.Type);
        Assert.Equal(ProgramType.Unspec, Sections.SectionClassifier.Classify("xdp_prog", "x.o", legacy: false).Type);
    }

    [Fact]
    public void CiliumNamesFollowThePath()
    {
        Assert.Equal(ProgramType.Xdp, Sections.SectionClassifier.Classify("2/1", "cilium/bpf_xdp.o", true).Type);
        Assert.Equal(ProgramType.SchedCls, Sections.SectionClassifier.Classify("from-netdev", "cilium/bpf_lb.o", true).Type);
    }

    [Fact]
    public void TypeNamesRoundTrip()
    {
        foreach (var t in Enum.GetValues<ProgramType>())
        {
            Assert.True(TypeNames.TryParseProgramType(t.Name(), out var back));
            Assert.Equal(t, back);
        }
        foreach (var a in Enum.GetValues<AttachType>())
        {
            Assert.True(TypeNames.TryParseAttachType(a.Name(), out var back));
            Assert.Equal(a, back);
        }
        Assert.Equal("trace_uprobe_session", AttachType.TraceUprobeSession.Name());
        Assert.Equal(57, (int)AttachType.TraceUprobeSession);
    }
}
