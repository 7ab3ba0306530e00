using System.Globalization;
using System.Text;
using Bpf.Isa;
using Bpf.Object;

namespace Bpf.Cli.Commands;

/// <summary><c>bpfv disasm OBJ [-p PROG] [--source]</c>: linked instructions as the verifier log prints them.</summary>
public sealed class DisasmCommand : ICommand
{
    public string Name => "disasm";
    public string Summary => "disassemble the linked programs of a BPF object";
    public string Usage => "Usage: bpfv disasm OBJ [-p PROG] [--source]";

    public int Run(CommandContext context, IReadOnlyList<string> args)
    {
        string? file = null, prog = null;
        bool source = false;
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (a is "-p" or "--prog")
            {
                if (i + 1 >= args.Count)
                    return context.Fail("disasm", $"option {a} needs a value");
                prog = args[++i];
            }
            else if (a == "--source")
                source = true;
            else if (a.StartsWith('-') && a.Length > 1)
                return context.Fail("disasm", $"unknown option '{a}'");
            else if (file == null)
                file = a;
            else
                return context.Fail("disasm", $"unexpected argument '{a}'");
        }
        if (file == null)
            return context.Fail("disasm", "no object file given");
        var obj = ObjectInput.TryLoad(context, file);
        if (obj == null)
            return ExitCodes.BadInput;

        bool found = false;
        foreach (var p in obj.Programs)
        {
            if (prog != null && p.Name != prog)
                continue;
            found = true;
            context.Out.Write(Format(obj, p, source));
        }
        if (!found)
            return context.Fail(file, prog == null ? "no programs" : $"no program named '{prog}'");
        return ExitCodes.Ok;
    }

    public static string Format(ObjectSpec obj, ProgramSpec p, bool source)
    {
        var sb = new StringBuilder();
        sb.Append("; program ").Append(p.Name).Append(" (section ").Append(p.SectionName).Append(", ")
          .Append(p.Type.Name()).Append(", ").Append(p.Instructions.Length.ToString(CultureInfo.InvariantCulture)).Append(" insns)\n");
        if (p.LoadError != null)
            sb.Append("; load error: ").Append(p.LoadError).Append('\n');
        var lines = new Dictionary<int, string>();
        if (source)
        {
            // Like the verifier log: a source line is shown when it differs from the previous one shown.
            string? previous = null;
            foreach (var li in p.LineInfos)
            {
                string text = li.LineText.Trim();
                if (text == previous || text.Length == 0)
                    continue;
                previous = text;
                lines.TryAdd(li.InsnIndex, text);
            }
        }
        var symbols = new Symbols(obj, p);
        string listing = Disassembler.FormatListing(p.Instructions, symbols, i =>
        {
            string? comment = null;
            if (i != 0 && p.FunctionNames.TryGetValue(i, out string? fn))
                comment = $"func {fn}";
            if (lines.TryGetValue(i, out string? text) && text.Length > 0)
                comment = comment == null ? text : comment + "\n; " + text;
            return comment;
        });
        sb.Append(listing).Append('\n');
        return sb.ToString();
    }

    /// <summary>Names kfunc calls after the ksym they call.</summary>
    private sealed class Symbols(ObjectSpec obj, ProgramSpec p) : IDisasmSymbols
    {
        public string? GetCallName(int index, Instruction insn) =>
            p.Kfuncs.TryGetValue(index, out var k) && k.IsFunction ? k.Name : null;

        public ulong GetImm64(int index, Instruction insn, ulong raw) => raw;

        public ObjectSpec Object => obj;
    }
}
