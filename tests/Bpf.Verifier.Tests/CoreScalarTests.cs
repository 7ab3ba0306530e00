namespace Bpf.Verifier.Tests;

/// <summary>
/// Scalar handling in the verifier core (branch refinement, sanity checks, forks, linked ids), each
/// compared with the Linux 6.18.44 log of the same program (veristat -vl2).
/// </summary>
public class CoreScalarTests
{
    [Fact]
    public void SameRegisterBranchRefinesAgainstItself()
    {
        // "if r6 > r6": the taken branch refines r6 against itself; dead R0 is not linked.
        var r = TestProgram.Verify("call 7; r6 = r0; if r6 > r6 goto l1; r0 = 0; exit; l1: r0 = 1; exit;", logLevel: 2);
        Assert.True(r.Accepted, r.Log);
        Assert.Contains("2: (2d) if r6 > r6 goto pc+2          ; R6=scalar(id=1)\n", r.Log);
        Assert.Contains("\nfrom 2 to 5: R0=scalar(id=1) R6=scalar(id=1,umin=1,umax=0xfffffffffffffffe) R10=fp0\n", r.Log);
    }

    [Fact]
    public void SameRegisterBranchOnTwoValues()
    {
        var r = TestProgram.Verify("call 7; r6 = r0; r6 &= 1; if r6 > r6 goto l1; r0 = 0; exit; l1: r0 = r6; exit;", logLevel: 2);
        Assert.True(r.Accepted, r.Log);
        Assert.Contains("\nfrom 3 to 6: R0=scalar(id=1) R6=1 R10=fp0\n", r.Log);
    }

    [Fact]
    public void BranchInvariantViolationIsLoggedAndForgotten()
    {
        // The kernel reports the broken taken-branch register, forgets its bounds and goes on.
        var r = TestProgram.Verify("call 7; r6 = r0; r6 &= 1; if w6 > w6 goto l1; r0 = 0; exit; l1: r0 = r6; exit;", logLevel: 2);
        Assert.True(r.Accepted, r.Log);
        Assert.Contains(
            "3: (2e) if w6 > w6 goto pc+2\n" +
            "verifier bug: REG INVARIANTS VIOLATION (true_reg1): range bounds violation u64=[0x0, 0x1] s64=[0x0, 0x1] u32=[0x1, 0x0] s32=[0x0, 0x1] var_off=(0x0, 0x1)\n" +
            "3: R6=scalar(smin=smin32=0,smax=umax=smax32=umax32=1,var_off=(0x0; 0x1))\n", r.Log);
        Assert.Contains("\nfrom 3 to 6: R0=scalar(id=1) R6=scalar(var_off=(0x0; 0x1)) R10=fp0\n", r.Log);
    }

    [Fact]
    public void OnlyLiveRegistersAreLinked()
    {
        var dead = TestProgram.Verify("call 7; r6 = r0; r7 = r0; if r6 <= 5 goto l1; r0 = 0; exit; l1: r0 = r7; exit;", logLevel: 2);
        Assert.Contains("\nfrom 3 to 6: R0=scalar(id=1) R6=scalar(id=1,smin=smin32=0,smax=umax=smax32=umax32=5,var_off=(0x0; 0x7)) R7=scalar(id=1,smin=smin32=0,smax=umax=smax32=umax32=5,var_off=(0x0; 0x7)) R10=fp0\n", dead.Log);
        var live = TestProgram.Verify("call 7; r6 = r0; r7 = r0; if r6 <= 5 goto l1; r0 = 0; exit; l1: r0 += r7; exit;", logLevel: 2);
        Assert.Contains("\nfrom 3 to 6: R0=scalar(id=1,smin=smin32=0,smax=umax=smax32=umax32=5,var_off=(0x0; 0x7)) R6=", live.Log);
    }

    [Fact]
    public void AndOnMinusOneOrZeroForks()
    {
        // maybe_fork_scalars: this path continues with -1, the pushed state re-runs insn 3 with 0.
        var r = TestProgram.Verify("call 7; r6 = r0; r6 s>>= 63; r6 &= 5; r0 = r6; exit;", logLevel: 2);
        Assert.True(r.Accepted, r.Log);
        Assert.Contains("3: (57) r6 &= 5                       ; R6=5\n", r.Log);
        Assert.Contains("\nfrom 3 to 3: R0=scalar(id=1) R6=0 R10=fp0\n3: R0=scalar(id=1) R6=0 R10=fp0\n3: (57) r6 &= 5                       ; R6=0\n", r.Log);
        Assert.Equal(9, r.Stats.TotalInsns);
    }

    [Fact]
    public void OrWithRegisterConstantForks()
    {
        var r = TestProgram.Verify("call 7; r6 = r0; r6 <<= 32; r6 s>>= 32; r6 s>>= 31; r7 = 3; r6 |= r7; r0 = r6; exit;", logLevel: 2);
        Assert.Contains("6: (4f) r6 |= r7                      ; R6=-1 R7=3\n", r.Log);
        Assert.Contains("\nfrom 6 to 6: R0=scalar(id=1) R6=0 R7=3 R10=fp0\n", r.Log);
        Assert.Contains("6: (4f) r6 |= r7                      ; R6=3 R7=3\n", r.Log);
    }

    [Fact]
    public void SubregisterForkKeepsTheId()
    {
        var r = TestProgram.Verify("call 7; r6 = r0; w6 s>>= 31; r7 = r6; r6 &= 5; r0 = r6; r0 += r7; exit;", logLevel: 2);
        Assert.Contains("4: (57) r6 &= 5                       ; R6=5\n", r.Log);
        Assert.Contains("\nfrom 4 to 4: R0=scalar(id=1) R6=0 R7=scalar(id=2,smin=0,smax=umax=0xffffffff,smin32=-1,smax32=0,var_off=(0x0; 0xffffffff)) R10=fp0\n", r.Log);
    }

    [Fact]
    public void MapNamesPrintTheKernelName()
    {
        // The kernel keeps BPF_OBJ_NAME_LEN - 1 = 15 characters of a map's name.
        var map = new Bpf.Object.MapSpec { Name = "a_very_long_map_name", Type = 2, KeySize = 4, ValueSize = 8, MaxEntries = 1 };
        var r = TestProgram.Verify("r1 = %[a_very_long_map_name] ll; r0 = 0; exit;", logLevel: 2, maps: [map]);
        Assert.True(r.Accepted, r.Log);
        Assert.Contains("R1=map_ptr(map=a_very_long_map,ks=4,vs=8)", r.Log);
    }

    [Fact]
    public void ConstantDeltasKeepScalarsLinked()
    {
        // 6.18 links "r += const" and "r -= const" (id=N+off / id=N-off) and syncs them after a branch.
        var r = TestProgram.Verify("call 7; r6 = r0; r7 = r6; r7 += 5; r8 = r6; r8 -= 3; if r6 < 10 goto l1; r0 = 0; exit; l1: r0 = r7; r0 += r8; exit;", logLevel: 2);
        Assert.True(r.Accepted, r.Log);
        Assert.Contains("3: (07) r7 += 5                       ; R7=scalar(id=1+5)\n", r.Log);
        Assert.Contains("5: (17) r8 -= 3                       ; R8=scalar(id=1-3)\n", r.Log);
        Assert.Contains("\nfrom 6 to 9: R0=scalar(id=1) R6=scalar(id=1,smin=smin32=0,smax=umax=smax32=umax32=9,var_off=(0x0; 0xf)) " +
            "R7=scalar(id=1+5,smin=umin=smin32=umin32=5,smax=umax=smax32=umax32=14,var_off=(0x0; 0xf)) R8=scalar(id=1-3,smin=smin32=-3,smax=smax32=6) R10=fp0\n", r.Log);
    }

    [Fact]
    public void ConstantDeltaLinkLimits()
    {
        var r = TestProgram.Verify(
            "call 7; r6 = r0; r7 = r6; r7 += -3; r8 = r6; w8 += 5; r9 = r6; r9 += 0x7fffffff; r1 = r6; r1 -= -2147483648; " +
            "r2 = r6; r2 += r2; r3 = r6; r3 += 0; exit;", logLevel: 2);
        Assert.Contains("3: (07) r7 += -3                      ; R7=scalar(id=1-3)\n", r.Log);
        Assert.Contains("5: (04) w8 += 5                       ; R8=scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))\n", r.Log);
        Assert.Contains("7: (07) r9 += 2147483647              ; R9=scalar(id=1+2147483647)\n", r.Log);
        Assert.Contains("9: (17) r1 -= -2147483648             ; R1=scalar()\n", r.Log);
        Assert.Contains("11: (0f) r2 += r2                     ; R2=scalar()\n", r.Log);
        Assert.Contains("13: (07) r3 += 0                      ; R3=scalar(id=1+0)\n", r.Log);
    }

    [Fact]
    public void SubregisterDeltaAndMixedWidthLinks()
    {
        var r = TestProgram.Verify(
            "call 7; r6 = r0; r6 &= 0xff; r7 = r6; r7 += 5; r8 = r6; w8 -= 3; r9 = r7; r1 = r6; r1 = -r1; r2 = r6; r2 += 3; " +
            "if r2 == 10 goto l1; r0 = 0; exit; l1: r0 = r7; r0 += r8; r0 += r9; r0 += r6; r0 += r1; exit;", logLevel: 2);
        Assert.Contains("6: (14) w8 -= 3                       ; R8=scalar(id=2-3,smin=0,smax=umax=0xffffffff,smin32=-3,smax32=252,var_off=(0x0; 0xffffffff))\n", r.Log);
        Assert.Contains("7: (bf) r9 = r7                       ; R7=scalar(id=3,", r.Log);
        Assert.Contains("9: (87) r1 = -r1                      ; R1=scalar(smin=smin32=-255,smax=smax32=0)\n", r.Log);
        Assert.Contains("\nfrom 12 to 15: R0=scalar(id=1) R1=scalar(smin=smin32=-255,smax=smax32=0) R2=10 R6=7 R7=scalar(id=3,", r.Log);
        Assert.Contains(" R8=scalar(id=2-3,smin=0,smax=umax=0xffffffff,smin32=-3,smax32=252,var_off=(0x0; 0xffffffff)) ", r.Log);
    }
}
