namespace Bpf.Btf.Tests;

/// <summary>libbpf's bpf_core_format_spec text, as libbpf writes it into a failed program's verifier log.</summary>
public class CoreSpecFormatterTests
{
    [Fact]
    public void FieldOffsetNamesTheMemberPathAndRawSpec()
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        uint arr = b.Array(i32, i32, 3);
        uint s = b.Struct("core_reloc_arrays", 16, new BtfBuilderMember("x", i32, 0), new BtfBuilderMember("a", arr, 32));
        var btf = BtfSpec.Parse(b.Build());
        var relo = new CoreRelo(0, s, 0, CoreReloKind.FieldByteOffset, "0:1:2");
        Assert.Equal("<byte_off> [3] struct core_reloc_arrays.a[2] (0:1:2 @ offset 12)", CoreSpecFormatter.Format(btf, relo));
    }

    [Fact]
    public void TypeBasedRelocationStopsAfterTheType()
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        uint s = b.Struct(null, 4, new BtfBuilderMember("x", i32, 0));
        var btf = BtfSpec.Parse(b.Build());
        Assert.Equal("<type_exists> [2] struct <anon>", CoreSpecFormatter.Format(btf, new CoreRelo(0, s, 0, CoreReloKind.TypeExists, "0")));
    }

    [Fact]
    public void Enum64ValueIsPrintedUnsigned()
    {
        var b = new BtfBuilder();
        uint e = b.Enum64("named_unsigned_enum64", 8, false, ("UNSIGNED_ENUM64_VAL1", 0x1ffffffffL));
        var btf = BtfSpec.Parse(b.Build());
        Assert.Equal("<enumval_value> [1] enum64 named_unsigned_enum64::UNSIGNED_ENUM64_VAL1 = 8589934591",
            CoreSpecFormatter.Format(btf, new CoreRelo(0, e, 0, CoreReloKind.EnumvalValue, "0")));
    }
}
