using Bpf.Isa;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Semantics.Scalar;

namespace Bpf.Verifier.Tests.Domain;

/// <summary>Bounds synchronisation cases checked against the live 6.18 verifier.</summary>
public class ScalarSyncTests
{
    private static ScalarBounds Op(ScalarBounds d, byte op, ulong imm)
    {
        ScalarAlu.Apply(ref d, ScalarBounds.Const(imm), op, true);
        return d;
    }

    [Fact]
    public void SingleValueTnumCollapsesToConstant()
    {
        // call bpf_get_prandom_u32; r0 |= 3584; r0 &= 3840; if r0 == 0xe00 goto +2  -> fall-through R0=3840,
        // taken R0=3584 (6.18 stable "Improve bounds when tnum has a single possible value").
        ScalarBounds r0 = Op(ScalarBounds.Unknown, Opcode.Or, 3584);
        Assert.Equal("scalar(smin=0x8000000000000e00,umin=umin32=3584,smin32=0x80000e00,var_off=(0xe00; 0xfffffffffffff1ff))", ScalarLog.Format(r0));
        r0 = Op(r0, Opcode.And, 3840);
        Assert.Equal("scalar(smin=umin=smin32=umin32=3584,smax=umax=smax32=umax32=3840,var_off=(0xe00; 0x100))", ScalarLog.Format(r0));
        Assert.Equal(-1, ScalarBranch.IsTaken(r0, ScalarBounds.Const(0xe00), Opcode.Jeq, false));

        ScalarBounds fall = r0, fallK = ScalarBounds.Const(0xe00);
        ScalarBranch.RefineAndSync(ref fall, ref fallK, ScalarBranch.Negate(Opcode.Jeq), false);
        Assert.Equal("3840", ScalarLog.Format(fall));
        Assert.Null(fall.CheckInvariants());

        ScalarBounds taken = r0, takenK = ScalarBounds.Const(0xe00);
        ScalarBranch.RefineAndSync(ref taken, ref takenK, Opcode.Jeq, false);
        Assert.Equal("3584", ScalarLog.Format(taken));

        // if r0 == 0xf00 is then always taken.
        Assert.Equal(1, ScalarBranch.IsTaken(fall, ScalarBounds.Const(0xf00), Opcode.Jeq, false));
    }

    [Fact]
    public void SameRegisterComparisonAliasesBothOperands()
    {
        // r6 &= 0xff; if r6 > r6 goto ...: 6.18 has no same-register shortcut; the taken branch refines
        // the register against itself: [1, 254].
        ScalarBounds r6 = Op(ScalarBounds.Unknown, Opcode.And, 0xff);
        Assert.Equal(-1, ScalarBranch.IsTaken(r6, r6, Opcode.Jgt, false));
        ScalarBounds taken = r6;
        ScalarBranch.RefineAndSync(ref taken, ref taken, Opcode.Jgt, false);
        Assert.Equal("scalar(smin=umin=smin32=umin32=1,smax=umax=smax32=umax32=254,var_off=(0x0; 0xff))", ScalarLog.Format(taken));
        ScalarBounds fall = r6;
        ScalarBranch.RefineAndSync(ref fall, ref fall, ScalarBranch.Negate(Opcode.Jgt), false);
        Assert.Equal(ScalarLog.Format(r6), ScalarLog.Format(fall));
    }

    [Fact]
    public void DivAndModGiveUp()
    {
        // r1 = r0 & 0xff; r1 /= 3 -> R1=scalar(); r2 %= 7 -> R2=scalar() (6.18 does not track div/mod).
        ScalarBounds r = Op(ScalarBounds.Unknown, Opcode.And, 0xff);
        ScalarBounds d = r;
        Assert.False(ScalarAlu.Apply(ref d, ScalarBounds.Const(3), Opcode.Div, true));
        Assert.Equal("scalar()", ScalarLog.Format(d));
        Assert.False(ScalarAlu.Apply(ref r, ScalarBounds.Const(7), Opcode.Mod, true));
    }

    [Fact]
    public void NegAndByteSwap()
    {
        // r5 = r0 & 0xff; r5 = -r5 -> smin=smin32=-255,smax=smax32=0; w6 = -w6 keeps the result 32-bit.
        ScalarBounds r = Op(ScalarBounds.Unknown, Opcode.And, 0xff);
        ScalarBounds n = r;
        ScalarAlu.Neg(ref n, true);
        Assert.Equal("scalar(smin=smin32=-255,smax=smax32=0)", ScalarLog.Format(n));
        ScalarBounds w = r;
        ScalarAlu.Neg(ref w, false);
        Assert.Equal("scalar(smin=0,smax=umax=0xffffffff,smin32=-255,smax32=0,var_off=(0x0; 0xffffffff))", ScalarLog.Format(w));

        // r0 &= 0x3f00; r0 = bswap16 r0 -> var_off=(0x0; 0x3f).
        ScalarBounds s = Op(ScalarBounds.Unknown, Opcode.And, 0x3f00);
        ScalarAlu.ByteSwap(ref s, Opcode.End | Opcode.Alu64, 16);
        Assert.Equal("scalar(smin=smin32=0,smax=umax=smax32=umax32=63,var_off=(0x0; 0x3f))", ScalarLog.Format(s));
    }

    [Fact]
    public void ConstHelpers()
    {
        ScalarBounds b = ScalarBounds.Unknown;
        b.MarkKnown32(7);
        Assert.True(b.IsSubregConst);
        Assert.False(b.IsConst);
        Assert.Equal(7UL, b.ConstValueOf(true));
        Assert.Equal(9, ScalarBounds.Const(0x1ff).Width);
        ScalarBounds r = ScalarBounds.Unknown;
        r.ClampS32Range(0, 1);
        Assert.Equal("scalar(smin=smin32=0,smax=umax=smax32=umax32=1,var_off=(0x0; 0x1))", ScalarLog.Format(r));
    }

    [Fact]
    public void SetMinMaxRefinesBothBranches()
    {
        // x in [5, 6]; "if x > 5": taken x == 6, fall-through x == 5, no violation.
        ScalarBounds t2 = ScalarBounds.Const(5), f2 = t2;
        ScalarBounds u = ScalarBounds.Unknown;
        u.UMin = 5;
        u.UMax = 6;
        u.Sync();
        ScalarBounds t1 = u, f1 = u;
        Assert.Null(ScalarBranch.SetMinMax(ref t1, ref t2, ref f1, ref f2, Opcode.Jgt, false));
        Assert.Equal("6", ScalarLog.Format(t1));
        Assert.Equal("5", ScalarLog.Format(f1));
    }
}
