using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Bpf.Btf.Tests;

/// <summary>
/// Compares CO-RE outcomes with libbpf's own debug log (veristat -d) collected into $BTF_ORACLE_DIR
/// (one file per object: first line the object path, then libbpf "relo #N:" lines). Skipped when unset.
/// </summary>
public partial class CoreOracleTests(ITestOutputHelper output)
{
    [GeneratedRegex(@"prog '([^']+)': relo #(\d+): (.*)$")]
    private static partial Regex ReloLine();

    [GeneratedRegex(@"^<(\w+)> \[(\d+)\] (.*)$")]
    private static partial Regex SpecLine();

    [Fact]
    public void MatchesLibbpfDebugLog()
    {
        string? dir = Environment.GetEnvironmentVariable("BTF_ORACLE_DIR");
        if (dir == null || !Directory.Exists(dir))
        {
            output.WriteLine("SKIPPED: set BTF_ORACLE_DIR to a directory of libbpf CO-RE debug logs");
            return;
        }
        var target = KernelBtf.Embedded;
        int compared = 0, agree = 0, missing = 0;
        foreach (string log in Directory.EnumerateFiles(dir, "*.log").Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(log);
            if (lines.Length == 0 || !File.Exists(lines[0]))
                continue;
            var expected = ParseOracle(lines);
            var secs = TinyElf.Sections(File.ReadAllBytes(lines[0]));
            var local = BtfSpec.Parse(secs[".BTF"]);
            var ext = BtfExt.Parse(secs[".BTF.ext"], local);
            var relocator = new CoreRelocator(local, target);
            var mine = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var sec in ext.Sections)
            {
                foreach (var relo in sec.CoreRelos)
                {
                    string key = Key(local, relo);
                    mine[key] = relocator.TryResolve(relo, out var res, out string? err)
                        ? (res.Poison ? "poison" : res.NewVal.ToString(System.Globalization.CultureInfo.InvariantCulture))
                        : "error: " + err;
                }
            }
            foreach (var (key, want) in expected)
            {
                if (!mine.TryGetValue(key, out string? got))
                {
                    missing++;
                    output.WriteLine($"{Path.GetFileName(lines[0])}: no local relocation for {key}");
                    continue;
                }
                compared++;
                if (got == want || (want.StartsWith("error", StringComparison.Ordinal) && got.StartsWith("error", StringComparison.Ordinal)))
                    agree++;
                else
                    output.WriteLine($"{Path.GetFileName(lines[0])}: {key}: libbpf {want}, bpfv {got}");
            }
        }
        output.WriteLine($"compared {compared} distinct relocations: {agree} agree, {compared - agree} differ, {missing} unmatched keys");
    }

    private static string Key(BtfSpec local, CoreRelo relo)
    {
        string detail = relo.Kind switch
        {
            CoreReloKind.EnumvalExists or CoreReloKind.EnumvalValue =>
                int.TryParse(relo.AccessString, out int i) && i < local.Vlen(local.SkipModsAndTypedefs(relo.TypeId))
                    ? local.EnumValueName(local.SkipModsAndTypedefs(relo.TypeId), i) : "?",
            CoreReloKind.TypeIdLocal or CoreReloKind.TypeIdTarget or CoreReloKind.TypeExists or CoreReloKind.TypeMatches or CoreReloKind.TypeSize => "",
            _ => relo.AccessString,
        };
        return $"[{relo.TypeId}] {CoreRelo.KindName(relo.Kind)} {detail}";
    }

    private static Dictionary<string, string> ParseOracle(string[] lines)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var current = new Dictionary<string, string>(StringComparer.Ordinal); // "prog#relo" -> key
        foreach (string line in lines.Skip(1))
        {
            var m = ReloLine().Match(line);
            if (!m.Success)
                continue;
            string id = m.Groups[1].Value + "#" + m.Groups[2].Value;
            string rest = m.Groups[3].Value;
            var spec = SpecLine().Match(rest);
            if (spec.Success)
            {
                string text = spec.Groups[3].Value;
                string detail = spec.Groups[1].Value switch
                {
                    "enumval_exists" or "enumval_value" => Between(text, "::", " ="),
                    "local_type_id" or "target_type_id" or "type_exists" or "type_matches" or "type_size" => "",
                    _ => Between(text, "(", " @"),
                };
                current[id] = $"[{spec.Groups[2].Value}] {spec.Groups[1].Value} {detail}";
                continue;
            }
            if (!current.TryGetValue(id, out string? key))
                continue;
            if (rest.StartsWith("patched insn", StringComparison.Ordinal))
                result[key] = rest[(rest.LastIndexOf("-> ", StringComparison.Ordinal) + 3)..].Trim();
            else if (rest.StartsWith("substituting insn", StringComparison.Ordinal))
                result[key] = "poison";
            else if (rest.Contains("failed", StringComparison.Ordinal) || rest.Contains("ambiguity", StringComparison.Ordinal))
                result.TryAdd(key, "error");
        }
        return result;
    }

    private static string Between(string s, string start, string end)
    {
        int a = s.IndexOf(start, StringComparison.Ordinal);
        if (a < 0)
            return "";
        a += start.Length;
        int b = s.IndexOf(end, a, StringComparison.Ordinal);
        return b < 0 ? s[a..] : s[a..b];
    }
}
