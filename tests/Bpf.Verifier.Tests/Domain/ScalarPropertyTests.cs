using Bpf.Isa;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Semantics.Scalar;
using CsCheck;

namespace Bpf.Verifier.Tests.Domain;

/// <summary>Every abstract operation over-approximates the concrete one.</summary>
public class ScalarPropertyTests
{
    private const long Iter = 40_000;

    private static readonly byte[] AluOps =
    [
        Opcode.Add, Opcode.Sub, Opcode.Mul, Opcode.Div, Opcode.Mod, Opcode.And, Opcode.Or, Opcode.Xor,
        Opcode.Lsh, Opcode.Rsh, Opcode.Arsh,
    ];

    private static readonly byte[] JmpOps =
    [
        Opcode.Jeq, Opcode.Jne, Opcode.Jgt, Opcode.Jge, Opcode.Jlt, Opcode.Jle,
        Opcode.Jsgt, Opcode.Jsge, Opcode.Jslt, Opcode.Jsle, Opcode.Jset, ScalarBranch.JsetFalse,
    ];

    [Fact]
    public void GeneratedValuesContainTheirMember() =>
        ScalarGen.Member.Sample(m =>
        {
            Assert.True(m.B.Contains(m.X), ScalarGen.Dump(m.B) + $" x={m.X:x}");
            Assert.Null(m.B.CheckInvariants());
        }, iter: Iter);

    [Fact]
    public void SyncKeepsMembers() =>
        ScalarGen.Member.Sample(m =>
        {
            ScalarBounds b = m.B;
            b.Sync();
            Assert.True(b.Contains(m.X));
        }, iter: Iter);

    [Fact]
    public void AluIsSound() =>
        Gen.Select(ScalarGen.Member, ScalarGen.Operand, Gen.OneOf(AluOps), Gen.Bool).Sample((d, s, op, alu64) =>
        {
            ScalarBounds r = d.B;
            ScalarAlu.Apply(ref r, s.B, op, alu64);
            ulong expect = Concrete.Alu(op, d.X, s.X, alu64);
            Assert.True(r.Contains(expect),
                $"op {op:x2} alu64={alu64} dst={ScalarGen.Dump(d.B)} x={d.X:x} src={ScalarGen.Dump(s.B)} y={s.X:x} -> {ScalarGen.Dump(r)} missing {expect:x}");
        }, iter: Iter * 3);

    [Fact]
    public void NegIsSound() =>
        Gen.Select(ScalarGen.Member, Gen.Bool).Sample((d, alu64) =>
        {
            ScalarBounds r = d.B;
            ScalarAlu.Neg(ref r, alu64);
            Assert.True(r.Contains(Concrete.Alu(Opcode.Neg, d.X, 0, alu64)), ScalarGen.Dump(d.B));
        }, iter: Iter);

    [Fact]
    public void ByteSwapIsSound() =>
        Gen.Select(ScalarGen.Member, Gen.OneOf((byte)(Opcode.End | Opcode.Alu), (byte)(Opcode.End | Opcode.Alu | Opcode.ToBe), (byte)(Opcode.End | Opcode.Alu64)), Gen.OneOf(16, 32, 64))
           .Sample((d, code, imm) =>
           {
               ScalarBounds r = d.B;
               ScalarAlu.ByteSwap(ref r, code, imm);
               Assert.True(r.Contains(Concrete.End(code, imm, d.X)), ScalarGen.Dump(d.B));
           }, iter: Iter);

    [Fact]
    public void MovesAreSound() =>
        Gen.Select(ScalarGen.Member, Gen.Int[0, 5]).Sample((d, k) =>
        {
            ScalarBounds r = d.B;
            ulong expect;
            switch (k)
            {
                case 0: ScalarAlu.MovSx(ref r, 8, true); expect = (ulong)(long)(sbyte)d.X; break;
                case 1: ScalarAlu.MovSx(ref r, 16, true); expect = (ulong)(long)(short)d.X; break;
                case 2: ScalarAlu.MovSx(ref r, 32, true); expect = (ulong)(long)(int)d.X; break;
                case 3: ScalarAlu.MovSx(ref r, 8, false); expect = (uint)(int)(sbyte)d.X; break;
                case 4: ScalarAlu.MovSx(ref r, 16, false); expect = (uint)(int)(short)d.X; break;
                default: ScalarAlu.Mov32(ref r); expect = (uint)d.X; break;
            }

            Assert.True(r.Contains(expect), $"k={k} {ScalarGen.Dump(d.B)} x={d.X:x} -> {ScalarGen.Dump(r)}");
        }, iter: Iter);

    [Fact]
    public void CoerceToSizeIsSound() =>
        Gen.Select(ScalarGen.Member, Gen.OneOf(1, 2, 4)).Sample((d, size) =>
        {
            ScalarBounds r = d.B;
            r.CoerceToSize(size);
            ulong mask = (1UL << (size * 8)) - 1;
            Assert.True(r.Contains(d.X & mask), ScalarGen.Dump(d.B));
        }, iter: Iter);

    [Fact]
    public void IsTakenIsNeverWrong() =>
        Gen.Select(ScalarGen.Operand, ScalarGen.Operand, Gen.OneOf(JmpOps), Gen.Bool).Sample((a, b, op, is32) =>
        {
            if (op == ScalarBranch.JsetFalse)
            {
                return;
            }

            int taken = ScalarBranch.IsTaken(a.B, b.B, op, is32);
            bool actual = Concrete.Cond(op, a.X, b.X, is32);
            Assert.True(taken == -1 || (taken == 1) == actual,
                $"op {op:x2} is32={is32} a={ScalarGen.Dump(a.B)} x={a.X:x} b={ScalarGen.Dump(b.B)} y={b.X:x} said {taken}");
        }, iter: Iter * 3);

    [Fact]
    public void RefineKeepsSatisfyingPairs() =>
        Gen.Select(ScalarGen.Operand, ScalarGen.Operand, Gen.OneOf(JmpOps), Gen.Bool).Sample((a, b, op, is32) =>
        {
            if (!Concrete.Cond(op, a.X, b.X, is32))
            {
                return;
            }

            ScalarBounds ra = a.B;
            ScalarBounds rb = b.B;
            ScalarBranch.RefineAndSync(ref ra, ref rb, op, is32);
            Assert.True(ra.Contains(a.X) && rb.Contains(b.X),
                $"op {op:x2} is32={is32} a={ScalarGen.Dump(a.B)} x={a.X:x} b={ScalarGen.Dump(b.B)} y={b.X:x} -> {ScalarGen.Dump(ra)} {ScalarGen.Dump(rb)}");
        }, iter: Iter * 3);

    [Fact]
    public void RefineSameRegisterKeepsSatisfyingValues() =>
        Gen.Select(ScalarGen.Member, Gen.OneOf(JmpOps), Gen.Bool).Sample((a, op, is32) =>
        {
            if (!Concrete.Cond(op, a.X, a.X, is32))
            {
                return;
            }

            ScalarBounds r = a.B;
            ScalarBranch.Refine(ref r, ref r, op, is32);
            r.Sync();
            Assert.True(r.Contains(a.X), $"op {op:x2} {ScalarGen.Dump(a.B)} x={a.X:x}");
        }, iter: Iter);
}
