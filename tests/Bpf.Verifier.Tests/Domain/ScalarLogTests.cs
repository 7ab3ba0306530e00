using System.Text;
using Bpf.Isa;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Semantics.Scalar;

namespace Bpf.Verifier.Tests.Domain;

/// <summary>
/// Register texts from live Linux 6.18 level-2 logs. Program (socket, asm):
/// call bpf_get_prandom_u32; r6 = r0; r1 = r6; r2 = 0x8000000000000000 ll; r1 |= r2; r1 += r2;
/// w7 = w6; w7 |= 0x80000000; w7 += 0x80000000; r3 = r6; r3 &= 0xf; r3 -= 8; r3 *= -3;
/// r8 = r6; r8 &= 0xff; r8 -= 10; r4 = r6; r4 s>>= 63; r4 &= 5.
/// </summary>
public class ScalarLogTests
{
    private static ScalarBounds Op(ScalarBounds d, byte op, ulong imm, bool alu64 = true)
    {
        ScalarAlu.Apply(ref d, ScalarBounds.Const(imm), op, alu64);
        return d;
    }

    [Fact]
    public void SixtyFourBitSignBoundary()
    {
        ScalarBounds r1 = Op(ScalarBounds.Unknown, Opcode.Or, 0x8000_0000_0000_0000);
        Assert.Equal("scalar(smax=-1,umin=0x8000000000000000,var_off=(0x8000000000000000; 0x7fffffffffffffff))", ScalarLog.Format(r1));
        r1 = Op(r1, Opcode.Add, 0x8000_0000_0000_0000);
        Assert.Equal("scalar(smin=0,umax=0x7fffffffffffffff,var_off=(0x0; 0x7fffffffffffffff))", ScalarLog.Format(r1));
    }

    [Fact]
    public void ThirtyTwoBitOps()
    {
        ScalarBounds r7 = ScalarBounds.Unknown;
        ScalarAlu.Mov32(ref r7);
        Assert.Equal("scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))", ScalarLog.Format(r7));
        r7 = Op(r7, Opcode.Or, unchecked((ulong)(long)int.MinValue), alu64: false);
        Assert.Equal("scalar(smin=umin=umin32=0x80000000,smax=umax=0xffffffff,smax32=-1,var_off=(0x80000000; 0x7fffffff))", ScalarLog.Format(r7));
        r7 = Op(r7, Opcode.Add, unchecked((ulong)(long)int.MinValue), alu64: false);
        Assert.Equal("scalar(smin=smin32=0,smax=umax=umax32=0x7fffffff,var_off=(0x0; 0x7fffffff))", ScalarLog.Format(r7));
    }

    [Fact]
    public void SignedRangesAndMul()
    {
        ScalarBounds r3 = Op(ScalarBounds.Unknown, Opcode.And, 0xf);
        Assert.Equal("scalar(smin=smin32=0,smax=umax=smax32=umax32=15,var_off=(0x0; 0xf))", ScalarLog.Format(r3));
        r3 = Op(r3, Opcode.Sub, 8);
        Assert.Equal("scalar(smin=smin32=-8,smax=smax32=7)", ScalarLog.Format(r3));
        r3 = Op(r3, Opcode.Mul, unchecked((ulong)-3L));
        Assert.Equal("scalar(smin=smin32=-21,smax=smax32=24)", ScalarLog.Format(r3));

        ScalarBounds r8 = Op(ScalarBounds.Unknown, Opcode.And, 0xff);
        r8 = Op(r8, Opcode.Sub, 10);
        Assert.Equal("scalar(smin=smin32=-10,smax=smax32=245)", ScalarLog.Format(r8));
    }

    [Fact]
    public void ForkOnMinusOneOrZero()
    {
        ScalarBounds r4 = Op(ScalarBounds.Unknown, Opcode.Arsh, 63);
        Assert.Equal("scalar(smin=smin32=-1,smax=smax32=0)", ScalarLog.Format(r4));
        Assert.True(ScalarAlu.ForkOnAndOr(r4, ScalarBounds.Const(5), Opcode.And, out bool alu32));
        Assert.False(alu32);

        // Current path continues with -1 (R4=5), the pushed path with 0 (R4=0).
        ScalarBounds cur = r4;
        ScalarBounds pushed = r4;
        ScalarAlu.ForkValue(ref cur, ulong.MaxValue, alu32);
        ScalarAlu.ForkValue(ref pushed, 0, alu32);
        Assert.Equal("5", ScalarLog.Format(Op(cur, Opcode.And, 5)));
        Assert.Equal("0", ScalarLog.Format(Op(pushed, Opcode.And, 5)));
    }

    [Fact]
    public void Constants()
    {
        Assert.Equal("0x8000000000000000", ScalarLog.Format(ScalarBounds.Const(0x8000_0000_0000_0000)));
        Assert.Equal("-1", ScalarLog.Format(ScalarBounds.Const(ulong.MaxValue)));
        Assert.Equal("-32768", ScalarLog.Format(ScalarBounds.Const(unchecked((ulong)-32768L))));
        Assert.Equal("0xffffffffffff7fff", ScalarLog.Format(ScalarBounds.Const(unchecked((ulong)-32769L))));
        Assert.Equal("32767", ScalarLog.Format(ScalarBounds.Const(32767)));
        Assert.Equal("0x8000", ScalarLog.Format(ScalarBounds.Const(32768)));
        Assert.Equal("0xffffffff", ScalarLog.Format(ScalarBounds.Const(0xffff_ffff)));
    }

    [Fact]
    public void UnknownPrintsNothing()
    {
        var sb = new StringBuilder();
        Assert.False(ScalarLog.AppendLogRanges(sb, ScalarBounds.Unknown));
        Assert.Equal(string.Empty, sb.ToString());
        Assert.Equal("scalar()", ScalarLog.Format(ScalarBounds.Unknown));
    }

    [Fact]
    public void SeparatorAfterId()
    {
        var sb = new StringBuilder("id=1");
        ScalarBounds b = Op(ScalarBounds.Unknown, Opcode.And, 0xff);
        Assert.True(ScalarLog.AppendLogRanges(sb, b, needSeparator: true));
        Assert.Equal("id=1,smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff)", sb.ToString());
    }

    [Fact]
    public void InvariantViolationText()
    {
        // Live 6.18 log: "verifier bug: REG INVARIANTS VIOLATION (false_reg2): range bounds violation u64=[0x0, 0x0] ..."
        var b = new ScalarBounds
        {
            VarOff = Tnum.Const(0),
            UMin = 0,
            UMax = 0,
            SMin = 0,
            SMax = 0,
            U32Min = 0x10000,
            U32Max = 0,
            S32Min = 0,
            S32Max = 0,
        };
        Assert.Equal(
            "verifier bug: REG INVARIANTS VIOLATION (false_reg2): range bounds violation u64=[0x0, 0x0] s64=[0x0, 0x0] u32=[0x10000, 0x0] s32=[0x0, 0x0] var_off=(0x0, 0x0)",
            b.SanityCheck("false_reg2"));
        Assert.Equal(
            "const tnum out of sync with range bounds u64=[0x0, 0xffffffffffffffff] s64=[0x8000000000000000, 0x7fffffffffffffff] u32=[0x0, 0xffffffff] s32=[0x80000000, 0x7fffffff] var_off=(0x0, 0x0)",
            b.FormatInvariantViolation(b.CheckInvariants()!));
    }

    [Fact]
    public void MergesByPositionAndHexSubregisters()
    {
        // Live 6.18: r6 = prandom; r1 = 0xffffffff00000000 ll; r6 &= r1; r6 |= 7; r7 |= -8; r8 &= 0xff; r8 -= 300; r9 s>>= 40.
        ScalarBounds r6 = ScalarBounds.Unknown;
        ScalarAlu.Apply(ref r6, ScalarBounds.Const(0xffff_ffff_0000_0000), Opcode.And, true);
        Assert.Equal("scalar(smax=0x7fffffff00000000,umax=0xffffffff00000000,smin32=0,smax32=umax32=0,var_off=(0x0; 0xffffffff00000000))", ScalarLog.Format(r6));
        r6 = Op(r6, Opcode.Or, 7);
        Assert.Equal(
            "scalar(smin=0x8000000000000007,smax=0x7fffffff00000007,umin=smin32=umin32=7,umax=0xffffffff00000007,smax32=umax32=7,var_off=(0x7; 0xffffffff00000000))",
            ScalarLog.Format(r6));
        Assert.Equal(
            "scalar(smin=smin32=-8,smax=smax32=-1,umin=0xfffffffffffffff8,umin32=0xfffffff8,var_off=(0xfffffffffffffff8; 0x7))",
            ScalarLog.Format(Op(ScalarBounds.Unknown, Opcode.Or, unchecked((ulong)-8L))));
        Assert.Equal(
            "scalar(smin=smin32=-300,smax=smax32=-45,umin=0xfffffffffffffed4,umax=0xffffffffffffffd3,umin32=0xfffffed4,umax32=0xffffffd3,var_off=(0xfffffffffffffe00; 0x1ff))",
            ScalarLog.Format(Op(Op(ScalarBounds.Unknown, Opcode.And, 0xff), Opcode.Sub, 300)));
        Assert.Equal(
            "scalar(smin=0xffffffffff800000,smax=smax32=0x7fffff,smin32=0xff800000)",
            ScalarLog.Format(Op(ScalarBounds.Unknown, Opcode.Arsh, 40)));
    }
}
