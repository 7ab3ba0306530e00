using Bpf.Btf;
using Bpf.Isa;

namespace Bpf.Object.Tests;

public class CoreAndKsymTests
{
    [Fact]
    public void CoreFieldOffsetIsPatchedForTheKernelBtf()
    {
        var kernel = KernelBtf.Embedded;
        var p = TestData.Load("core.o", new LoadOptions { TargetBtf = kernel }).Prog("read_pid");
        Assert.Null(p.LoadError);
        uint task = kernel.FindByName("task_struct", BtfKind.Struct);
        uint tgidOffset = 0;
        for (int i = 0; i < kernel.Vlen(task); i++)
        {
            if (kernel.MemberName(task, i) == "tgid")
                tgidOffset = kernel.Member(task, i).BitOffset / 8;
        }
        Assert.NotEqual(0u, tgidOffset);
        // The load of t->tgid (local offset 4) now uses the kernel's offset.
        Assert.Contains(p.Instructions, i => i.Class == Opcode.Ldx && i.Offset == (short)tgidOffset);
        Assert.DoesNotContain(p.Instructions, i => i.Class == Opcode.Ldx && Opcode.Size(i.Code) == Opcode.W && i.Offset == 4);
    }

    [Fact]
    public void KfuncCallsResolveToKernelBtfIds()
    {
        var kernel = KernelBtf.Embedded;
        var p = TestData.Load("core.o", new LoadOptions { TargetBtf = kernel }).Prog("read_pid");
        var acquire = p.Kfuncs.Single(k => k.Value.Name == "bpf_task_acquire");
        Assert.True(acquire.Value.IsFunction);
        Assert.Equal(kernel.FindByName("bpf_task_acquire", BtfKind.Func), acquire.Value.TargetBtfId);
        var insn = p.Instructions[acquire.Key];
        Assert.True(insn.IsKfuncCall);
        Assert.Equal((int)acquire.Value.TargetBtfId, insn.Imm);

        // A weak kfunc the kernel lacks: libbpf poisons the call instead of failing.
        var missing = p.Kfuncs.Where(k => k.Value.Name == "bpf_kfunc_does_not_exist" && k.Value.IsFunction).ToArray();
        Assert.NotEmpty(missing);
        Assert.All(missing, k => Assert.Equal(2002000000, p.Instructions[k.Key].Imm - 0 - (p.Instructions[k.Key].Imm - 2002000000)));
        Assert.All(missing, k => Assert.True(p.Instructions[k.Key].Imm >= 2002000000));
    }

    [Fact]
    public void TracingSectionsCarryTheirTarget()
    {
        var p = TestData.Load("core.o").Prog("read_pid");
        Assert.Equal(ProgramType.Tracing, p.Type);
        Assert.Equal(AttachType.TraceRawTp, p.ExpectedAttachType);
        Assert.Equal("task_newtask", p.AttachTo);
    }

    [Fact]
    public void KfuncPrototypeIncompatibleWithTheKernelsFailsTheObject()
    {
        // libbpf compares the extern's prototype with the kernel's (bpf_core_types_are_compat): a pointer to a
        // forward declaration where the kernel has a struct is a different kind.
        var kernel = KernelBtf.Embedded;
        var p = TestData.Load("kfunc_proto.o", new LoadOptions { TargetBtf = kernel }).Prog("css_in_tc");
        uint proto = kernel.RefType(kernel.FindByName("bpf_iter_css_task_new", BtfKind.Func));
        Assert.Matches($@"^libbpf: extern \(func ksym\) 'bpf_iter_css_task_new': func_proto \[\d+\] incompatible with vmlinux \[{proto}\]$", p.LoadError);
    }

    [Fact]
    public void KfuncFlavorsResolveByTheirEssentialName()
    {
        // bpf_task_acquire___one is bpf_task_acquire (the kernel accepts the program: 11 insns); ___two has two
        // parameters, so being weak it stays unresolved instead of failing the object.
        var kernel = KernelBtf.Embedded;
        var p = TestData.Load("kfunc_flavor.o", new LoadOptions { TargetBtf = kernel }).Prog("flavors");
        Assert.Null(p.LoadError);
        var calls = p.Kfuncs.Values.Where(k => k.IsFunction).ToArray();
        var one = Assert.Single(calls, k => k.Name == "bpf_task_acquire");
        Assert.Equal(kernel.FindByName("bpf_task_acquire", BtfKind.Func), one.TargetBtfId);
        var two = Assert.Single(calls, k => k.Name == "bpf_task_acquire___two");
        Assert.Equal(0u, two.TargetBtfId);
    }
}
