using Bpf.Btf;

namespace Bpf.Object.Tests;

public class StructOpsAndAttachTests
{
    private static ObjectSpec Load() => TestData.Load("extra.o", new LoadOptions { TargetBtf = KernelBtf.Embedded });

    private static int KernelMemberIndex(BtfSpec k, uint type, string member)
    {
        for (int i = 0; i < k.Vlen(type); i++)
        {
            if (k.MemberName(type, i) == member)
                return i;
        }
        return -1;
    }

    [Fact]
    public void StructOpsVariablesBecomeMapsAndProgramsLearnTheirMember()
    {
        var obj = Load();
        var k = KernelBtf.Embedded;
        var map = obj.Maps.Single(m => m.Name == "my_cc");
        Assert.Equal(26u, map.Type);
        Assert.Equal(MapOrigin.StructOps, map.Origin);
        Assert.Equal(k.FindByName("bpf_struct_ops_tcp_congestion_ops", BtfKind.Struct), map.BtfVmlinuxValueTypeId);

        uint tcpCa = k.FindByName("tcp_congestion_ops", BtfKind.Struct);
        var ssthresh = obj.Prog("my_ssthresh");
        Assert.Equal(ProgramType.StructOps, ssthresh.Type);
        Assert.Equal(tcpCa, ssthresh.AttachBtfId);
        Assert.Equal("tcp_congestion_ops.ssthresh", ssthresh.StructOpsMember);
        Assert.Equal(KernelMemberIndex(k, tcpCa, "ssthresh"), (int)ssthresh.ExpectedAttachType!.Value);
        Assert.Equal(KernelMemberIndex(k, tcpCa, "cong_avoid"), (int)obj.Prog("my_cong_avoid").ExpectedAttachType!.Value);

        Assert.Contains("isn't referenced anywhere", obj.Prog("not_referenced").LoadError);
    }

    [Fact]
    public void ExceptionCallbackIsAppended()
    {
        var p = Load().Prog("with_exception_cb");
        Assert.Null(p.LoadError);
        Assert.Contains("my_exception_cb", p.FunctionNames.Values);
        Assert.True(p.Instructions.Length > p.MainLength);
    }

    [Fact]
    public void FentryTargetsResolveInKernelBtf()
    {
        var obj = Load();
        var ok = obj.Prog("fentry_ok");
        Assert.Null(ok.LoadError);
        Assert.Equal(KernelBtf.Embedded.FindByName("do_unlinkat", BtfKind.Func), ok.AttachBtfId);
        Assert.Equal("libbpf: prog 'fentry_missing': failed to find kernel BTF type ID of 'no_such_kernel_function': -3", obj.Prog("fentry_missing").LoadError);
    }

    [Fact]
    public void KernelAcceptsTheFixedUpBtf()
    {
        var obj = Load();
        Assert.Null(obj.BtfRejection);
        Assert.NotNull(obj.Btf);
    }
}
