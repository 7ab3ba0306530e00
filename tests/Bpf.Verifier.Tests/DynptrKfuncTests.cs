using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// skb dynptrs through the kfuncs (Data/dynptr_kfunc_cases.c): slices, clones, packet-moving helpers, program-type
/// permissions, with the verdicts, error lines and instruction counts of the live 6.18 kernel (veristat).
/// </summary>
public class DynptrKfuncTests
{
    private const string FromSkb = "r2 = 0; r3 = r10; r3 += -16; call bpf_dynptr_from_skb;";

    private static VerificationResult Verify(string asm, ProgramType type = ProgramType.SchedCls) =>
        TestProgram.Verify(asm, type, 1, maps: []);

    [Theory]
    [InlineData("skb_slice_ok", FromSkb + " r1 = r10; r1 += -16; r2 = 0; r3 = 0; r4 = 8; call bpf_dynptr_slice; if r0 == 0 goto l0;" +
        " r0 = *(u64 *)(r0 + 0); l0: r0 = 0; exit;", 16)]
    [InlineData("skb_clone_size", FromSkb + " r1 = r10; r1 += -16; r2 = r10; r2 += -32; call bpf_dynptr_clone; r1 = r10; r1 += -32;" +
        " call bpf_dynptr_size; r0 = 0; exit;", 14)]
    public void Accepted(string name, string asm, int insns)
    {
        var r = Verify(asm);
        Assert.True(r.Accepted, $"{name}: {r.ErrorLine}\n{r.Log}");
        Assert.Equal(insns, r.Stats.TotalInsns);
    }

    [Theory]
    [InlineData("skb_slice_rdonly_write", ProgramType.SchedCls, FromSkb + " r1 = r10; r1 += -16; r2 = 0; r3 = 0; r4 = 8; call bpf_dynptr_slice;" +
        " if r0 == 0 goto l0; r1 = 0; *(u64 *)(r0 + 0) = r1; l0: r0 = 0; exit;", "R0 cannot write into rdonly_mem", 13)]
    [InlineData("skb_slice_after_pull", ProgramType.SchedCls, "r6 = r1; " + FromSkb + " r1 = r10; r1 += -16; r2 = 0; r3 = 0; r4 = 8;" +
        " call bpf_dynptr_slice_rdwr; if r0 == 0 goto l0; r7 = r0; r1 = r6; r2 = 0; call 39; r0 = *(u64 *)(r7 + 0); l0: r0 = 0; exit;",
        "R7 invalid mem access 'scalar'", 17)]
    [InlineData("skb_slice_var_len", ProgramType.SchedCls, "r6 = r1; " + FromSkb + " call 7; r4 = r0; r4 &= 7; r1 = r10; r1 += -16; r2 = 0; r3 = 0;" +
        " call bpf_dynptr_slice; r0 = 0; exit;", "R4 must be a known constant", 13)]
    [InlineData("skb_size_uninit", ProgramType.SchedCls, "r1 = r10; r1 += -16; call bpf_dynptr_size; r0 = 0; exit;",
        "Expected an initialized dynptr as arg #0", 3)]
    [InlineData("xdp_from_skb", ProgramType.Xdp, FromSkb + " r0 = 0; exit;", "calling kernel function bpf_dynptr_from_skb is not allowed", 4)]
    [InlineData("cg_slice_rdwr", ProgramType.CgroupSkb, FromSkb + " r1 = r10; r1 += -16; r2 = 0; r3 = 0; r4 = 8; call bpf_dynptr_slice_rdwr; r0 = 1; exit;",
        "the prog does not allow writes to packet data", 10)]
    // A kfunc slice is PTR_TO_MEM | DYNPTR_TYPE_SKB: not an offset-tolerant helper memory type.
    [InlineData("slice_off_helper", ProgramType.SchedCls, FromSkb + " r1 = r10; r1 += -16; r2 = 0; r3 = 0; r4 = 16; call bpf_dynptr_slice_rdwr;" +
        " if r0 == 0 goto l0; r1 = r0; r1 += 4; r2 = 8; r3 = 0; call 6; l0: r0 = 0; exit;", "dereference of modified mem ptr R1 off=4 disallowed", 16)]
    public void Rejected(string name, ProgramType type, string asm, string error, int insns)
    {
        var r = Verify(asm, type);
        Assert.False(r.Accepted, name);
        Assert.Equal(error, r.ErrorLine);
        Assert.Equal(insns, r.Stats.TotalInsns);
    }
}
