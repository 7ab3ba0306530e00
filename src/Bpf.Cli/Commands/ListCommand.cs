using System.Globalization;
using System.Text;
using System.Text.Json;
using Bpf.Isa;
using Bpf.Object;

namespace Bpf.Cli.Commands;

/// <summary><c>bpfv list [-o table|csv|json] OBJ...</c>: the programs each object holds after linking.</summary>
public sealed class ListCommand : ICommand
{
    public string Name => "list";
    public string Summary => "list the programs of BPF objects (type, attach type, linked size, maps)";
    public string Usage => "Usage: bpfv list [-o table|csv|json] OBJ...";

    private static readonly string[] Columns = ["file_name", "prog_name", "section", "prog_type", "attach_type", "insns", "maps", "load_error"];

    public int Run(CommandContext context, IReadOnlyList<string> args)
    {
        string format = "table";
        var files = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (a is "-o" or "--output")
            {
                if (i + 1 >= args.Count)
                    return context.Fail("list", $"option {a} needs a value");
                format = args[++i];
            }
            else if (a.StartsWith("--output=", StringComparison.Ordinal))
                format = a["--output=".Length..];
            else if (a.StartsWith('-') && a.Length > 1)
                return context.Fail("list", $"unknown option '{a}'");
            else
                files.Add(a);
        }
        if (format is not ("table" or "csv" or "json"))
            return context.Fail("list", $"unknown output format '{format}' (table, csv or json)");
        if (files.Count == 0)
            return context.Fail("list", "no object files given");

        var rows = new List<string[]>();
        int exit = ExitCodes.Ok;
        foreach (string file in files)
        {
            var obj = ObjectInput.TryLoad(context, file);
            if (obj == null)
            {
                exit = ExitCodes.BadInput;
                continue;
            }
            foreach (var p in obj.Programs)
                rows.Add(Row(file, obj, p));
        }
        if (rows.Count == 0 && exit != ExitCodes.Ok)
            return exit;
        switch (format)
        {
            case "csv":
                WriteCsv(context.Out, rows);
                break;
            case "json":
                WriteJson(context.Out, rows);
                break;
            default:
                WriteTable(context.Out, rows);
                break;
        }
        return exit;
    }

    private static string[] Row(string file, ObjectSpec obj, ProgramSpec p) =>
    [
        file,
        p.Name,
        p.SectionName,
        p.Type.Name(),
        p.StructOpsMember ?? p.ExpectedAttachType?.Name() ?? "",
        p.Instructions.Length.ToString(CultureInfo.InvariantCulture),
        string.Join(' ', UsedMaps(obj, p)),
        p.LoadError ?? "",
    ];

    /// <summary>Names of the maps the program's ld_imm64s reference, in first-use order.</summary>
    public static List<string> UsedMaps(ObjectSpec obj, ProgramSpec p)
    {
        var seen = new HashSet<int>();
        var names = new List<string>();
        var insns = p.Instructions;
        for (int i = 0; i < insns.Length; i++)
        {
            var insn = insns[i];
            if (!insn.IsLdImm64)
                continue;
            if ((insn.Src == Pseudo.MapIdx || insn.Src == Pseudo.MapIdxValue) && (uint)insn.Imm < (uint)obj.Maps.Count && seen.Add(insn.Imm))
                names.Add(obj.Maps[insn.Imm].Name);
            i++;
        }
        return names;
    }

    private static void WriteCsv(TextWriter w, List<string[]> rows)
    {
        w.WriteLine(string.Join(',', Columns));
        var sb = new StringBuilder();
        foreach (var r in rows)
        {
            sb.Clear();
            for (int i = 0; i < r.Length; i++)
            {
                if (i > 0)
                    sb.Append(',');
                AppendCsv(sb, r[i]);
            }
            w.WriteLine(sb.ToString());
        }
    }

    internal static void AppendCsv(StringBuilder sb, string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\n\r") < 0)
        {
            sb.Append(field);
            return;
        }
        sb.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static void WriteJson(TextWriter w, List<string[]> rows)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var r in rows)
            {
                json.WriteStartObject();
                for (int i = 0; i < Columns.Length; i++)
                {
                    if (Columns[i] == "insns")
                        json.WriteNumber(Columns[i], int.Parse(r[i], CultureInfo.InvariantCulture));
                    else if (Columns[i] == "maps")
                    {
                        json.WriteStartArray(Columns[i]);
                        foreach (string m in r[i].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                            json.WriteStringValue(m);
                        json.WriteEndArray();
                    }
                    else if (Columns[i] == "load_error" && r[i].Length == 0)
                        json.WriteNull(Columns[i]);
                    else
                        json.WriteString(Columns[i], r[i]);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        w.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteTable(TextWriter w, List<string[]> rows)
    {
        string[] headers = ["File", "Program", "Section", "Type", "Attach", "Insns", "Maps", "Load error"];
        var widths = new int[headers.Length];
        for (int i = 0; i < headers.Length; i++)
            widths[i] = headers[i].Length;
        foreach (var r in rows)
        {
            for (int i = 0; i < r.Length; i++)
                widths[i] = Math.Max(widths[i], r[i].Length);
        }
        var sb = new StringBuilder();
        void Line(string[] cells)
        {
            sb.Clear();
            for (int i = 0; i < cells.Length; i++)
            {
                if (i > 0)
                    sb.Append("  ");
                if (i == 5)
                    sb.Append(cells[i].PadLeft(widths[i]));
                else
                    sb.Append(cells[i].PadRight(widths[i]));
            }
            w.WriteLine(sb.ToString().TrimEnd());
        }
        Line(headers);
        var dashes = new string[headers.Length];
        for (int i = 0; i < dashes.Length; i++)
            dashes[i] = new string('-', widths[i]);
        Line(dashes);
        foreach (var r in rows)
            Line(r);
    }
}
