using System.Text.RegularExpressions;

namespace Bpf.Conformance;

/// <summary>Figures of one corpus: bpfv's outcomes against the kernel's judged programs.</summary>
public sealed partial class Comparison
{
    public required string Corpus { get; init; }
    public int Judged;
    public int Missing;
    public int VerdictAgree;
    /// <summary>Agreement not counting programs both reject where bpfv's reason is `unsupported`.</summary>
    public int VerdictAgreeModelled;
    public int BothAccept;
    public int BothReject;
    public int ErrorLineAgree;
    public int InsnsExact;
    public int InsnsWithin5;
    public int PeakExact;
    public int StatesExact;
    public int Unsupported;
    public int UnsupportedFalseRejects;
    public int Crashes;
    public int Timeouts;
    public long KernelUs;
    public long BpfvUs;
    public double WallSeconds;
    /// <summary>Durations are of a second, JIT-warm verification (--warm).</summary>
    public bool Warm;
    public readonly List<(KernelRow K, Outcome B)> FalseAccepts = [];
    public readonly List<(KernelRow K, Outcome? B)> FalseRejects = [];
    public readonly List<(KernelRow K, Outcome B)> ErrorLineDiffs = [];
    public readonly List<(KernelRow K, Outcome B)> Timed = [];
    public readonly Dictionary<string, (int Judged, int Agree, int FalseAccepts)> PerArea = new(StringComparer.Ordinal);

    public double Pct(int n, int d) => d == 0 ? 0 : 100.0 * n / d;

    public static Comparison Compute(string corpus, KernelAnswers kernel, IReadOnlyDictionary<(string, string), Outcome> ours)
    {
        var c = new Comparison { Corpus = corpus };
        foreach (var k in kernel.Judged)
        {
            c.Judged++;
            c.KernelUs += k.DurationUs;
            ours.TryGetValue((k.File, k.Prog), out var b);
            if (b is null)
                c.Missing++;
            else
            {
                c.BpfvUs += b.DurationUs;
                c.Timed.Add((k, b));
            }
            if (b?.Kind == OutcomeKind.Unsupported)
                c.Unsupported++;
            if (b?.Kind == OutcomeKind.Crash)
                c.Crashes++;
            if (b?.Kind == OutcomeKind.Timeout)
                c.Timeouts++;
            bool bAccepted = b is { Accepted: true };
            bool agree = bAccepted == k.Accepted;
            string area = AreaOf(k.File);
            var a = c.PerArea.GetValueOrDefault(area);
            a.Judged++;
            if (agree)
            {
                c.VerdictAgree++;
                a.Agree++;
                if (b?.Kind != OutcomeKind.Unsupported)
                    c.VerdictAgreeModelled++;
            }
            if (bAccepted && !k.Accepted)
            {
                c.FalseAccepts.Add((k, b!));
                a.FalseAccepts++;
            }
            c.PerArea[area] = a;
            if (!bAccepted && k.Accepted)
            {
                c.FalseRejects.Add((k, b));
                if (b?.Kind == OutcomeKind.Unsupported)
                    c.UnsupportedFalseRejects++;
            }
            if (k.Accepted && bAccepted)
            {
                c.BothAccept++;
                if (b!.Insns == k.Insns)
                    c.InsnsExact++;
                if (Math.Abs(b.Insns - k.Insns) <= 0.05 * k.Insns)
                    c.InsnsWithin5++;
                if (b.PeakStates == k.PeakStates)
                    c.PeakExact++;
                if (b.States == k.States)
                    c.StatesExact++;
            }
            if (!k.Accepted && b is { Accepted: false })
            {
                c.BothReject++;
                if (b.ErrorLine == k.ErrorLine)
                    c.ErrorLineAgree++;
                else
                    c.ErrorLineDiffs.Add((k, b));
            }
        }
        return c;
    }

    /// <summary>An area is the object's base name without its suffix: `verifier_map_ptr.bpf.o` → `verifier_map_ptr`, `cilium/bpf_lxc.o` → `cilium`.</summary>
    public static string AreaOf(string file)
    {
        int slash = file.IndexOf('/');
        if (slash > 0)
            return file[..slash];
        int dot = file.IndexOf('.');
        return dot > 0 ? file[..dot] : file;
    }

    /// <summary>An error class: the message with numbers and names abstracted, so that `R1 invalid mem access 'scalar'` and `R3 ...` group together.</summary>
    public static string ErrorClass(string? line)
    {
        if (string.IsNullOrEmpty(line))
            return "(no message)";
        string s = Numbers().Replace(line, "N");
        s = Quoted().Replace(s, "'…'");
        return s.Length > 90 ? s[..90] + "…" : s;
    }

    [GeneratedRegex(@"(?<![A-Za-z_])(-?0x[0-9a-fA-F]+|-?\d+)")]
    private static partial Regex Numbers();

    [GeneratedRegex(@"'[^']*'")]
    private static partial Regex Quoted();
}
