using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Bpf.Isa;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Semantics.Scalar;

// Differential tester: random straight-line programs over r6..r9 (+ r1..r5 as constant temps),
// conditional jumps to a shared exit block; compare every printed R6..R9 state with our model.
int seed = args.Length > 0 ? int.Parse(args[0]) : 1;
int count = args.Length > 1 ? int.Parse(args[1]) : 50;
int len = args.Length > 2 ? int.Parse(args[2]) : 12;
string focus = args.Length > 3 ? args[3] : "all";
var rnd = new Random(seed);
var progs = new List<Prog>();
for (int i = 0; i < count; i++) progs.Add(Gen.Make(rnd, i, len, focus));

var c = new StringBuilder();
c.AppendLine("#define SEC(n) __attribute__((section(n), used))");
foreach (var p in progs)
{
    c.AppendLine($"SEC(\"socket\") __attribute__((naked)) int p{p.Index}(void *ctx)\n{{\n\tasm volatile (");
    foreach (var l in p.Asm) c.AppendLine($"\t\"{l};\"");
    c.AppendLine("\t::: \"memory\");\n}");
}
c.AppendLine("char _license[] SEC(\"license\") = \"GPL\";");
string dir = Path.Combine(Path.GetTempPath(), "bpfv-domain-diff", $"s{seed}");
Directory.CreateDirectory(dir);
File.WriteAllText($"{dir}/d.c", c.ToString());
Run("clang-19", $"-O2 -g --target=bpf -mcpu=v4 -c {dir}/d.c -o {dir}/d.o", out string cerr);
if (!File.Exists($"{dir}/d.o")) { Console.WriteLine(cerr); return 1; }
Run("/opt/oracle/bin/veristat", $"-vl2 {dir}/d.o", out string log);
File.WriteAllText($"{dir}/log.txt", log);
var logs = SplitLogs(log);
int bad = 0, cmp = 0;
foreach (var p in progs)
{
    if (!logs.TryGetValue($"p{p.Index}", out var plog)) { Console.WriteLine($"p{p.Index}: no log"); bad++; continue; }
    var errs = Check(p, plog, ref cmp, out string block);
    if (errs.Count == 0 && Environment.GetEnvironmentVariable("EXPORT") is string ex && ex.Length > 0)
        File.AppendAllText(ex, $"prog s{seed}p{p.Index}\n" + block + "end\n");
    if (errs.Count > 0)
    {
        bad++;
        if (bad <= 6)
        {
            Console.WriteLine($"==== p{p.Index} MISMATCH");
            for (int k = 0; k < p.Asm.Count; k++) Console.WriteLine($"   {p.Asm[k]}");
            foreach (var e in errs.Take(4)) Console.WriteLine(e);
        }
    }
}
Console.WriteLine($"seed {seed}: {progs.Count} programs, {bad} mismatching, {cmp} comparisons");
return bad == 0 ? 0 : 2;

static List<string> Check(Prog p, string plog, ref int cmp, out string block)
{
    var blk = new StringBuilder();
    for (int i = 0; i < p.Ops.Count; i++)
    {
        var o = p.Ops[i];
        blk.Append($"op {o.Kind} {o.Insn} {o.D} {o.S} 0x{o.Code:x2} {o.Imm} 0x{o.U64:x} {(o.Wide ? 1 : 0)} {o.Bits}\n");
    }
    var errs = new List<string>();
    // kernel: insn index -> (after-state map) from "N: (op) ... ; Rk=.." or "N: Rk=..." after insn line.
    var after = new Dictionary<int, Dictionary<int, string>>();
    var from = new Dictionary<int, Dictionary<int, string>>();
    var lineRe = new Regex(@"^(\d+): \([0-9a-f]{2}\) [^;]*?(?:;\s*(.*))?$");
    var stRe = new Regex(@"^(\d+): (R\d.*)$");
    var fromRe = new Regex(@"^from (\d+) to (\d+): (R\d.*)$");
    int lastInsn = -1;
    var seen = new HashSet<int>();
    bool verdictOk = plog.Contains("VERDICT: success");
    foreach (var raw in plog.Split('\n'))
    {
        var line = raw.TrimEnd();
        Match m;
        if ((m = lineRe.Match(line)).Success)
        {
            lastInsn = int.Parse(m.Groups[1].Value);
            seen.Add(lastInsn);
            if (m.Groups[2].Success && m.Groups[2].Value.Length > 0) after[lastInsn] = ParseRegs(m.Groups[2].Value);
            else after.Remove(lastInsn);
        }
        else if ((m = fromRe.Match(line)).Success)
        {
            from[int.Parse(m.Groups[1].Value)] = ParseRegs(m.Groups[3].Value);
            lastInsn = -1;
        }
        else if ((m = stRe.Match(line)).Success)
        {
            int n = int.Parse(m.Groups[1].Value);
            if (n == lastInsn) after[n] = ParseRegs(m.Groups[2].Value);
        }
    }
    if (!verdictOk) { errs.Add("kernel verdict not success: " + plog.Split('\n').FirstOrDefault(l => l.Contains("VIOLATION") || l.Contains("invalid") || l.Contains("!")) ); }
    // simulate
    var sim = new Sim();
    var simSeen = new List<int>();
    foreach (var (insnIdx, expect, fromExpect) in sim.Run(p))
    {
        simSeen.Add(insnIdx);
        if (!seen.Contains(insnIdx)) errs.Add($"  insn {insnIdx} visited by model but not by kernel");
        if (expect != null && after.TryGetValue(insnIdx, out var km))
        {
            foreach (var (r, ks) in km)
            {
                if (r < 6 || r > 9) continue;
                cmp++;
                string mine = expect[r];
                blk.Append($"after {insnIdx} {r} {ks}\n");
                if (mine != ks) errs.Add($"  insn {insnIdx} R{r}: kernel {ks}\n              mine   {mine}");
            }
        }
        if (fromExpect != null && from.TryGetValue(insnIdx, out var fm))
        {
            foreach (var (r, ks) in fm)
            {
                if (r < 6 || r > 9) continue;
                cmp++;
                string mine = fromExpect[r];
                blk.Append($"from {insnIdx} {r} {ks}\n");
                if (mine != ks) errs.Add($"  from {insnIdx} R{r}: kernel {ks}\n              mine   {mine}");
            }
        }
        if (sim.Ended) break;
    }
    if (sim.Ended && sim.Violation == null && !sim.Forked)
    {
        int last = simSeen.Count > 0 ? simSeen[^1] : -1;
        var nextOp = p.Ops.FirstOrDefault(o => o.Insn > last);
        if (nextOp != null && seen.Contains(nextOp.Insn)) errs.Add($"  model predicted taken at {last} but kernel visited {nextOp.Insn}");
    }
    var kmsgs = plog.Split('\n').Where(l => l.StartsWith("verifier bug")).ToList();
    if (sim.Forked) kmsgs = kmsgs.Take(sim.Msgs.Count).ToList();
    foreach (var km in sim.Msgs) blk.Append($"msg {km}\n");
    if (sim.Forked) blk.Append("forked\n");
    block = blk.ToString();
    // later "(alu)" reports come from the shared exit block (r0 = rX copies a broken register)
    while (kmsgs.Count > sim.Msgs.Count && kmsgs[^1].Contains("(alu)")) kmsgs.RemoveAt(kmsgs.Count - 1);
    if (!kmsgs.SequenceEqual(sim.Msgs)) errs.Add("  violation messages differ:\n    kernel: " + string.Join("\n    kernel: ", kmsgs) + "\n    mine:   " + string.Join("\n    mine:   ", sim.Msgs));
    return errs;
}

static Dictionary<int, string> ParseRegs(string s)
{
    var d = new Dictionary<int, string>();
    // tokens separated by space at top level (no spaces inside parens except var_off "; ")
    int depth = 0; var cur = new StringBuilder(); var toks = new List<string>();
    for (int i = 0; i < s.Length; i++)
    {
        char ch = s[i];
        if (ch == '(') depth++; else if (ch == ')') depth--;
        if (ch == ' ' && depth == 0) { if (cur.Length > 0) toks.Add(cur.ToString()); cur.Clear(); }
        else cur.Append(ch);
    }
    if (cur.Length > 0) toks.Add(cur.ToString());
    foreach (var t in toks)
    {
        var m = Regex.Match(t, @"^R(\d+)(?:_[a-zA-Z]+)?=(.*)$");
        if (!m.Success) continue;
        string v = m.Groups[2].Value;
        if (v.StartsWith("P")) v = v.Substring(1);
        v = Regex.Replace(v, @"id=\d+([+-]\d+)?,?", "");
        v = v.Replace(",)", ")");
        d[int.Parse(m.Groups[1].Value)] = v;
    }
    return d;
}

static Dictionary<string, string> SplitLogs(string log)
{
    var d = new Dictionary<string, string>();
    var parts = Regex.Split(log, @"(?=PROCESSING )");
    foreach (var part in parts)
    {
        var m = Regex.Match(part, @"^PROCESSING .*/(\w+), DURATION");
        if (m.Success) d[m.Groups[1].Value] = part;
    }
    return d;
}

static void Run(string exe, string a, out string output)
{
    var psi = new ProcessStartInfo(exe, a) { RedirectStandardOutput = true, RedirectStandardError = true };
    using var pr = Process.Start(psi)!;
    var so = pr.StandardOutput.ReadToEndAsync();
    var se = pr.StandardError.ReadToEndAsync();
    pr.WaitForExit();
    output = so.Result + se.Result;
}
