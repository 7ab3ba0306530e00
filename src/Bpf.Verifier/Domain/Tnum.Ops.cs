using System.Numerics;

namespace Bpf.Verifier.Domain;

/// <summary>Tnum arithmetic and bit operations (kernel/bpf/tnum.c, Linux 6.18).</summary>
public readonly partial record struct Tnum
{
    /// <summary>True when every bit is unknown (tnum_is_unknown).</summary>
    public bool IsUnknown => Mask == ulong.MaxValue;

    /// <summary>Largest member: all unknown bits set.</summary>
    public ulong Max => Value | Mask;

    /// <summary>True when the low 32 bits are fully known (tnum_subreg_is_const).</summary>
    public bool SubregIsConst => (uint)Mask == 0;

    /// <summary>tnum_equals_const.</summary>
    public bool EqualsConst(ulong v) => Mask == 0 && Value == v;

    /// <summary>True when concrete value <paramref name="v"/> is a member of this tnum.</summary>
    public bool Contains(ulong v) => (v & ~Mask) == Value;

    /// <summary>Smallest tnum covering [min, max] (tnum_range).</summary>
    public static Tnum Range(ulong min, ulong max)
    {
        ulong chi = min ^ max;
        int bits = 64 - BitOperations.LeadingZeroCount(chi);
        if (bits > 63)
        {
            return Unknown;
        }

        ulong delta = (1UL << bits) - 1;
        return new Tnum(min & ~delta, delta);
    }

    public static Tnum LShift(Tnum a, int shift) => new(a.Value << shift, a.Mask << shift);

    public static Tnum RShift(Tnum a, int shift) => new(a.Value >> shift, a.Mask >> shift);

    /// <summary>tnum_arshift: arithmetic shift within a 32- or 64-bit lane; a 32-bit result is zero-extended.</summary>
    public static Tnum ARShift(Tnum a, int minShift, int bitness)
    {
        if (bitness == 32)
        {
            return new Tnum((uint)((int)(uint)a.Value >> minShift), (uint)((int)(uint)a.Mask >> minShift));
        }

        return new Tnum((ulong)((long)a.Value >> minShift), (ulong)((long)a.Mask >> minShift));
    }

    public static Tnum Add(Tnum a, Tnum b)
    {
        ulong sm = a.Mask + b.Mask;
        ulong sv = a.Value + b.Value;
        ulong sigma = sm + sv;
        ulong chi = sigma ^ sv;
        ulong mu = chi | a.Mask | b.Mask;
        return new Tnum(sv & ~mu, mu);
    }

    public static Tnum Sub(Tnum a, Tnum b)
    {
        ulong dv = a.Value - b.Value;
        ulong alpha = dv + a.Mask;
        ulong beta = dv - b.Mask;
        ulong chi = alpha ^ beta;
        ulong mu = chi | a.Mask | b.Mask;
        return new Tnum(dv & ~mu, mu);
    }

    /// <summary>tnum_neg: 0 - a.</summary>
    public static Tnum Neg(Tnum a) => Sub(default, a);

    public static Tnum And(Tnum a, Tnum b)
    {
        ulong alpha = a.Value | a.Mask;
        ulong beta = b.Value | b.Mask;
        ulong v = a.Value & b.Value;
        return new Tnum(v, alpha & beta & ~v);
    }

    public static Tnum Or(Tnum a, Tnum b)
    {
        ulong v = a.Value | b.Value;
        ulong mu = a.Mask | b.Mask;
        return new Tnum(v, mu & ~v);
    }

    public static Tnum Xor(Tnum a, Tnum b)
    {
        ulong v = a.Value ^ b.Value;
        ulong mu = a.Mask | b.Mask;
        return new Tnum(v & ~mu, mu);
    }

    /// <summary>
    /// tnum_mul as of 6.18: long multiplication over the trits of <paramref name="a"/>; an unknown
    /// multiplier bit contributes the union of "added" and "not added" partial sums.
    /// </summary>
    public static Tnum Mul(Tnum a, Tnum b)
    {
        Tnum acc = default;
        while ((a.Value | a.Mask) != 0)
        {
            if ((a.Value & 1) != 0)
            {
                acc = Add(acc, b);
            }
            else if ((a.Mask & 1) != 0)
            {
                acc = Union(acc, Add(acc, b));
            }

            a = RShift(a, 1);
            b = LShift(b, 1);
        }

        return acc;
    }

    /// <summary>tnum_overlap: whether the known bits of both agree (some value may be in both).</summary>
    public static bool Overlap(Tnum a, Tnum b)
    {
        ulong mu = ~a.Mask & ~b.Mask;
        return (a.Value & mu) == (b.Value & mu);
    }

    /// <summary>tnum_intersect: values satisfying both (conflicting known bits come out as known 1).</summary>
    public static Tnum Intersect(Tnum a, Tnum b)
    {
        ulong v = a.Value | b.Value;
        ulong mu = a.Mask & b.Mask;
        return new Tnum(v & ~mu, mu);
    }

    /// <summary>tnum_union: a tnum containing every member of either operand.</summary>
    public static Tnum Union(Tnum a, Tnum b)
    {
        ulong v = a.Value & b.Value;
        ulong mu = (a.Value ^ b.Value) | a.Mask | b.Mask;
        return new Tnum(v & ~mu, mu);
    }

    /// <summary>tnum_cast: keep the low <paramref name="size"/> bytes (size 1..8).</summary>
    public static Tnum Cast(Tnum a, int size)
    {
        ulong m = size >= 8 ? ulong.MaxValue : (1UL << (size * 8)) - 1;
        return new Tnum(a.Value & m, a.Mask & m);
    }

    /// <summary>tnum_is_aligned.</summary>
    public static bool IsAligned(Tnum a, ulong size) => size == 0 || ((a.Value | a.Mask) & (size - 1)) == 0;

    /// <summary>tnum_in: every member of <paramref name="b"/> is a member of <paramref name="a"/>.</summary>
    public static bool In(Tnum a, Tnum b)
    {
        if ((b.Mask & ~a.Mask) != 0)
        {
            return false;
        }

        return a.Value == (b.Value & ~a.Mask);
    }

    /// <summary>tnum_subreg: the low 32 bits, zero-extended.</summary>
    public static Tnum Subreg(Tnum a) => new((uint)a.Value, (uint)a.Mask);

    /// <summary>tnum_clear_subreg: the high 32 bits, low half known zero.</summary>
    public static Tnum ClearSubreg(Tnum a) => new(a.Value & 0xffff_ffff_0000_0000UL, a.Mask & 0xffff_ffff_0000_0000UL);

    /// <summary>tnum_with_subreg: high half of <paramref name="reg"/>, low half of <paramref name="subreg"/>.</summary>
    public static Tnum WithSubreg(Tnum reg, Tnum subreg) => Or(ClearSubreg(reg), Subreg(subreg));

    /// <summary>tnum_const_subreg.</summary>
    public static Tnum ConstSubreg(Tnum a, uint value) => WithSubreg(a, Const(value));

    /// <summary>
    /// tnum_step: the smallest member of <paramref name="t"/> strictly greater than <paramref name="z"/>;
    /// <c>t.Value</c> when z is below it, the largest member when z is at or above it.
    /// </summary>
    public static ulong Step(Tnum t, ulong z)
    {
        ulong tmax = t.Value | t.Mask;
        if (z >= tmax)
        {
            return tmax;
        }

        if (z < t.Value)
        {
            return t.Value;
        }

        // Members are value | s for every submask s of Mask, ordered like s. The next member above z
        // is value | (smallest submask s whose member exceeds z). Find it by treating the unknown
        // bits as a counter: take z's bits at unknown positions, then fix up the highest known-bit
        // disagreement between z and the tnum.
        ulong diff = (z & ~t.Mask) ^ t.Value;
        if (diff == 0)
        {
            // z is a member: increment its unknown-bit counter.
            ulong s = z & t.Mask;
            ulong next = ((s | ~t.Mask) + 1) & t.Mask;
            return t.Value | next;
        }

        int hi = 63 - BitOperations.LeadingZeroCount(diff);
        ulong above = hi == 63 ? 0 : ~0UL << (hi + 1);
        if ((t.Value & (1UL << hi)) != 0)
        {
            // The tnum has a 1 where z has 0: keep z's unknown bits above hi, clear the ones below.
            return t.Value | (z & t.Mask & above);
        }

        // z has a 1 where the tnum has 0: increment the unknown-bit counter above hi.
        ulong sHigh = z & t.Mask & above;
        ulong inc = ((sHigh | ~t.Mask | ~above) + 1) & t.Mask & above;
        return t.Value | inc;
    }

    /// <summary>tnum_bswap16: swap the low two bytes, upper bits cleared.</summary>
    public static Tnum ByteSwap16(Tnum a) => new(Swap16(a.Value), Swap16(a.Mask));

    /// <summary>tnum_bswap32: swap the low four bytes, upper bits cleared.</summary>
    public static Tnum ByteSwap32(Tnum a) =>
        new(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((uint)a.Value), System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((uint)a.Mask));

    /// <summary>tnum_bswap64.</summary>
    public static Tnum ByteSwap64(Tnum a) =>
        new(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(a.Value), System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(a.Mask));

    private static ulong Swap16(ulong x) => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((ushort)x);
}
