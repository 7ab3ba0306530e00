using System.Text;

namespace Bpf.Btf;

/// <summary>Type names and C-like descriptions for verifier messages and diagnostics.</summary>
public static class BtfPrinter
{
    /// <summary>The kernel's btf_type_str(t): the upper-case kind name ("STRUCT", "PTR", "UNKNOWN" for void).</summary>
    public static string KernelKindStr(this BtfSpec btf, uint id) => btf.Kind(id).KernelName();

    /// <summary>
    /// The name the kernel prints for a type id via btf_name_by_offset (bare, no "struct" keyword: "task_struct");
    /// verifier register states print PTR_TO_BTF_ID as "ptr_" + this name.
    /// </summary>
    public static string KernelName(this BtfSpec btf, uint id) => btf.Name(id);

    /// <summary>The kernel's __btf_name_by_offset: "(anon)" for offset 0, "(invalid-name-offset)" when out of range.</summary>
    public static string KernelNameByOffset(this BtfSpec btf, uint nameOff)
    {
        if (nameOff == 0)
            return "(anon)";
        return btf.StringAt(nameOff) ?? "(invalid-name-offset)";
    }

    /// <summary>Name after skipping const/volatile/restrict/type_tag (what btf_type_skip_modifiers callers print).</summary>
    public static string KernelNameSkipModifiers(this BtfSpec btf, uint id) => btf.Name(btf.SkipModifiers(id));

    /// <summary>A C-like declaration of the type ("struct task_struct *", "const char[16]", "int (*)(void *, u64)").</summary>
    public static string CDecl(this BtfSpec btf, uint id)
    {
        var sb = new StringBuilder();
        Append(btf, id, sb, "", 0);
        return sb.ToString();
    }

    private static void Append(BtfSpec btf, uint id, StringBuilder sb, string suffix, int depth)
    {
        if (depth > BtfSpec.MaxResolveDepth || !btf.IsValidId(id))
        {
            sb.Append("<?>").Append(suffix);
            return;
        }
        var kind = btf.Kind(id);
        string name = btf.Name(id);
        switch (kind)
        {
            case BtfKind.Void:
                sb.Append("void").Append(suffix);
                return;
            case BtfKind.Int:
            case BtfKind.Float:
            case BtfKind.Typedef:
                sb.Append(name).Append(suffix);
                return;
            case BtfKind.Struct:
            case BtfKind.Union:
            case BtfKind.Enum:
            case BtfKind.Enum64:
                sb.Append(kind is BtfKind.Struct ? "struct" : kind is BtfKind.Union ? "union" : "enum")
                    .Append(' ').Append(name.Length == 0 ? "(anon)" : name).Append(suffix);
                return;
            case BtfKind.Fwd:
                sb.Append(btf.KindFlag(id) ? "union " : "struct ").Append(name).Append(suffix);
                return;
            case BtfKind.Const:
            case BtfKind.Volatile:
            case BtfKind.Restrict:
                sb.Append(kind.TypeStr()).Append(' ');
                Append(btf, btf.RefType(id), sb, suffix, depth + 1);
                return;
            case BtfKind.TypeTag:
                Append(btf, btf.RefType(id), sb, $" __attribute__((btf_type_tag(\"{name}\"))){suffix}", depth + 1);
                return;
            case BtfKind.Ptr:
                {
                    uint target = btf.RefType(id);
                    bool needsParens = btf.IsValidId(target) && btf.Kind(target) is BtfKind.FuncProto or BtfKind.Array;
                    Append(btf, target, sb, needsParens ? $"(*{suffix})" : $" *{suffix}".Replace("* *", "**"), depth + 1);
                    return;
                }
            case BtfKind.Array:
                {
                    var a = btf.ArrayInfo(id);
                    Append(btf, a.ElemType, sb, $"{suffix}[{a.NElems}]", depth + 1);
                    return;
                }
            case BtfKind.FuncProto:
                {
                    var args = new StringBuilder("(");
                    int n = btf.Vlen(id);
                    for (int i = 0; i < n; i++)
                    {
                        if (i > 0)
                            args.Append(", ");
                        var p = btf.Param(id, i);
                        if (p.TypeId == 0)
                            args.Append("...");
                        else
                            Append(btf, p.TypeId, args, "", depth + 1);
                    }
                    if (n == 0)
                        args.Append("void");
                    args.Append(')');
                    Append(btf, btf.RefType(id), sb, $"{suffix}{args}", depth + 1);
                    return;
                }
            case BtfKind.Func:
                Append(btf, btf.RefType(id), sb, $" {name}{suffix}", depth + 1);
                return;
            case BtfKind.Var:
                Append(btf, btf.RefType(id), sb, $" {name}{suffix}", depth + 1);
                return;
            case BtfKind.Datasec:
                sb.Append("SEC(\"").Append(name).Append("\")").Append(suffix);
                return;
            case BtfKind.DeclTag:
                sb.Append("__attribute__((btf_decl_tag(\"").Append(name).Append("\")))").Append(suffix);
                return;
            default:
                sb.Append("<?>").Append(suffix);
                return;
        }
    }
}
