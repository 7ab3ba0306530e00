using System.Globalization;
using System.Text;
using Bpf.Object;
using Bpf.Verifier;

namespace Bpf.Cli.Commands;

/// <summary><c>bpfv stat [-o table|csv] [-t] OBJ...</c>: veristat's per-program statistics.</summary>
public sealed class StatCommand : ICommand
{
    public string Name => "stat";
    public string Summary => "verification statistics per program, like veristat (-o csv for its CSV)";
    public string Usage => "Usage: bpfv stat [-o table|csv] [-t] [-e] OBJ...  (-e: extra csv column with the rejection message)";

    private const string CsvHeader = "file_name,prog_name,verdict,duration,total_insns,total_states,peak_states,max_states_per_insn,max_mark_read_len";

    private sealed record Row(string File, string Prog, bool Ok, VerifierStats Stats, string? Error);

    public int Run(CommandContext context, IReadOnlyList<string> args)
    {
        string format = "table";
        bool testFreq = false;
        bool errors = false;
        var files = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (a is "-o" or "--output")
            {
                if (i + 1 >= args.Count)
                    return context.Fail("stat", $"option {a} needs a value");
                format = args[++i];
            }
            else if (a is "-t" or "--test-states")
            {
                testFreq = true;
            }
            else if (a is "-e" or "--errors")
            {
                errors = true;
            }
            else if (a.StartsWith('-') && a.Length > 1)
            {
                return context.Fail("stat", $"unknown option '{a}'");
            }
            else
            {
                files.Add(a);
            }
        }
        if (format is not ("table" or "csv"))
            return context.Fail("stat", $"unknown output format '{format}' (table or csv)");
        if (files.Count == 0)
            return context.Fail("stat", "no object files given");

        // Loading is sequential (it reports problems in order); verification runs in parallel, output keeps file order.
        var objs = new ObjectSpec?[files.Count];
        int exit = ExitCodes.Ok;
        for (int i = 0; i < files.Count; i++)
        {
            objs[i] = ObjectInput.TryLoad(context, files[i]);
            if (objs[i] == null)
                exit = ExitCodes.BadInput;
        }
        var options = new VerifierOptions { LogLevel = 0, TestStateFreq = testFreq, TimeLimit = TimeSpan.FromSeconds(60) };
        var results = new List<Row>[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            var list = new List<Row>();
            var obj = objs[i];
            if (obj != null)
            {
                foreach (var p in obj.Programs)
                {
                    VerificationResult r;
                    try
                    {
                        r = BpfVerifier.Verify(obj, p, options);
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        list.Add(new Row(Path.GetFileName(files[i]), p.Name, false, default, "bpfv: internal error: " + e.GetType().Name + ": " + e.Message));
                        continue;
                    }
                    list.Add(new Row(Path.GetFileName(files[i]), p.Name, r.Accepted, r.Stats, r.ErrorLine));
                }
            }
            results[i] = list;
        });
        var rows = new List<Row>();
        foreach (var l in results)
            rows.AddRange(l);
        foreach (var r in rows)
        {
            if (!r.Ok && exit == ExitCodes.Ok)
                exit = ExitCodes.Rejected;
        }
        if (format == "csv")
            WriteCsv(context.Out, rows, errors);
        else
            WriteTable(context.Out, rows);
        return exit;
    }

    private static void WriteCsv(TextWriter w, List<Row> rows, bool errors)
    {
        w.WriteLine(errors ? CsvHeader + ",error" : CsvHeader);
        var sb = new StringBuilder();
        foreach (var r in rows)
        {
            sb.Clear();
            ListCommand.AppendCsv(sb, r.File);
            sb.Append(',');
            ListCommand.AppendCsv(sb, r.Prog);
            var s = r.Stats;
            sb.Append(',').Append(r.Ok ? "success" : "failure")
              .Append(',').Append(s.DurationMicros.ToString(CultureInfo.InvariantCulture))
              .Append(',').Append(s.TotalInsns.ToString(CultureInfo.InvariantCulture))
              .Append(',').Append(s.TotalStates.ToString(CultureInfo.InvariantCulture))
              .Append(',').Append(s.PeakStates.ToString(CultureInfo.InvariantCulture))
              .Append(',').Append(s.MaxStatesPerInsn.ToString(CultureInfo.InvariantCulture))
              .Append(',').Append(s.MarkRead.ToString(CultureInfo.InvariantCulture));
            if (errors)
            {
                sb.Append(',');
                ListCommand.AppendCsv(sb, r.Error ?? "");
            }
            w.WriteLine(sb.ToString());
        }
    }

    private static void WriteTable(TextWriter w, List<Row> rows)
    {
        string[] headers = ["File", "Program", "Verdict", "Duration (us)", "Insns", "States", "Peak states"];
        var cells = new List<string[]>();
        foreach (var r in rows)
        {
            var s = r.Stats;
            cells.Add([r.File, r.Prog, r.Ok ? "success" : "failure", s.DurationMicros.ToString(CultureInfo.InvariantCulture),
                s.TotalInsns.ToString(CultureInfo.InvariantCulture), s.TotalStates.ToString(CultureInfo.InvariantCulture),
                s.PeakStates.ToString(CultureInfo.InvariantCulture)]);
        }
        var widths = new int[headers.Length];
        for (int i = 0; i < headers.Length; i++)
            widths[i] = headers[i].Length;
        foreach (var c in cells)
        {
            for (int i = 0; i < c.Length; i++)
                widths[i] = Math.Max(widths[i], c[i].Length);
        }
        void Line(string[] c)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < c.Length; i++)
            {
                if (i > 0)
                    sb.Append("  ");
                sb.Append(i >= 3 ? c[i].PadLeft(widths[i]) : c[i].PadRight(widths[i]));
            }
            w.WriteLine(sb.ToString().TrimEnd());
        }
        var dashes = new string[headers.Length];
        for (int i = 0; i < dashes.Length; i++)
            dashes[i] = new string('-', widths[i]);
        Line(headers);
        Line(dashes);
        foreach (var c in cells)
            Line(c);
        Line(dashes);
    }
}
