using System.Diagnostics;
using System.Text.RegularExpressions;
using Bpf.Isa;
using Bpf.Object;

namespace Bpf.ObjCheck;

/// <summary>
/// Compares linked instruction streams with the kernel's level-2 verifier log (veristat -vl2): every
/// "N: (op) text" line the kernel printed must match our instruction N (opcode byte; text too, except ld_imm64,
/// calls and lines naming kernel addresses). Picks the programs with the most subprograms.
/// </summary>
internal static partial class LinkCheck
{
    private const string Veristat = "/opt/oracle/bin/veristat";

    [GeneratedRegex(@"^(\d+): \(([0-9a-f]{2})\) (.*?)(\s+;.*)?$")]
    private static partial Regex InsnLine();

    public static void Run(string objs, List<(string Rel, ObjectSpec Obj)> loaded, Dictionary<(string, string), string> expected, int count)
    {
        if (!File.Exists(Veristat))
        {
            Console.WriteLine("linkcheck: skipped (no veristat)");
            return;
        }
        var candidates = new List<(string Rel, ObjectSpec Obj, ProgramSpec Prog)>();
        foreach (var (rel, obj) in loaded)
        {
            foreach (var p in obj.Programs)
            {
                if (p.FunctionNames.Count > 1 && p.Instructions.Length <= 4000 && expected.TryGetValue((rel, p.Name), out string? kind) && kind == "judged" && p.LoadError == null)
                    candidates.Add((rel, obj, p));
            }
        }
        candidates.Sort((a, b) => b.Prog.FunctionNames.Count.CompareTo(a.Prog.FunctionNames.Count));
        int checkedN = 0, matched = 0;
        foreach (var (rel, obj, p) in candidates)
        {
            if (checkedN >= count)
                break;
            string log = RunVeristat(Path.Combine(objs, rel), p.Name);
            var kernel = new Dictionary<int, (byte Op, string Text)>();
            foreach (string raw in log.Split('\n'))
            {
                var m = InsnLine().Match(raw.TrimEnd());
                if (!m.Success)
                    continue;
                int idx = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                kernel.TryAdd(idx, (Convert.ToByte(m.Groups[2].Value, 16), m.Groups[3].Value));
            }
            if (kernel.Count == 0)
                continue;
            checkedN++;
            string? diff = null;
            foreach (var (idx, (op, text)) in kernel)
            {
                if (idx >= p.Instructions.Length)
                {
                    diff = $"kernel insn {idx} beyond our {p.Instructions.Length}";
                    break;
                }
                var ours = p.Instructions[idx];
                if (ours.Code != op)
                {
                    diff = $"insn {idx}: kernel ({op:x2}) {text} vs ours ({ours.Code:x2}) {Disassembler.Format(p.Instructions, idx)}";
                    break;
                }
                if (ours.IsLdImm64 || ours.IsCall)
                {
                    if (ours.IsPseudoCall && !text.Contains($"pc{(ours.Imm >= 0 ? "+" : "")}{ours.Imm}", StringComparison.Ordinal))
                    {
                        diff = $"insn {idx}: kernel {text} vs ours pc{ours.Imm}";
                        break;
                    }
                    continue;
                }
                string mine = StripOpcode(Disassembler.Format(p.Instructions, idx));
                if (mine != text)
                {
                    diff = $"insn {idx}: kernel '{text}' vs ours '{mine}'";
                    break;
                }
            }
            if (diff == null)
                matched++;
            Console.WriteLine($"  linkcheck {rel}:{p.Name} ({p.FunctionNames.Count} funcs, {p.Instructions.Length} insns, {kernel.Count} seen): {diff ?? "match"}");
        }
        Console.WriteLine($"linkcheck: {matched}/{checkedN} programs match the kernel's instruction stream");
    }

    private static string StripOpcode(string s) => s.Length > 5 && s[0] == '(' && s[3] == ')' ? s[5..] : s;

    private static string RunVeristat(string obj, string prog)
    {
        var psi = new ProcessStartInfo(Veristat) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-vl2");
        psi.ArgumentList.Add("-f");
        psi.ArgumentList.Add(prog);
        psi.ArgumentList.Add(obj);
        using var proc = Process.Start(psi)!;
        var stderr = proc.StandardError.ReadToEndAsync();
        string output = proc.StandardOutput.ReadToEnd();
        proc.WaitForExit();
        return output + stderr.Result;
    }
}
