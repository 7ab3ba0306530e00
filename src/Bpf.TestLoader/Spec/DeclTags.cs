using Bpf.Btf;

namespace Bpf.TestLoader.Spec;

/// <summary>One <c>comment:</c> decl tag of a program, with the <c>comment:</c> (and newer <c>N:</c>) prefix removed.</summary>
/// <param name="Body">The tag after its prefix, e.g. <c>test_expect_msg=3=foo</c> (6.12-6.18) or <c>test_expect_msg=foo</c> (newer).</param>
/// <param name="Counted">True when the message tags carry their <c>__COUNTER__</c> after the key (<c>key=N=text</c>).</param>
public readonly record struct DeclTag(string Body, bool Counted);

/// <summary>Collects the test annotations attached to a FUNC, in the order test_loader applies them.</summary>
public static class DeclTags
{
    private const string Prefix = "comment:";

    /// <summary>
    /// Decl tags on the whole function (component_idx -1). bpf_misc.h up to 6.18 puts the counter inside message
    /// tags and test_loader walks them in BTF id order; newer headers write <c>comment:N:</c> and sort by strverscmp.
    /// </summary>
    public static IReadOnlyList<DeclTag> ForFunc(BtfSpec btf, uint funcId)
    {
        var legacy = new List<DeclTag>();
        var numbered = new List<string>();
        for (uint id = 1; id < (uint)btf.TypeCount; id++)
        {
            if (btf.Kind(id) != BtfKind.DeclTag || btf.RefType(id) != funcId || btf.DeclTagComponentIdx(id) != -1)
                continue;
            string name = btf.Name(id);
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
                continue;
            if (NumberedBody(name) != null)
                numbered.Add(name);
            else
                legacy.Add(new DeclTag(name[Prefix.Length..], Counted: true));
        }
        if (numbered.Count == 0)
            return legacy;
        // The newer loader ignores tags without the counter prefix.
        numbered.Sort(VersionCompare.Compare);
        return numbered.ConvertAll(n => new DeclTag(NumberedBody(n)!, Counted: false));
    }

    /// <summary>The part after <c>comment:N:</c>, or null when the tag is not in that form.</summary>
    private static string? NumberedBody(string tag)
    {
        int i = Prefix.Length;
        if (i < tag.Length && tag[i] is '-' or '+')
            i++;
        int digits = i;
        while (i < tag.Length && char.IsAsciiDigit(tag[i]))
            i++;
        return i > digits && i < tag.Length && tag[i] == ':' ? tag[(i + 1)..] : null;
    }
}
