using System.Text;

namespace Bpf.Btf;

public sealed partial class BtfSpec
{
    private sealed partial class KernelBtfChecker
    {
        /// <summary>The kernel's btf_verifier_log_type line: "[id] KIND name details msg".</summary>
        private string Fail(uint id, string msg) =>
            msg.Length == 0 ? TypeLine(id) : $"{TypeLine(id)} {msg}";

        private string TypeLine(uint id) =>
            $"[{id}] {btf.Kind(id).KernelName()} {btf.KernelNameByOffset(btf.NameOff(id))} {Details(id)}";

        /// <summary>Per-kind log_details of kernel/bpf/btf.c.</summary>
        private string Details(uint id)
        {
            var kind = btf.Kind(id);
            switch (kind)
            {
                case BtfKind.Int:
                    {
                        var e = btf.IntEncoding(id);
                        string enc = e.Encoding switch { 0 => "(none)", 1 => "SIGNED", 2 => "CHAR", 4 => "BOOL", _ => "UNKN" };
                        return $"size={btf.RawSize(id)} bits_offset={e.Offset} nr_bits={e.Bits} encoding={enc}";
                    }
                case BtfKind.Ptr:
                case BtfKind.Typedef:
                case BtfKind.Volatile:
                case BtfKind.Const:
                case BtfKind.Restrict:
                case BtfKind.TypeTag:
                case BtfKind.Func:
                    return $"type_id={btf.RefType(id)}";
                case BtfKind.Array:
                    {
                        var a = btf.ArrayInfo(id);
                        return $"type_id={a.ElemType} index_type_id={a.IndexType} nr_elems={a.NElems}";
                    }
                case BtfKind.Struct:
                case BtfKind.Union:
                case BtfKind.Enum:
                case BtfKind.Enum64:
                case BtfKind.Datasec:
                    return $"size={btf.RawSize(id)} vlen={btf.Vlen(id)}";
                case BtfKind.Fwd:
                    return btf.KindFlag(id) ? "union" : "struct";
                case BtfKind.Var:
                    return $"type_id={btf.RefType(id)} linkage={(uint)btf.VarLinkage(id)}";
                case BtfKind.Float:
                    return $"size={btf.RawSize(id)}";
                case BtfKind.DeclTag:
                    return $"type={btf.RefType(id)} component_idx={btf.DeclTagComponentIdx(id)}";
                case BtfKind.FuncProto:
                    {
                        var sb = new StringBuilder($"return={btf.RefType(id)} args=(");
                        int n = btf.Vlen(id);
                        for (int i = 0; i < n; i++)
                        {
                            var p = btf.Param(id, i);
                            if (i > 0)
                                sb.Append(", ");
                            if (p.TypeId == 0 && i == n - 1)
                                sb.Append("vararg");
                            else
                                sb.Append(p.TypeId).Append(' ').Append(btf.KernelNameByOffset(p.NameOff));
                        }
                        if (n == 0)
                            sb.Append("void");
                        return sb.Append(')').ToString();
                    }
                default:
                    return "";
            }
        }


        /// <summary>The struct line followed by btf_verifier_log_member's "\tname type_id=.. [bitfield_size=..] bits_offset=.. msg".</summary>
        private string FailMember(uint id, int index, string msg)
        {
            var m = btf.Member(id, index);
            string name = btf.KernelNameByOffset(m.NameOff);
            string member = btf.KindFlag(id)
                ? $"\t{name} type_id={m.TypeId} bitfield_size={m.BitfieldSize} bits_offset={m.BitOffset}"
                : $"\t{name} type_id={m.TypeId} bits_offset={m.BitOffset}";
            return $"{TypeLine(id)}\n{member} {msg}";
        }

        private string FailVsi(uint id, BtfDatasecVar v, string msg) =>
            $"{TypeLine(id)}\n\t type_id={v.TypeId} offset={v.Offset} size={v.Size} {msg}";
    }
}
