namespace Bpf.Btf;

public sealed partial class BtfSpec
{
    private sealed partial class KernelBtfChecker
    {
        /// <summary>
        /// btf_parse_struct_metas: a struct holding a bpf_list_head or bpf_rb_root member must name, in its
        /// <c>contains:</c> tag, a struct of this BTF with the node member; otherwise the whole BTF is refused
        /// (no log line). Only the graph roots are checked here; the other special fields are checked where
        /// maps and local objects are made.
        /// </summary>
        private string? CheckGraphRoots()
        {
            uint listHead = btf.FindByName("bpf_list_head", BtfKind.Struct);
            uint rbRoot = btf.FindByName("bpf_rb_root", BtfKind.Struct);
            if (listHead == 0 && rbRoot == 0)
                return null;
            for (uint id = 1; id < (uint)btf.TypeCount; id++)
            {
                if (btf.Kind(id) != BtfKind.Struct)
                    continue;
                int n = btf.Vlen(id);
                for (int i = 0; i < n; i++)
                {
                    uint t = btf.Member(id, i).TypeId;
                    if (t == 0 || (t != listHead && t != rbRoot))
                        continue;
                    string node = t == listHead ? "bpf_list_node" : "bpf_rb_node";
                    if (btf.FindGraphRoot(id, i, node) == null)
                        return $"[{id}] STRUCT {btf.Name(id)} member {i}: graph root without a valid contains: tag";
                }
            }
            return null;
        }
    }
}
