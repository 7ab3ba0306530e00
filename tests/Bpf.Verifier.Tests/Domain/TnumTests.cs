using Bpf.Verifier.Domain;
using CsCheck;

namespace Bpf.Verifier.Tests.Domain;

public class TnumTests
{
    /// <summary>A tnum with one concrete member.</summary>
    private static readonly Gen<(Tnum T, ulong X)> Member =
        Gen.Select(ScalarGen.Value, Gen.Frequency((1, Gen.Const(0UL)), (2, Gen.ULong[0, 0xffff]), (3, Gen.Select(Gen.ULong, Gen.ULong).Select((a, b) => a & b)), (1, Gen.ULong)))
           .Select((x, m) => (new Tnum(x & ~m, m), x));

    [Theory]
    [InlineData(0UL, 0UL, 0UL, 0UL)]
    [InlineData(0UL, 255UL, 0UL, 0xffUL)]
    [InlineData(3584UL, 3840UL, 0xe00UL, 0x1ffUL)]
    [InlineData(1UL, 0xffff_ffff_ffff_fffeUL, 0UL, ulong.MaxValue)]
    [InlineData(0x8000_0000_0000_0000UL, 0xffff_ffff_ffff_ffffUL, 0x8000_0000_0000_0000UL, 0x7fff_ffff_ffff_ffffUL)]
    public void Range(ulong min, ulong max, ulong value, ulong mask) => Assert.Equal(new Tnum(value, mask), Tnum.Range(min, max));

    [Fact]
    public void MulMatchesKernelLog()
    {
        // r4 = (0x0; 0xff); r4 *= 5 -> var_off=(0x0; 0x7ff) (live 6.18 log).
        Assert.Equal(new Tnum(0, 0x7ff), Tnum.Mul(new Tnum(0, 0xff), Tnum.Const(5)));
    }

    [Fact]
    public void Text()
    {
        Assert.Equal("(0x0; 0xff)", new Tnum(0, 0xff).ToString());
        var sb = new System.Text.StringBuilder();
        Tnum.Const(65535).AppendLogText(sb);
        sb.Append(' ');
        Tnum.Const(65536).AppendLogText(sb);
        sb.Append(' ');
        new Tnum(0x8000_0000_0000_0000, 0x7fff_ffff_ffff_ffff).AppendLogText(sb);
        Assert.Equal("65535 0x10000 (0x8000000000000000; 0x7fffffffffffffff)", sb.ToString());
    }

    [Fact]
    public void SubregHelpers()
    {
        var t = new Tnum(0x1234_5678_0000_0000, 0xff);
        Assert.Equal(new Tnum(0, 0xff), Tnum.Subreg(t));
        Assert.Equal(new Tnum(0x1234_5678_0000_0000, 0), Tnum.ClearSubreg(t));
        Assert.Equal(new Tnum(0x1234_5678_0000_0007, 0), Tnum.ConstSubreg(t, 7));
        Assert.True(Tnum.ConstSubreg(t, 7).SubregIsConst);
        Assert.Equal(new Tnum(0, 0xffff_ffff), Tnum.Cast(Tnum.Unknown, 4));
        Assert.True(Tnum.IsAligned(new Tnum(0x10, 0x30), 16));
        Assert.False(Tnum.IsAligned(new Tnum(0x10, 0x38), 16));
    }

    [Fact]
    public void ByteSwap()
    {
        Assert.Equal(new Tnum(0, 0x3f), Tnum.ByteSwap16(new Tnum(0, 0x3f00)));
        Assert.Equal(new Tnum(0x7856_3412, 0xff00_0000), Tnum.ByteSwap32(new Tnum(0xff_1234_5678, 0xff)));
        Assert.Equal(new Tnum(0x0100_0000_0000_0000, 0xff), Tnum.ByteSwap64(new Tnum(1, 0xff00_0000_0000_0000)));
    }

    [Fact]
    public void StepMatchesBruteForce() =>
        Gen.Select(Gen.ULong[0, 0xfff], Gen.ULong[0, 0xfff], Gen.ULong[0, 0x1000]).Sample((v, m, z) =>
        {
            var t = new Tnum(v & ~m, m);
            ulong tmax = t.Value | t.Mask;
            ulong expect;
            if (z >= tmax)
            {
                expect = tmax;
            }
            else if (z < t.Value)
            {
                expect = t.Value;
            }
            else
            {
                expect = z + 1;
                while (!t.Contains(expect))
                {
                    expect++;
                }
            }

            Assert.Equal(expect, Tnum.Step(t, z));
        }, iter: 100_000);

    [Fact]
    public void StepOnWideValues() =>
        Gen.Select(Member, ScalarGen.Value).Sample((m, z) =>
        {
            ulong next = Tnum.Step(m.T, z);
            Assert.True(m.T.Contains(next));
            if (z < m.T.Max && z >= m.T.Value)
            {
                Assert.True(next > z);
            }
        }, iter: 50_000);

    [Fact]
    public void BinaryOpsAreSound() =>
        Gen.Select(Member, Member).Sample((a, b) =>
        {
            Assert.True(Tnum.Add(a.T, b.T).Contains(a.X + b.X));
            Assert.True(Tnum.Sub(a.T, b.T).Contains(a.X - b.X));
            Assert.True(Tnum.Mul(a.T, b.T).Contains(a.X * b.X), $"{a.T} * {b.T}");
            Assert.True(Tnum.And(a.T, b.T).Contains(a.X & b.X));
            Assert.True(Tnum.Or(a.T, b.T).Contains(a.X | b.X));
            Assert.True(Tnum.Xor(a.T, b.T).Contains(a.X ^ b.X));
            Assert.True(Tnum.Union(a.T, b.T).Contains(a.X) && Tnum.Union(a.T, b.T).Contains(b.X));
            Assert.True(Tnum.Overlap(a.T, b.T) || !a.T.Contains(b.X));
            if (b.T.Contains(a.X))
            {
                Assert.True(Tnum.Intersect(a.T, b.T).Contains(a.X));
            }

            Assert.True(!Tnum.In(a.T, b.T) || a.T.Contains(b.X));
        }, iter: 100_000);

    [Fact]
    public void UnaryOpsAreSound() =>
        Gen.Select(Member, Gen.Int[0, 63]).Sample((a, s) =>
        {
            Assert.True(Tnum.Neg(a.T).Contains(0 - a.X));
            Assert.True(Tnum.LShift(a.T, s).Contains(a.X << s));
            Assert.True(Tnum.RShift(a.T, s).Contains(a.X >> s));
            Assert.True(Tnum.ARShift(a.T, s, 64).Contains((ulong)((long)a.X >> s)));
            Assert.True(Tnum.ARShift(Tnum.Subreg(a.T), s & 31, 32).Contains((uint)((int)(uint)a.X >> (s & 31))));
            Assert.True(Tnum.Range(Math.Min(a.X, (ulong)s), Math.Max(a.X, (ulong)s)).Contains(a.X));
        }, iter: 50_000);
}
