using Bpf.Btf;
using Bpf.Object;
using Bpf.Verifier.Platform.Kfuncs;

namespace Bpf.Verifier.Tests;

/// <summary>
/// kfunc calls: the table against the shipped 6.18 BTF, and the programs of Data/kfunc_cases.c with the verdicts,
/// error lines and instruction counts of the live 6.18 kernel (veristat).
/// </summary>
public class KfuncTests
{
    [Fact]
    public void TableCoversEveryKfuncOfTheKernelBtf()
    {
        var btf = KernelBtf.Embedded;
        var missing = new List<string>();
        int tagged = 0;
        for (uint id = 1; id < (uint)btf.TypeCount; id++)
        {
            if (btf.Kind(id) != BtfKind.DeclTag || btf.Name(id) != "bpf_kfunc")
                continue;
            tagged++;
            string name = btf.Name(btf.RefType(id));
            if (KfuncTable.Find(name) == null)
                missing.Add(name);
        }
        Assert.True(tagged >= 200, $"only {tagged} bpf_kfunc tags");
        Assert.Empty(missing);
    }

    [Fact]
    public void TableNamesAreKernelKfuncs()
    {
        var btf = KernelBtf.Embedded;
        foreach (var k in KfuncTable.All)
            Assert.NotEqual(0u, btf.FindByName(k.Name, BtfKind.Func));
    }

    [Fact]
    public void ParamCountReadsTheKernelPrototype()
    {
        var btf = KernelBtf.Embedded;
        Assert.Equal(1, KfuncTable.ParamCount((int)btf.FindByName("bpf_task_release", BtfKind.Func)));
        Assert.Equal(0, KfuncTable.ParamCount((int)btf.FindByName("bpf_rcu_read_lock", BtfKind.Func)));
        Assert.Equal(5, KfuncTable.ParamCount((int)btf.FindByName("bpf_skb_ct_alloc", BtfKind.Func)));
        Assert.Equal(-1, KfuncTable.ParamCount((int)btf.FindByName("task_struct", BtfKind.Struct)));
    }

    private static VerificationResult Verify(string asm, ProgramType type = ProgramType.SchedCls, int logLevel = 1) =>
        TestProgram.Verify(asm, type, logLevel, maps: []);

    private static void AssertRejects(VerificationResult r, string error, int insns)
    {
        Assert.False(r.Accepted, r.Log);
        Assert.Equal(error, r.ErrorLine);
        Assert.Equal(insns, r.Stats.TotalInsns);
    }

    [Fact]
    public void RcuReadLockBalanced()
    {
        var r = Verify("call bpf_rcu_read_lock; call bpf_rcu_read_unlock; r0 = 0; exit;");
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(4, r.Stats.TotalInsns);
    }

    [Fact]
    public void RcuReadUnlockUnmatched() =>
        AssertRejects(Verify("call bpf_rcu_read_unlock; r0 = 0; exit;"),
            "unmatched rcu read unlock (kernel function bpf_rcu_read_unlock)", 1);

    [Fact]
    public void RcuReadLockNested() =>
        AssertRejects(Verify("call bpf_rcu_read_lock; call bpf_rcu_read_lock; call bpf_rcu_read_unlock; call bpf_rcu_read_unlock; r0 = 0; exit;"),
            "nested rcu read lock (kernel function bpf_rcu_read_lock)", 2);

    [Fact]
    public void PreemptDisableNests()
    {
        var r = Verify("call bpf_preempt_disable; call bpf_preempt_disable; call bpf_preempt_enable; call bpf_preempt_enable; r0 = 0; exit;");
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(6, r.Stats.TotalInsns);
    }

    [Fact]
    public void PreemptEnableUnmatched() =>
        AssertRejects(Verify("call bpf_preempt_enable; r0 = 0; exit;"),
            "unmatched attempt to enable preemption (kernel function bpf_preempt_enable)", 1);

    [Fact]
    public void GenericKfuncNotAllowedInSocketFilter() =>
        AssertRejects(Verify("r1 = 0; call bpf_task_from_pid; r0 = 0; exit;", ProgramType.SocketFilter),
            "calling kernel function bpf_task_from_pid is not allowed", 2);

    [Fact]
    public void AcquiredTaskReleasedAfterNullCheck()
    {
        var r = Verify("r1 = 1; call bpf_task_from_pid; if r0 == 0 goto l0; r1 = r0; call bpf_task_release; l0: r0 = 0; exit;", logLevel: 2);
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(9, r.Stats.TotalInsns);
        Assert.Contains("R0=ptr_or_null_task_struct(id=2,ref_obj_id=2) refs=2", r.Log);
    }

    [Fact]
    public void AcquireAndReleaseTwoReferences()
    {
        var r = Verify("r1 = 1; call bpf_task_from_pid; if r0 == 0 goto l0; r6 = r0; r1 = r0; call bpf_task_acquire; if r0 == 0 goto l1; " +
            "r1 = r0; call bpf_task_release; l1: r1 = r6; call bpf_task_release; l0: r0 = 0; exit;");
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(16, r.Stats.TotalInsns);
    }

    [Fact]
    public void AcquiredTaskLeaks() =>
        AssertRejects(Verify("r1 = 1; call bpf_task_from_pid; r0 = 0; exit;"),
            "BPF_EXIT instruction in main prog would lead to reference leak", 4);

    [Fact]
    public void MaybeNullToTrustedArg() =>
        AssertRejects(Verify("r1 = 1; call bpf_task_from_pid; r6 = r0; r1 = r0; call bpf_task_acquire; r0 = 0; exit;"),
            "Possibly NULL pointer passed to trusted arg0", 5);

    [Fact]
    public void ReleaseArgumentsAreTrusted() =>
        AssertRejects(Verify("r1 = 0; call bpf_task_release; r0 = 0; exit;"),
            "Possibly NULL pointer passed to trusted arg0", 2);

    [Fact]
    public void ScalarArgumentMustBeScalar() =>
        AssertRejects(Verify("r1 = r10; call bpf_task_from_pid; r0 = 0; exit;"), "R1 is not a scalar", 2);

    [Fact]
    public void UninitializedScalarArgument() =>
        AssertRejects(Verify("call bpf_task_from_pid; r0 = 0; exit;"), "R1 is not a scalar", 1);

    [Fact]
    public void ReleasedPointerCopiesBecomeScalars() =>
        AssertRejects(Verify("r1 = 1; call bpf_task_from_pid; if r0 == 0 goto l0; r6 = r0; r1 = r0; call bpf_task_release; " +
            "r1 = r6; call bpf_task_release; l0: r0 = 0; exit;"),
            "arg#0 pointer type STRUCT task_struct must point to scalar, or struct with scalar", 8);

    [Fact]
    public void ThrowWithReferenceLeaks()
    {
        var r = Verify("r1 = 1; call bpf_task_from_pid; r1 = 0; call bpf_throw; r0 = 0; exit;");
        AssertRejects(r, "bpf_throw would lead to reference leak", 4);
        Assert.Contains("Unreleased reference id=2 alloc_insn=1\n", r.Log);
    }

    [Fact]
    public void ThrowInsideRcuSection() =>
        AssertRejects(Verify("call bpf_rcu_read_lock; r1 = 0; call bpf_throw; r0 = 0; exit;"),
            "bpf_throw cannot be used inside bpf_rcu_read_lock-ed region", 3);

    [Fact]
    public void UnmodelledKfuncStaysUnsupported()
    {
        var r = Verify("r1 = 0; r2 = 0; call bpf_percpu_obj_new_impl; r0 = 0; exit;");
        Assert.True(r.Unsupported, r.Log);
        Assert.Equal("bpfv: unsupported: kfunc bpf_percpu_obj_new_impl", r.ErrorLine);
    }

    [Fact]
    public void XdpMetadataKfuncNeedsDeviceBoundProgram()
    {
        // selftests xdp_hw_metadata rx (kernel.csv): refused by add_kfunc_call before any instruction is processed.
        var r = TestProgram.Verify("r6 = r1; r2 = r10; r2 += -8; call bpf_xdp_metadata_rx_timestamp; r0 = 2; exit;", ProgramType.Xdp);
        Assert.False(r.Accepted);
        Assert.Equal("metadata kfuncs require device-bound program", r.ErrorLine);
        Assert.Equal(0, r.Stats.TotalInsns);
    }
}
