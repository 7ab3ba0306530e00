using Bpf.Isa;

namespace Bpf.Btf.Tests;

public class CoreRelocatorTests
{
    private static CoreRelo Relo(uint type, string access, CoreReloKind kind) => new(0, type, 0, kind, access);

    private static Instruction Ldx(byte size, short off) => new((byte)(Opcode.Ldx | Opcode.Mem | size), 0, 1, off, 0);

    private static Instruction MovImm(int imm) => new((byte)(Opcode.Alu64 | Opcode.Mov | Opcode.K), 0, 0, 0, imm);

    /// <summary>Local: struct task { int pid; int tgid; unsigned flags:3; }; target: struct task { long pad; int tgid; int pid; } etc.</summary>
    private static (BtfSpec Local, BtfSpec Target, uint LocalTask) Pair()
    {
        var l = new BtfBuilder();
        uint li = l.Int("int", 4, signed: true);
        uint lu = l.Int("unsigned int", 4);
        uint task = l.Struct("task", 12,
            new BtfBuilderMember("pid", li, 0),
            new BtfBuilderMember("tgid", li, 32),
            new BtfBuilderMember("flags", lu, 64, 3),
            new BtfBuilderMember("gone", li, 72));
        var t = new BtfBuilder();
        uint ti = t.Int("int", 4, signed: true);
        uint tl = t.Int("long", 8, signed: true);
        uint tu = t.Int("unsigned int", 4);
        uint inner = t.Struct(null, 8, new BtfBuilderMember("tgid", ti, 0), new BtfBuilderMember("pid", ti, 32));
        t.Struct("task", 24,
            new BtfBuilderMember("pad", tl, 0),
            new BtfBuilderMember(null, inner, 64),
            new BtfBuilderMember("flags", tu, 133, 3));
        return (l.BuildSpec(), t.BuildSpec(), task);
    }

    [Fact]
    public void FieldOffsetFollowsTargetLayoutThroughAnonymousMembers()
    {
        var (local, target, task) = Pair();
        Instruction[] insns = [Ldx(Opcode.W, 0)];
        Assert.True(CoreRelocator.TryApply(insns, 0, local, Relo(task, "0:0", CoreReloKind.FieldByteOffset), target, out string? err), err);
        Assert.Equal(12, insns[0].Offset); // pid: 8 (pad) + 4 inside the anonymous struct
    }

    [Fact]
    public void MissingFieldPoisonsAndExistsIsZero()
    {
        var (local, target, task) = Pair();
        Instruction[] insns = [Ldx(Opcode.W, 9), MovImm(1)];
        Assert.True(CoreRelocator.TryApply(insns, 0, local, Relo(task, "0:3", CoreReloKind.FieldByteOffset), target, out _));
        Assert.True(insns[0].IsCall);
        Assert.Equal(CoreRelocator.PoisonImm, insns[0].Imm);
        Assert.True(CoreRelocator.TryApply(insns, 1, local, Relo(task, "0:3", CoreReloKind.FieldExists), target, out _));
        Assert.Equal(0, insns[1].Imm);
    }

    [Fact]
    public void BitfieldShiftsAndSize()
    {
        var (local, target, task) = Pair();
        var r = new CoreRelocator(local, target);
        Assert.True(r.TryResolve(Relo(task, "0:2", CoreReloKind.FieldLShiftU64), out var ls, out _));
        Assert.True(r.TryResolve(Relo(task, "0:2", CoreReloKind.FieldRShiftU64), out var rs, out _));
        Assert.True(r.TryResolve(Relo(task, "0:2", CoreReloKind.FieldByteOffset), out var off, out _));
        Assert.True(r.TryResolve(Relo(task, "0:2", CoreReloKind.FieldSigned), out var sg, out _));
        // target bit 133 in a 4-byte container at byte 16: shift left 64 - (133 + 3 - 128) = 56
        Assert.Equal(16UL, off.NewVal);
        Assert.Equal(56UL, ls.NewVal);
        Assert.Equal(61UL, rs.NewVal);
        Assert.Equal(0UL, sg.NewVal);
        Assert.Equal(61UL, ls.OrigVal); // local: bit 64 in container at byte 8 -> 64 - 3
    }

    [Fact]
    public void FlavoredLocalTypeMatchesPlainTarget()
    {
        var l = new BtfBuilder();
        uint li = l.Int("int", 4, signed: true);
        uint flav = l.Struct("task___old", 4, new BtfBuilderMember("pid", li, 0));
        var (_, target, _) = Pair();
        Instruction[] insns = [MovImm(4)];
        Assert.True(CoreRelocator.TryApply(insns, 0, l.BuildSpec(), Relo(flav, "0", CoreReloKind.TypeSize), target, out string? err), err);
        Assert.Equal(24, insns[0].Imm);
    }

    [Fact]
    public void TypeExistsAndTargetIdForMissingType()
    {
        var l = new BtfBuilder();
        uint li = l.Int("int", 4, signed: true);
        uint missing = l.Struct("nope", 4, new BtfBuilderMember("x", li, 0));
        var (_, target, _) = Pair();
        Instruction[] insns = [MovImm(1), new((byte)(Opcode.Ld | Opcode.Imm | Opcode.DW), 0, 0, 0, 1), new(0, 0, 0, 0, 0)];
        var local = l.BuildSpec();
        Assert.True(CoreRelocator.TryApply(insns, 0, local, Relo(missing, "0", CoreReloKind.TypeExists), target, out _));
        Assert.Equal(0, insns[0].Imm);
        Assert.True(CoreRelocator.TryApply(insns, 1, local, Relo(missing, "0", CoreReloKind.TypeIdTarget), target, out string? err), err);
        Assert.Equal(0, insns[1].Imm);
    }

    [Fact]
    public void EnumValuesRelocateByName()
    {
        var l = new BtfBuilder();
        uint le = l.Enum("state", 4, false, ("RUNNING", 0), ("GONE", 1), ("STOPPED", 2));
        var t = new BtfBuilder();
        t.Enum("state", 4, false, ("STOPPED", 7), ("RUNNING", 3));
        var local = l.BuildSpec();
        var target = t.BuildSpec();
        Instruction[] insns = [MovImm(2), MovImm(1), MovImm(1)];
        Assert.True(CoreRelocator.TryApply(insns, 0, local, Relo(le, "2", CoreReloKind.EnumvalValue), target, out _));
        Assert.Equal(7, insns[0].Imm);
        Assert.True(CoreRelocator.TryApply(insns, 1, local, Relo(le, "1", CoreReloKind.EnumvalExists), target, out _));
        Assert.Equal(0, insns[1].Imm);
        Assert.True(CoreRelocator.TryApply(insns, 2, local, Relo(le, "1", CoreReloKind.EnumvalValue), target, out _));
        Assert.Equal(CoreRelocator.PoisonImm, insns[2].Imm);
    }

    [Fact]
    public void TypeMatchesComparesMembersByName()
    {
        var l = new BtfBuilder();
        uint li = l.Int("int", 4, signed: true);
        uint good = l.Struct("task", 8, new BtfBuilderMember("pad", l.Int("long", 8, signed: true), 0));
        uint bad = l.Struct("task___bad", 4, new BtfBuilderMember("pid", li, 0));
        var local = l.BuildSpec();
        var (_, target, _) = Pair();
        var r = new CoreRelocator(local, target);
        Assert.True(r.TryResolve(Relo(good, "0", CoreReloKind.TypeMatches), out var g, out _));
        Assert.True(r.TryResolve(Relo(bad, "0", CoreReloKind.TypeMatches), out var b, out _));
        Assert.Equal(1UL, g.NewVal);
        Assert.Equal(0UL, b.NewVal);
    }

    [Fact]
    public void LoadSizeFollowsUnsignedFieldSize()
    {
        var l = new BtfBuilder();
        uint lu = l.Int("unsigned int", 4);
        uint ls = l.Struct("s", 4, new BtfBuilderMember("v", lu, 0));
        var t = new BtfBuilder();
        uint tu = t.Int("unsigned long", 8);
        t.Struct("s", 16, new BtfBuilderMember("x", tu, 0), new BtfBuilderMember("v", tu, 64));
        Instruction[] insns = [Ldx(Opcode.W, 0)];
        Assert.True(CoreRelocator.TryApply(insns, 0, l.BuildSpec(), Relo(ls, "0:0", CoreReloKind.FieldByteOffset), t.BuildSpec(), out string? err), err);
        Assert.Equal(8, insns[0].Offset);
        Assert.Equal(Opcode.DW, insns[0].Code & Opcode.SizeMask);
    }

    [Fact]
    public void UnexpectedInstructionValueIsFatal()
    {
        var (local, target, task) = Pair();
        Instruction[] insns = [Ldx(Opcode.W, 99)];
        Assert.False(CoreRelocator.TryApply(insns, 0, local, Relo(task, "0:0", CoreReloKind.FieldByteOffset), target, out string? err));
        Assert.Contains("unexpected insn #0", err);
    }

    [Fact]
    public void ArrayAccessUsesElementSize()
    {
        var l = new BtfBuilder();
        uint li = l.Int("int", 4, signed: true);
        uint arr = l.Array(li, li, 4);
        uint s = l.Struct("s", 16, new BtfBuilderMember("a", arr, 0));
        var t = new BtfBuilder();
        uint tl = t.Int("long", 8, signed: true);
        uint ti = t.Int("int", 4, signed: true);
        uint tarr = t.Array(ti, ti, 8);
        t.Struct("s", 40, new BtfBuilderMember("p", tl, 0), new BtfBuilderMember("a", tarr, 64));
        Instruction[] insns = [Ldx(Opcode.W, 8)];
        Assert.True(CoreRelocator.TryApply(insns, 0, l.BuildSpec(), Relo(s, "0:0:2", CoreReloKind.FieldByteOffset), t.BuildSpec(), out string? err), err);
        Assert.Equal(16, insns[0].Offset);
    }
}

public class CoreRelocatorFuzzTests
{
    [Fact]
    public void CorruptTargetsAndRelosNeverThrow()
    {
        var l = new BtfBuilder();
        uint li = l.Int("int", 4, signed: true);
        uint arr = l.Array(li, li, 2);
        uint ls = l.Struct("s", 12, new BtfBuilderMember("a", li, 0), new BtfBuilderMember("arr", arr, 32));
        uint le = l.Enum("e", 4, false, ("X", 1));
        var local = l.BuildSpec();
        var t = new BtfBuilder();
        uint ti = t.Int("int", 4, signed: true);
        uint tarr = t.Array(ti, ti, 2);
        uint inner = t.Struct(null, 12, new BtfBuilderMember("a", ti, 0), new BtfBuilderMember("arr", tarr, 32));
        t.Struct("s", 16, new BtfBuilderMember(null, inner, 32));
        t.Enum("e", 4, false, ("X", 9));
        var targetBytes = t.Build();
        CoreRelo[] relos =
        [
            new(0, ls, 0, CoreReloKind.FieldByteOffset, "0:1:1"),
            new(0, ls, 0, CoreReloKind.FieldExists, "0:0"),
            new(0, ls, 0, CoreReloKind.FieldLShiftU64, "0:0"),
            new(0, ls, 0, CoreReloKind.TypeMatches, "0"),
            new(0, ls, 0, CoreReloKind.TypeSize, "0"),
            new(0, le, 0, CoreReloKind.EnumvalValue, "0"),
            new(0, ls, 0, CoreReloKind.FieldByteOffset, "0:9"),
            new(0, ls, 0, CoreReloKind.FieldByteOffset, "x"),
            new(0, 99, 0, CoreReloKind.FieldByteOffset, "0"),
            new(0, ls, 0, (CoreReloKind)77, "0"),
        ];
        int resolved = 0;
        for (int i = 0; i < targetBytes.Length; i++)
        {
            var copy = (byte[])targetBytes.Clone();
            copy[i] ^= 0x5a;
            var target = BtfSpec.TryParse(copy, out _);
            if (target == null)
                continue;
            var r = new CoreRelocator(local, target);
            foreach (var relo in relos)
            {
                if (r.TryResolve(relo, out _, out _))
                    resolved++;
            }
        }
        Assert.True(resolved > 0);
    }
}
