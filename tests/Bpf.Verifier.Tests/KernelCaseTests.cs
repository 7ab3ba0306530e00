using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// Programs of Data/kernel_cases.c (clang-19 -O2 -g --target=bpf -mcpu=v3), with the verdict, message and
/// processed-instruction count the Linux 6.18 verifier gave through veristat on the reference machine.
/// </summary>
public class KernelCaseTests
{
    private const string Lookup = "r1 = %[m_array] ll; call 1;";

    [Theory]
    // map_ptr += 0 keeps the map pointer, in both operand orders (the seed's rule).
    [InlineData("map_ptr_add_zero", "r1 = %[m_array] ll; r1 += 0; r2 = r10; r2 += -8; r3 = 0; *(u32 *)(r10 - 8) = r3; call 1; r0 = 0; exit;", 9)]
    [InlineData("zero_add_map_ptr", "r6 = %[m_array] ll; r1 = 0; r1 += r6; r2 = r10; r2 += -8; r3 = 0; *(u32 *)(r10 - 8) = r3; call 1; r0 = 0; exit;", 10)]
    // 6.18: an array lookup with a constant in-range key returns a non-NULL map_value.
    [InlineData("map_value_or_null_deref", "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; " + Lookup + " r1 = *(u64 *)(r0 + 0); r0 = 0; exit;", 9)]
    [InlineData("spill_fill_ptr", "*(u64 *)(r10 - 8) = r1; r2 = *(u64 *)(r10 - 8); r0 = *(u32 *)(r2 + 0); exit;", 4)]
    // A privileged loader may read uninitialized stack.
    [InlineData("stack_uninit_read", "r0 = *(u64 *)(r10 - 8); r0 = 0; exit;", 3)]
    [InlineData("bounded_loop", "r1 = 0; l0: r1 += 1; if r1 < 10 goto l0; r0 = 0; exit;", 23)]
    [InlineData("branch_const", "call 7; r1 = r0; r0 = 0; if r1 > 5 goto l0; r0 = 1; l0: exit;", 7)]
    [InlineData("map_update", "r1 = 0; *(u64 *)(r10 - 8) = r1; *(u64 *)(r10 - 16) = r1; r2 = r10; r2 += -8; r3 = r10; r3 += -16; r1 = %[m_hash] ll; r4 = 0; call 2; r0 = 0; exit;", 12)]
    public void Accepted(string name, string asm, int insns)
    {
        var r = TestProgram.Verify(asm);
        Assert.True(r.Accepted, $"{name}: {r.ErrorLine}\n{r.Log}");
        Assert.Equal(insns, r.Stats.TotalInsns);
    }

    [Theory]
    [InlineData("map_ptr_add_one", "r1 = %[m_array] ll; r1 += 1; r0 = 0; exit;", "R1 pointer arithmetic on map_ptr prohibited", 2)]
    [InlineData("map_ptr_add_reg_one", "r1 = %[m_array] ll; r2 = 1; r1 += r2; r0 = 0; exit;", "R1 pointer arithmetic on map_ptr prohibited", 3)]
    [InlineData("r0_not_init", "exit;", "R0 !read_ok", 1)]
    [InlineData("r2_not_init", "r0 = r2; exit;", "R2 !read_ok", 1)]
    [InlineData("map_value_oob", "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; " + Lookup + " if r0 == 0 goto l0; r1 = *(u64 *)(r0 + 8); l0: r0 = 0; exit;", "R0 min value is outside of the allowed memory range", 8)]
    [InlineData("ctx_modified", "r1 += 4; r0 = *(u32 *)(r1 + 0); exit;", "dereference of modified ctx ptr R1 off=4 disallowed", 2)]
    [InlineData("ctx_bad_off", "r0 = *(u32 *)(r1 + 200); exit;", "invalid bpf_context access off=200 size=4", 1)]
    [InlineData("stack_oob", "r0 = 0; *(u64 *)(r10 + 8) = r0; exit;", "invalid write to stack R10 off=8 size=8", 2)]
    [InlineData("map_key_on_stack_bad", "r2 = r10; r2 += -4; r1 = %[m_hash] ll; r3 = 0; *(u32 *)(r10 - 4) = r3; call 1; r0 = 0; exit;", "invalid read from stack R2 off=-4 size=8", 6)]
    public void Rejected(string name, string asm, string error, int insns)
    {
        var r = TestProgram.Verify(asm);
        Assert.False(r.Accepted, name);
        Assert.Equal(error, r.ErrorLine);
        Assert.Equal(insns, r.Stats.TotalInsns);
    }

    [Fact]
    public void MapValueOutOfBoundsPrintsBothKernelLines()
    {
        var r = TestProgram.Verify("r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; " + Lookup + " if r0 == 0 goto l0; r1 = *(u64 *)(r0 + 8); l0: r0 = 0; exit;");
        Assert.Contains("invalid access to map value, value_size=8 off=8 size=8\nR0 min value is outside of the allowed memory range\n", r.Log);
    }

    [Fact]
    public void XdpPacketAccessWithinCheckedRange()
    {
        var r = TestProgram.Verify("r2 = *(u32 *)(r1 + 0); r3 = *(u32 *)(r1 + 4); r4 = r2; r4 += 14; if r4 > r3 goto l0; r0 = *(u8 *)(r2 + 13); l0: r0 = 2; exit;", ProgramType.Xdp);
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(10, r.Stats.TotalInsns);
        Assert.Equal(1, r.Stats.TotalStates);
        Assert.Equal(1, r.Stats.PeakStates);
    }

    [Fact]
    public void XdpPacketAccessBeyondCheckedRange()
    {
        var r = TestProgram.Verify("r2 = *(u32 *)(r1 + 0); r3 = *(u32 *)(r1 + 4); r4 = r2; r4 += 14; if r4 > r3 goto l0; r0 = *(u8 *)(r2 + 14); l0: r0 = 2; exit;", ProgramType.Xdp);
        Assert.False(r.Accepted);
        Assert.Equal("R2 offset is outside of the packet", r.ErrorLine);
        Assert.Contains("invalid access to packet, off=14 size=1, R2(id=0,off=14,r=14)\n", r.Log);
        Assert.Equal(6, r.Stats.TotalInsns);
    }

    [Fact]
    public void BoundedLoopStatistics()
    {
        // veristat: bounded_loop,success,23 insns,2 total_states,2 peak_states,1 max_states_per_insn
        var r = TestProgram.Verify("r1 = 0; l0: r1 += 1; if r1 < 10 goto l0; r0 = 0; exit;");
        Assert.True(r.Accepted);
        Assert.Equal(2, r.Stats.TotalStates);
        Assert.Equal(2, r.Stats.PeakStates);
        Assert.Equal(1, r.Stats.MaxStatesPerInsn);
    }
}
