using System.Diagnostics;
using Bpf.Object;

namespace Bpf.ObjCheck;

/// <summary>
/// Checks the object loader against a corpus: the (file_name, prog_name) set it lists versus the union of
/// kernel.csv and load-errors.csv, and the time to load every object.
/// Usage: objcheck CORPUS_DIR [--prog-types FILE] [--linkcheck N]
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: objcheck CORPUS_DIR [--prog-types FILE] [--linkcheck N]");
            return 2;
        }
        if (args[0] == "--fuzz")
        {
            // Random byte flips on the given objects: every outcome must be a spec or an ObjectFormatException.
            var rng = new Random(42);
            int crashes = 0, rounds = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
            for (int a = 2; a < args.Length; a++)
            {
                var original = File.ReadAllBytes(args[a]);
                for (int r = 0; r < rounds; r++)
                {
                    var b = (byte[])original.Clone();
                    int flips = 1 + rng.Next(8);
                    for (int k = 0; k < flips; k++)
                        b[rng.Next(b.Length)] = (byte)rng.Next(256);
                    try
                    {
                        ObjectLoader.Load(b, args[a], new LoadOptions { KconfigPath = "/nonexistent" });
                    }
                    catch (ObjectFormatException)
                    {
                    }
                    catch (Exception e)
                    {
                        if (crashes++ < 10)
                            Console.WriteLine($"{args[a]} round {r}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                    }
                }
            }
            Console.WriteLine($"fuzz: {crashes} crashes");
            return crashes == 0 ? 0 : 1;
        }
        if (args[0] == "--dump")
        {
            var o = ObjectLoader.Load(args[1], new LoadOptions { Legacy = args.Length > 2 ? true : null });
            foreach (string w in o.Warnings)
                Console.WriteLine("warning: " + w);
            for (int i = 0; i < o.Maps.Count; i++)
            {
                var m = o.Maps[i];
                Console.WriteLine($"map #{i} {m.Name} type {m.Type} key {m.KeySize} value {m.ValueSize} max {m.MaxEntries} flags 0x{m.Flags:x} btf {m.BtfKeyTypeId}/{m.BtfValueTypeId} inner {m.InnerMap?.Name} {m.Origin} {m.SectionName}");
            }
            foreach (var p in o.Programs)
                Console.WriteLine($"prog {p.Name} sec {p.SectionName} {p.Type.Name()}/{p.ExpectedAttachType?.Name()} insns {p.Instructions.Length} funcs {p.FunctionNames.Count} finfo {p.FuncInfos.Count} linfo {p.LineInfos.Count} kfuncs {p.Kfuncs.Count} err {p.LoadError}");
            return 0;
        }
        string corpus = args[0];
        string? progTypes = null, typesFile = null;
        bool? legacy = null;
        int linkcheck = 0;
        for (int i = 1; i < args.Length; i++)
        {
            if (args[i] == "--prog-types" && i + 1 < args.Length)
                progTypes = args[++i];
            else if (args[i] == "--legacy")
                legacy = true;
            else if (args[i] == "--check-types" && i + 1 < args.Length)
                typesFile = args[++i];
            else if (args[i] == "--linkcheck" && i + 1 < args.Length)
                linkcheck = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
        }
        string objs = Path.Combine(corpus, "objs");
        var expected = new Dictionary<(string, string), string>();
        ReadRows(Path.Combine(corpus, "kernel.csv"), expected, "judged");
        ReadRows(Path.Combine(corpus, "load-errors.csv"), expected, "load-error");
        var lastMsg = new Dictionary<(string, string), string>();
        if (File.Exists(Path.Combine(corpus, "load-errors.csv")))
        {
            foreach (string line in File.ReadLines(Path.Combine(corpus, "load-errors.csv")))
            {
                var c = Csv.Split(line);
                if (c.Count >= 4)
                    lastMsg[(c[0], c[1])] = c[2] + ": " + c[3];
            }
        }

        var options = new LoadOptions { Overrides = progTypes == null ? null : ProgramTypeOverrides.Load(progTypes), Legacy = legacy };
        var files = Directory.GetFiles(objs, "*.o", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        var found = new Dictionary<(string, string), ProgramSpec>();
        var loaded = new List<(string Rel, ObjectSpec Obj)>();
        var failures = new List<string>();
        var openFailed = new List<string>();
        var formatErrors = new List<string>();
        var sw = Stopwatch.StartNew();
        foreach (string f in files)
        {
            string rel = Path.GetRelativePath(objs, f).Replace('\\', '/');
            try
            {
                var obj = ObjectLoader.Load(f, options);
                loaded.Add((rel, obj));
                foreach (var p in obj.Programs)
                {
                    if (!found.TryAdd((rel, p.Name), p))
                        failures.Add($"duplicate program {rel}:{p.Name}");
                }
            }
            catch (ObjectOpenException e)
            {
                openFailed.Add($"{rel}: {e.Message}");
            }
            catch (ObjectFormatException e)
            {
                formatErrors.Add($"{rel}: {e.Message}");
            }
            catch (Exception e)
            {
                failures.Add($"CRASH {rel}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }
        sw.Stop();

        int hit = 0;
        var missing = new List<string>();
        foreach (var (key, kind) in expected)
        {
            if (found.ContainsKey(key))
                hit++;
            else
                missing.Add($"missing {kind} {key.Item1}:{key.Item2}");
        }
        var extra = new List<string>();
        foreach (var key in found.Keys)
        {
            if (!expected.ContainsKey(key))
                extra.Add($"extra {key.Item1}:{key.Item2} (section {found[key].SectionName})");
        }
        int programs = 0, insns = 0;
        foreach (var (rel, obj) in loaded)
        {
            if (obj.BtfRejection != null)
                Console.WriteLine($"  BTF refused {rel}: {obj.BtfRejection}");
            programs += obj.Programs.Count;
            foreach (var p in obj.Programs)
                insns += p.Instructions.Length;
        }
        Console.WriteLine($"corpus {corpus}: {files.Length} objects, {loaded.Count} loaded, {programs} programs, {insns} linked insns, load time {sw.Elapsed.TotalMilliseconds:F0} ms");
        Console.WriteLine($"expected programs {expected.Count}: found {hit} ({100.0 * hit / Math.Max(1, expected.Count):F1}%), missing {missing.Count}, extra {extra.Count}, failures {failures.Count}");
        Console.WriteLine($"objects libbpf refuses to open (no programs listed): {openFailed.Count}; malformed objects: {formatErrors.Count}");
        foreach (string s in openFailed)
            Console.WriteLine("  open-failed " + s);
        foreach (string s in formatErrors)
            Console.WriteLine("  malformed " + s);
        foreach (string s in failures)
            Console.WriteLine("  " + s);
        foreach (string s in missing)
            Console.WriteLine("  " + s);
        foreach (string s in extra)
            Console.WriteLine("  " + s);
        var judgedWithError = new List<string>();
        int loadErrRows = 0, loadErrFlagged = 0;
        foreach (var (key, kind) in expected)
        {
            if (!found.TryGetValue(key, out var p))
                continue;
            if (kind == "judged" && p.LoadError != null)
                judgedWithError.Add($"judged but load error {key.Item1}:{key.Item2}: {p.LoadError}");
            if (kind == "load-error")
            {
                loadErrRows++;
                if (p.LoadError != null)
                    loadErrFlagged++;
                else if (Environment.GetEnvironmentVariable("OBJCHECK_VERBOSE") != null)
                    Console.WriteLine($"  not refused: {key.Item1}:{key.Item2} {lastMsg.GetValueOrDefault(key)}");
            }
        }
        Console.WriteLine($"judged programs with a loader error: {judgedWithError.Count}; load-error rows we also refuse: {loadErrFlagged}/{loadErrRows}");
        foreach (string s in judgedWithError)
            Console.WriteLine("  " + s);
        if (typesFile != null)
            TypeCheck(typesFile, loaded);
        if (linkcheck > 0)
            LinkCheck.Run(objs, loaded, expected, linkcheck);
        return missing.Count == 0 && extra.Count == 0 && failures.Count == 0 ? 0 : 1;
    }

    /// <summary>Our section-name classification (no overrides) versus the type a corpus CSV says was used.</summary>
    private static void TypeCheck(string typesFile, List<(string Rel, ObjectSpec Obj)> loaded)
    {
        var want = new Dictionary<(string, string), (string Type, string Attach, string Rule)>();
        bool header = true;
        foreach (string line in File.ReadLines(typesFile))
        {
            if (header)
            {
                header = false;
                continue;
            }
            var c = Csv.Split(line);
            if (c.Count >= 6)
                want[(c[0], c[1])] = (c[3], c[4], c[5]);
        }
        int same = 0, total = 0;
        var diffs = new List<string>();
        foreach (var (rel, obj) in loaded)
        {
            foreach (var p in obj.Programs)
            {
                if (!want.TryGetValue((rel, p.Name), out var w))
                    continue;
                total++;
                string type = p.Type.Name(), attach = p.ExpectedAttachType?.Name() ?? "";
                if (type == w.Type && attach == w.Attach)
                    same++;
                else
                    diffs.Add($"type {rel}:{p.Name} section '{p.SectionName}': ours {type}/{attach}, corpus {w.Type}/{w.Attach} ({w.Rule})");
            }
        }
        Console.WriteLine($"section classification without overrides: {same}/{total} agree with {Path.GetFileName(typesFile)}");
        foreach (string d in diffs)
            Console.WriteLine("  " + d);
    }

    private static void ReadRows(string path, Dictionary<(string, string), string> into, string kind)
    {
        if (!File.Exists(path))
            return;
        bool header = true;
        foreach (string line in File.ReadLines(path))
        {
            if (header)
            {
                header = false;
                continue;
            }
            var cols = Csv.Split(line);
            if (cols.Count >= 2)
                into.TryAdd((cols[0], cols[1]), kind);
        }
    }
}

internal static class Csv
{
    public static List<string> Split(string line)
    {
        var cols = new List<string>();
        var sb = new System.Text.StringBuilder();
        bool q = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (q)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    sb.Append('"');
                    i++;
                }
                else if (c == '"')
                    q = false;
                else
                    sb.Append(c);
            }
            else if (c == '"')
                q = true;
            else if (c == ',')
            {
                cols.Add(sb.ToString());
                sb.Clear();
            }
            else
                sb.Append(c);
        }
        cols.Add(sb.ToString());
        return cols;
    }
}
