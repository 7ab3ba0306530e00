using Bpf.Btf;

namespace Bpf.TestLoader.Tests;

internal static class BtfFixture
{
    /// <summary>BTF with one FUNC named <paramref name="func"/> carrying the given decl tags.</summary>
    public static BtfSpec WithTags(string func, params string[] tags)
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        uint proto = b.FuncProto(i32);
        uint f = b.Func(func, proto);
        foreach (string t in tags)
            b.DeclTag(t, f);
        return b.BuildSpec();
    }
}
