using Bpf.Isa;

namespace Bpf.Object.Tests;

public class LinkingTests
{
    [Fact]
    public void SubprogramsAreAppendedDepthFirstInCallOrder()
    {
        var p = TestData.Load("progs.o").Prog("xdp_first");
        // xdp_first (5) calls sub_a, which calls sub_b, which calls sub_leaf; then xdp_first calls sub_c.
        Assert.Equal(5, p.MainLength);
        Assert.Equal(18, p.Instructions.Length);
        Assert.Equal(
            new Dictionary<int, string> { [0] = "xdp_first", [5] = "sub_a", [8] = "sub_b", [11] = "sub_leaf", [15] = "sub_c" },
            p.FunctionNames);
    }

    [Fact]
    public void CallImmediatesPointAtTheAppendedCopies()
    {
        var p = TestData.Load("progs.o").Prog("xdp_first");
        foreach (var (at, _) in p.FunctionNames)
        {
            for (int i = at; i < p.Instructions.Length; i++)
            {
                var insn = p.Instructions[i];
                if (!insn.IsPseudoCall)
                    continue;
                int target = i + insn.Imm + 1;
                Assert.True(p.FunctionNames.ContainsKey(target), $"call at {i} lands on {target}, not a function start");
            }
        }
        Assert.Equal(4, p.Instructions[0].Imm);  // -> sub_a at 5
        Assert.Equal(12, p.Instructions[2].Imm); // -> sub_c at 15
    }

    [Fact]
    public void BtfExtInfoIsRebasedIntoTheProgram()
    {
        var p = TestData.Load("progs.o").Prog("xdp_first");
        Assert.Equal([0, 5, 8, 11, 15], p.FuncInfos.Select(f => f.InsnIndex).ToArray());
        Assert.All(p.FuncInfos, f => Assert.NotEqual(0u, f.TypeId));
        Assert.NotEmpty(p.LineInfos);
        Assert.Equal(p.LineInfos.OrderBy(l => l.InsnIndex).Select(l => l.InsnIndex), p.LineInfos.Select(l => l.InsnIndex));
        Assert.Contains(p.LineInfos, l => l.FileName.EndsWith("progs.c", StringComparison.Ordinal) && l.LineText.Contains("sub_a(v)", StringComparison.Ordinal));
    }

    [Fact]
    public void CallbackAddressBecomesPseudoFunc()
    {
        var p = TestData.Load("progs.o").Prog("uses_callback");
        int ld = Array.FindIndex(p.Instructions, i => i.IsLdImm64 && i.Src == Pseudo.Func);
        Assert.True(ld >= 0);
        int target = ld + p.Instructions[ld].Imm + 1;
        Assert.Equal("loop_cb", p.FunctionNames[target]);
    }

    [Fact]
    public void HiddenGlobalSubprogramIsMarkedStaticInBtf()
    {
        var obj = TestData.Load("progs.o");
        var btf = obj.Btf!;
        uint hidden = btf.FindByName("hidden_sub", Bpf.Btf.BtfKind.Func);
        uint global = btf.FindByName("global_sub", Bpf.Btf.BtfKind.Func);
        Assert.Equal(Bpf.Btf.BtfLinkage.Static, btf.FuncLinkage(hidden));
        Assert.Equal(Bpf.Btf.BtfLinkage.Global, btf.FuncLinkage(global));
    }
}
