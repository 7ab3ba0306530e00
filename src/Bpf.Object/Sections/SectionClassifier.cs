namespace Bpf.Object.Sections;

/// <summary>Which rule chose a program's type (mirrors the corpus' <c>type_rule</c> column).</summary>
public enum TypeRule
{
    /// <summary>No rule applied: libbpf refuses the program ("missing BPF prog type").</summary>
    None,
    /// <summary>libbpf 1.x SEC() table.</summary>
    Libbpf,
    /// <summary>libbpf 0.x / bpf_load.c / iproute2 prefix matching on the same table (<c>socket1</c>, <c>xdp_prog</c>).</summary>
    Prefix,
    /// <summary>cilium's own section names: xdp when the path says so, else sched_cls.</summary>
    Cilium,
    /// <summary>Legacy objects' fallback: socket_filter.</summary>
    Default,
    /// <summary>From <c>--prog-type</c> or <c>--prog-types</c>.</summary>
    Override,
}

/// <summary>Result of classifying a section name.</summary>
public readonly record struct SectionClass(ProgramType Type, AttachType? ExpectedAttachType, SectionFlags Flags, TypeRule Rule, string? AttachTo);

/// <summary>Maps an ELF section name to a program type, the way libbpf (and, for legacy objects, older loaders) do.</summary>
public static class SectionClassifier
{
    /// <param name="sectionName">Section name without a leading '?'.</param>
    /// <param name="objectPath">Object path (cilium's names are recognised by it).</param>
    /// <param name="legacy">Legacy object (no BTF or a <c>maps</c> section): allow prefix, cilium and default rules.</param>
    public static SectionClass Classify(string sectionName, string objectPath, bool legacy)
    {
        foreach (var def in SectionTable.Definitions)
        {
            if (!def.Matches(sectionName))
                continue;
            var attach = def.ExpectedAttachType;
            if ((def.Flags & SectionFlags.Usdt) != 0)
                attach = AttachType.TraceUprobeMulti; // 6.18 has the uprobe_multi link
            return new SectionClass(def.Type, attach, def.Flags, TypeRule.Libbpf, AttachTarget(sectionName));
        }
        if (!legacy)
            return new SectionClass(ProgramType.Unspec, null, SectionFlags.None, TypeRule.None, null);

        foreach (var def in SectionTable.Definitions)
        {
            string stem = def.Stem.TrimEnd('/');
            if (sectionName.StartsWith(stem, StringComparison.Ordinal))
                return new SectionClass(def.Type, def.ExpectedAttachType, def.Flags & ~SectionFlags.AttachBtf, TypeRule.Prefix, AttachTarget(sectionName));
        }
        if (objectPath.Contains("cilium", StringComparison.Ordinal))
        {
            bool xdp = objectPath.Contains("xdp", StringComparison.Ordinal);
            return new SectionClass(xdp ? ProgramType.Xdp : ProgramType.SchedCls, null, SectionFlags.None, TypeRule.Cilium, null);
        }
        return new SectionClass(ProgramType.SocketFilter, null, SectionFlags.None, TypeRule.Default, null);
    }

    private static string? AttachTarget(string sectionName)
    {
        int slash = sectionName.IndexOf('/');
        return slash < 0 || slash == sectionName.Length - 1 ? null : sectionName[(slash + 1)..];
    }
}
