namespace Bpf.Btf.Tests;

public class CorruptInputTests
{
    private static byte[] Valid()
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        b.Struct("s", 8, new BtfBuilderMember("a", i32, 0), new BtfBuilderMember("b", i32, 32));
        b.FuncProto(i32, ("x", i32));
        return b.Build();
    }

    [Fact]
    public void EveryTruncationThrowsOnlyBtfException()
    {
        var full = Valid();
        for (int len = 0; len < full.Length; len++)
        {
            var cut = full.AsSpan(0, len).ToArray();
            var spec = BtfSpec.TryParse(cut, out string? err);
            Assert.True(spec == null || spec.TypeCount >= 1, $"length {len}");
            if (spec == null)
                Assert.False(string.IsNullOrEmpty(err));
        }
    }

    [Fact]
    public void EveryByteFlipIsHandled()
    {
        var full = Valid();
        for (int i = 0; i < full.Length; i++)
        {
            foreach (byte v in new byte[] { 0x00, 0xff, 0x7f, 0x13 })
            {
                var copy = (byte[])full.Clone();
                copy[i] = v;
                var spec = BtfSpec.TryParse(copy, out _);
                if (spec == null)
                    continue;
                // Accessors and checks must not throw anything but BtfException on whatever parsed.
                for (uint id = 0; id < spec.TypeCount; id++)
                {
                    _ = spec.Name(id);
                    _ = spec.SizeOf(id);
                    _ = spec.CDecl(id);
                }
                _ = spec.CheckKernelAcceptance();
            }
        }
    }

    [Theory]
    [InlineData(0, 0x00, "magic")]
    [InlineData(2, 0x02, "version")]
    [InlineData(3, 0x01, "flags")]
    public void HeaderErrorsNameTheProblem(int offset, byte value, string expected)
    {
        var bytes = Valid();
        bytes[offset] = value;
        var ex = Assert.Throws<BtfException>(() => BtfSpec.Parse(bytes));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void BadTypeReferenceIsRejected()
    {
        var b = new BtfBuilder();
        b.Ptr(42);
        var ex = Assert.Throws<BtfException>(() => b.BuildSpec());
        Assert.Contains("invalid type id 42", ex.Message);
    }

    [Fact]
    public void UnknownKindIsRejected()
    {
        var b = new BtfBuilder();
        b.Raw(0, 25u << 24, 0);
        var ex = Assert.Throws<BtfException>(() => b.BuildSpec());
        Assert.Contains("invalid BTF kind 25", ex.Message);
    }

    [Fact]
    public void SelfReferencingTypedefDoesNotHang()
    {
        var b = new BtfBuilder();
        b.Typedef("loop", 2);
        b.Const(1);
        var spec = b.BuildSpec();
        Assert.Equal(-1, spec.SizeOf(1));
        Assert.Contains("Loop", spec.CheckKernelAcceptance() ?? "Max chain");
    }

    [Fact]
    public void CyclicTypesDoNotOverflowTheStack()
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        // func_proto whose parameter points back at itself; struct embedding itself by value; anonymous self-member.
        uint proto = b.NextId;
        b.FuncProto(i32, ("self", proto + 1));
        b.Ptr(proto);
        uint st = b.NextId;
        b.Struct("loop", 8, new BtfBuilderMember("me", st, 0));
        uint anon = b.NextId;
        b.Struct("anon_loop", 8, new BtfBuilderMember(null, anon, 0));
        var spec = b.BuildSpec();
        Assert.Contains("(*)", spec.CDecl(proto + 1));
        Assert.NotNull(spec.CheckKernelAcceptance());
        Assert.Equal(0u, spec.AlignOf(st));
        var local = new BtfBuilder();
        uint li = local.Int("int", 4, signed: true);
        uint ls = local.Struct("anon_loop", 4, new BtfBuilderMember("x", li, 0));
        var r = new CoreRelocator(local.BuildSpec(), spec);
        Assert.False(r.TryResolve(new CoreRelo(0, ls, 0, CoreReloKind.FieldByteOffset, "0:0"), out _, out string? err));
        Assert.NotNull(err);
    }

    [Fact]
    public void DeeplyNestedStructsAreBounded()
    {
        var b = new BtfBuilder();
        uint prev = b.Int("int", 4, signed: true);
        for (int i = 0; i < 5000; i++)
            prev = b.Struct($"s{i}", 4, new BtfBuilderMember("m", prev, 0));
        // Declared in reverse so resolving the first struct recurses through all of them.
        var rev = new BtfBuilder();
        uint first = 2;
        rev.Int("int", 4, signed: true);
        for (int i = 0; i < 5000; i++)
            rev.Struct($"s{i}", 4, new BtfBuilderMember("m", i == 4999 ? 1u : first + (uint)i + 1, 0));
        Assert.Null(b.BuildSpec().CheckKernelAcceptance());
        Assert.Contains("Exceeded max resolving depth", rev.BuildSpec().CheckKernelAcceptance());
    }
}
