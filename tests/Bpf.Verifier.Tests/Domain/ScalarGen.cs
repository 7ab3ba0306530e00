using Bpf.Verifier.Domain;
using CsCheck;

namespace Bpf.Verifier.Tests.Domain;

/// <summary>CsCheck generators: concrete values biased to edges, and abstract values with a known member.</summary>
internal static class ScalarGen
{
    private static readonly ulong[] Edges =
    [
        0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff, 0x1_0000_0000,
        0x7fff_ffff_ffff_ffff, 0x8000_0000_0000_0000, 0xffff_ffff_ffff_ffff, 0xffff_ffff_8000_0000, 0xffff_ffff_0000_0000,
        0xffff_ffff_ffff_fffe, 0x8000_0000_0000_0001,
    ];

    /// <summary>A 64-bit value: edges, small signed/unsigned numbers, sign-extended 32-bit ones, anything.</summary>
    public static readonly Gen<ulong> Value = Gen.Frequency(
        (3, Gen.OneOf(Edges)),
        (3, Gen.Long[-300, 300].Select(v => (ulong)v)),
        (2, Gen.Int.Select(v => (ulong)(long)v)),
        (2, Gen.UInt.Select(v => (ulong)v)),
        (3, Gen.ULong));

    /// <summary>A distance used to widen ranges around a member.</summary>
    private static readonly Gen<ulong> Delta = Gen.Frequency(
        (3, Gen.Const(0UL)),
        (4, Gen.ULong[0, 300]),
        (2, Gen.UInt.Select(v => (ulong)v)),
        (2, Gen.ULong),
        (1, Gen.Const(ulong.MaxValue)));

    private static readonly Gen<ulong> MaskGen = Gen.Frequency(
        (2, Gen.Const(0UL)),
        (2, Gen.Const(ulong.MaxValue)),
        (3, Gen.Int[0, 64].Select(b => b == 64 ? ulong.MaxValue : (1UL << b) - 1)),
        (3, Gen.Select(Gen.ULong, Gen.ULong).Select((a, b) => a & b)),
        (2, Gen.ULong));

    /// <summary>An abstract value together with one concrete member; synced like the kernel keeps them.</summary>
    public static readonly Gen<(ScalarBounds B, ulong X)> Member =
        Gen.Select(Value, MaskGen, Gen.Select(Delta, Delta, Delta, Delta), Gen.Select(Delta, Delta, Delta, Delta), Gen.Int[0, 9])
           .Select((x, mask, d1, d2, kind) => (Build(x, mask, d1, d2, kind), x));

    /// <summary>Shift-like small sources are common; sometimes make the member a plain constant.</summary>
    public static readonly Gen<(ScalarBounds B, ulong X)> Operand = Gen.Frequency(
        (5, Member),
        (2, Value.Select(v => (ScalarBounds.Const(v), v))),
        (1, Gen.ULong[0, 70].Select(v => (ScalarBounds.Const(v), v))));

    private static ScalarBounds Build(ulong x, ulong mask, (ulong, ulong, ulong, ulong) d1, (ulong, ulong, ulong, ulong) d2, int kind)
    {
        if (kind == 0)
        {
            return ScalarBounds.Const(x);
        }

        if (kind == 1)
        {
            return ScalarBounds.Unknown;
        }

        var b = new ScalarBounds
        {
            VarOff = new Tnum(x & ~mask, mask),
            UMin = Down(x, d1.Item1),
            UMax = Up(x, d2.Item1),
            SMin = (long)x - (long)Math.Min(d1.Item2, (ulong)((long)x - long.MinValue)),
            SMax = (long)x + (long)Math.Min(d2.Item2, (ulong)(long.MaxValue - (long)x)),
            U32Min = (uint)Down((uint)x, d1.Item3),
            U32Max = (uint)Math.Min(Up((uint)x, d2.Item3), uint.MaxValue),
            S32Min = (int)Math.Max((long)(int)x - (long)Math.Min(d1.Item4, 1UL << 33), int.MinValue),
            S32Max = (int)Math.Min((long)(int)x + (long)Math.Min(d2.Item4, 1UL << 33), int.MaxValue),
        };
        b.Sync();
        return b;
    }

    private static ulong Down(ulong x, ulong d) => x >= d ? x - d : 0;

    private static ulong Up(ulong x, ulong d) => ulong.MaxValue - x >= d ? x + d : ulong.MaxValue;

    /// <summary>Human readable dump for failure messages.</summary>
    public static string Dump(in ScalarBounds b) =>
        $"{{var_off={b.VarOff} u=[{b.UMin:x},{b.UMax:x}] s=[{b.SMin},{b.SMax}] u32=[{b.U32Min:x},{b.U32Max:x}] s32=[{b.S32Min},{b.S32Max}]}}";
}
