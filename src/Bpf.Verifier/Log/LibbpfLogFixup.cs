using System.Text.RegularExpressions;
using Bpf.Object;

namespace Bpf.Verifier.Log;

/// <summary>
/// libbpf rewrites the end of a failed program's verifier log when the kernel tripped over an instruction libbpf
/// poisoned itself (fixup_verifier_log): an unresolved CO-RE relocation or an unresolved kfunc. Users of libbpf and
/// veristat see the rewritten text, so bpfv reports it the same way.
/// </summary>
internal static partial class LibbpfLogFixup
{
    private const int CoreReloPoison = 0xbad2310;
    private const long KfuncPoisonBase = 2002000000;
    private const int MaxLastLines = 10;

    [GeneratedRegex(@"^(\d+): \(\d+\) call unknown#(\d+)$")]
    private static partial Regex PoisonedCall();

    public static VerificationResult Apply(ProgramSpec prog, VerificationResult r)
    {
        if (r.Accepted || r.ErrorLine == null || !r.ErrorLine.StartsWith("invalid func unknown#", StringComparison.Ordinal))
            return r;
        var lines = r.Log.Split('\n');
        int last = lines.Length - 1;
        for (int i = last; i >= 1 && i >= last - MaxLastLines; i--)
        {
            if (!lines[i].StartsWith("invalid func unknown#", StringComparison.Ordinal))
                continue;
            var m = PoisonedCall().Match(lines[i - 1]);
            if (!m.Success)
                return r;
            int idx = int.Parse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            long imm = long.Parse(m.Groups[2].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            string? head = null, error = null;
            if (imm == CoreReloPoison && prog.PoisonedCoreRelos.TryGetValue(idx, out var spec))
            {
                head = $"{idx}: <invalid CO-RE relocation>";
                error = $"failed to resolve CO-RE relocation {spec}";
            }
            else if (imm >= KfuncPoisonBase && imm < KfuncPoisonBase + 1_000_000 && prog.Kfuncs.TryGetValue(idx, out var k))
            {
                head = $"{idx}: <invalid kfunc call>";
                error = $"kfunc '{k.Name}' is referenced but wasn't resolved";
            }
            if (head == null || error == null)
                return r;
            lines[i - 1] = head;
            lines[i] = error;
            return new VerificationResult
            {
                Accepted = false,
                ErrorLine = error,
                Log = string.Join('\n', lines),
                Stats = r.Stats,
            };
        }
        return r;
    }
}
