namespace Bpf.Btf.Tests;

public class BtfPrinterTests
{
    [Fact]
    public void DescribesTypesLikeC()
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        uint ch = b.Int("char", 1, signed: true, isChar: true);
        uint task = b.Struct("task_struct", 4, new BtfBuilderMember("pid", i32, 0));
        uint ptask = b.Ptr(task);
        uint cch = b.Const(ch);
        uint arr = b.Array(cch, i32, 16);
        uint pp = b.Ptr(ptask);
        var spec = b.BuildSpec();
        Assert.Equal("struct task_struct *", spec.CDecl(ptask));
        Assert.Equal("const char[16]", spec.CDecl(arr));
        Assert.Equal("struct task_struct **", spec.CDecl(pp));
        Assert.Equal("task_struct", spec.KernelName(task));
        Assert.Equal("STRUCT", spec.KernelKindStr(task));
        Assert.Equal("UNKNOWN", spec.KernelKindStr(0));
    }
}
