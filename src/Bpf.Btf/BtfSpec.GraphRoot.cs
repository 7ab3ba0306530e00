namespace Bpf.Btf;

/// <summary>A graph root's <c>contains:TYPE:NODE</c> tag resolved: the value struct and where its node member sits.</summary>
public readonly record struct GraphRootTag(uint ValueTypeId, string NodeName, int NodeOffset);

public sealed partial class BtfSpec
{
    /// <summary>
    /// btf_find_graph_root + btf_parse_graph_root: the one <c>contains:TYPE:NODE</c> decl tag of member
    /// <paramref name="component"/> of <paramref name="holder"/> (-1: the holder itself, a variable), naming a struct
    /// of this BTF whose one member NODE is a <paramref name="nodeTypeName"/> at an 8-byte aligned offset. Null when
    /// any of that fails: the kernel then refuses the BTF (struct members) or the map (variables).
    /// </summary>
    public GraphRootTag? FindGraphRoot(uint holder, int component, string nodeTypeName)
    {
        string? value = null;
        for (uint id = 1; id < (uint)TypeCount; id++)
        {
            if (Kind(id) != BtfKind.DeclTag || RefType(id) != holder || DeclTagComponentIdx(id) != component)
                continue;
            string name = Name(id);
            if (!name.StartsWith("contains:", StringComparison.Ordinal))
                continue;
            if (value != null)
                return null;
            value = name["contains:".Length..];
        }
        int colon = value?.IndexOf(':') ?? -1;
        if (value == null || colon < 0 || colon == value.Length - 1)
            return null;
        uint valueId = FindByName(value[..colon], BtfKind.Struct);
        if (valueId == 0)
            return null;
        string node = value[(colon + 1)..];
        int nodeOff = GraphNodeOffset(valueId, node, nodeTypeName);
        return nodeOff < 0 ? null : new GraphRootTag(valueId, node, nodeOff);
    }

    /// <summary>The one member named <paramref name="node"/>, a node struct at an aligned offset; -1 if none.</summary>
    private int GraphNodeOffset(uint valueId, string node, string nodeType)
    {
        int found = -1;
        int n = Vlen(valueId);
        for (int i = 0; i < n; i++)
        {
            var m = Member(valueId, i);
            if (StringAt(m.NameOff) != node)
                continue;
            if (found >= 0 || Kind(m.TypeId) != BtfKind.Struct || Name(m.TypeId) != nodeType)
                return -1;
            // The kernel reads the bit offset with the node type's kind_flag.
            uint bits = KindFlag(m.TypeId) ? m.BitOffset & 0xffffff : m.BitOffset;
            if (bits % 8 != 0 || bits / 8 % 8 != 0)
                return -1;
            found = (int)(bits / 8);
        }
        return found;
    }
}
