using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// Dynptrs on the stack through the helpers (Data/dynptr_cases.c, clang-19 -O2 -g --target=bpf -mcpu=v3): verdict,
/// error line and processed instructions as the Linux 6.18 verifier reported them through veristat.
/// </summary>
public class DynptrTests
{
    private static readonly MapSpec RingbufMap = new() { Name = "m_ringbuf", Type = 27, KeySize = 0, ValueSize = 0, MaxEntries = 4096 };
    private static readonly MapSpec[] Maps = [TestProgram.ArrayMap, TestProgram.HashMap, RingbufMap];

    private const string Reserve = "r1 = %[m_ringbuf] ll; r2 = 8; r3 = 0; r4 = r10; r4 += -16; call 198;";
    private const string FromMem = "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[m_array] ll; call 1; if r0 == 0 goto l9;" +
        " r1 = r0; r2 = 8; r3 = 0; r4 = r10; r4 += -16; call 197;";
    private const string Discard = " r1 = r10; r1 += -16; r2 = 0; call 200;";

    private static VerificationResult Verify(string asm, int logLevel = 1) =>
        TestProgram.Verify(asm, ProgramType.SocketFilter, logLevel, Maps);

    [Theory]
    [InlineData("rb_ok", Reserve + Discard + " r0 = 0; exit;", 12)]
    [InlineData("from_mem_data_ok", FromMem + " r1 = r10; r1 += -16; r2 = 0; r3 = 8; call 203; if r0 == 0 goto l9; r0 = *(u64 *)(r0 + 0); l9: r0 = 0; exit;", 24)]
    public void Accepted(string name, string asm, int insns)
    {
        var r = Verify(asm);
        Assert.True(r.Accepted, $"{name}: {r.ErrorLine}\n{r.Log}");
        Assert.Equal(insns, r.Stats.TotalInsns);
    }

    [Theory]
    [InlineData("rb_leak", Reserve + " r0 = 0; exit;", "BPF_EXIT instruction in main prog would lead to reference leak", 8)]
    [InlineData("rb_overwrite", Reserve + " r0 = 0; *(u64 *)(r10 - 8) = r0; exit;", "cannot overwrite referenced dynptr", 8)]
    [InlineData("rb_release_twice", Reserve + Discard + Discard + " r0 = 0; exit;", "arg 1 is an unacquired reference", 14)]
    [InlineData("rb_data_after_submit", Reserve + " r1 = r10; r1 += -16; r2 = 0; r3 = 8; call 203; if r0 == 0 goto l0; r6 = r0;" +
        " r1 = r10; r1 += -16; r2 = 0; call 199; r0 = *(u64 *)(r6 + 0); r0 = 0; exit;" +
        " l0: r1 = r10; r1 += -16; r2 = 0; call 199; r0 = 0; exit;", "R6 invalid mem access 'scalar'", 18)]
    [InlineData("uninit_data", "r1 = r10; r1 += -16; r2 = 0; r3 = 8; call 203; r0 = 0; exit;", "Expected an initialized dynptr as arg #0", 5)]
    [InlineData("from_mem_stack", "r1 = r10; r1 += -32; r2 = 8; r3 = 0; r4 = r10; r4 += -16; call 197; r0 = 0; exit;",
        "Unsupported reg type fp for bpf_dynptr_from_mem data", 7)]
    [InlineData("from_mem_data_oob", FromMem + " r1 = r10; r1 += -16; r2 = 0; r3 = 4; call 203; if r0 == 0 goto l9; r0 = *(u64 *)(r0 + 0); l9: r0 = 0; exit;",
        "R0 min value is outside of the allowed memory range", 20)]
    [InlineData("from_mem_clobbered", FromMem + " r0 = 0; *(u64 *)(r10 - 8) = r0; r1 = r10; r1 += -16; r2 = 0; r3 = 8; call 203; l9: r0 = 0; exit;",
        "Expected an initialized dynptr as arg #0", 20)]
    [InlineData("odd_offset", "r1 = %[m_ringbuf] ll; r2 = 8; r3 = 0; r4 = r10; r4 += -20; call 198; r0 = 0; exit;",
        "Dynptr has to be an uninitialized dynptr", 6)]
    [InlineData("read_into_dynptr", FromMem + " r1 = r10; r1 += -16; r2 = 8; r3 = r10; r3 += -16; r4 = 0; r5 = 0; call 201; l9: r0 = 0; exit;",
        "potential write to dynptr at off=-16 disallowed", 21)]
    [InlineData("rb_wrong_kind", FromMem + " r1 = r10; r1 += -16; r2 = 0; call 199; l9: r0 = 0; exit;", "arg 1 is an unacquired reference", 17)]
    [InlineData("dynptr_map_value", "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[m_array] ll; call 1; if r0 == 0 goto l9;" +
        " r1 = r0; r2 = 0; r3 = 8; call 203; l9: r0 = 0; exit;", "R1 type=map_value expected=fp, dynptr_ptr", 11)]
    public void Rejected(string name, string asm, string error, int insns)
    {
        var r = Verify(asm);
        Assert.False(r.Accepted, name);
        Assert.Equal(error, r.ErrorLine);
        Assert.Equal(insns, r.Stats.TotalInsns);
    }

    [Fact]
    public void RingbufDynptrSlotIsPrintedWithItsReference()
    {
        var r = Verify(Reserve + Discard + " r0 = 0; exit;", logLevel: 2);
        Assert.Contains("6: (85) call bpf_ringbuf_reserve_dynptr#198   ; R0=scalar() fp-16=dynptr_ringbuf(id=1,ref_id=2,dynptr_id=1) refs=2\n", r.Log);
    }

    [Fact]
    public void LeakNamesTheDynptrReference()
    {
        var r = Verify(Reserve + " r0 = 0; exit;");
        Assert.Contains("Unreleased reference id=2 alloc_insn=6\n", r.Log);
    }

    [Fact]
    public void MisalignedDynptrExplainsTheOffset()
    {
        var r = Verify("r1 = %[m_ringbuf] ll; r2 = 8; r3 = 0; r4 = r10; r4 += -20; call 198; r0 = 0; exit;");
        Assert.Contains("cannot pass in dynptr at an offset=-20\nDynptr has to be an uninitialized dynptr\n", r.Log);
    }
}
