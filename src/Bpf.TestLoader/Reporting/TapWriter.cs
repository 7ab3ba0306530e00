using Bpf.TestLoader.Running;

namespace Bpf.TestLoader.Reporting;

/// <summary>
/// TAP-like report: <c>ok N - file/prog</c>, <c>not ok N - file/prog # [reason] message</c>, skips as
/// <c>ok N - name # SKIP [reason] message</c>, and a final <c># pass N fail M skip K</c>.
/// </summary>
public sealed class TapWriter(TextWriter w, bool verbose)
{
    private int _n;

    public TestTally Tally { get; } = new();

    public void Write(ObjectResult r)
    {
        Tally.Add(r);
        if (r.LoadError != null)
        {
            w.WriteLine($"# {Path.GetFileName(r.Path)}: cannot load: {r.LoadError}");
            return;
        }
        foreach (var t in r.Tests)
            Write(t);
    }

    private void Write(TestResult t)
    {
        _n++;
        string tag = TestResult.ReasonTag(t.Reason);
        switch (t.Status)
        {
            case TestStatus.Pass:
                w.WriteLine($"ok {_n} - {t.Name}");
                break;
            case TestStatus.Skip:
                w.WriteLine($"ok {_n} - {t.Name} # SKIP [{tag}] {t.Message}");
                break;
            default:
                w.WriteLine($"not ok {_n} - {t.Name} # [{tag}] {t.Message}");
                break;
        }
        if (!verbose)
            return;
        if (t.Description != null)
            w.WriteLine($"#   description: {t.Description}");
        foreach (var d in t.Details)
            w.WriteLine($"#   {d}");
    }

    public void Finish()
    {
        w.WriteLine($"1..{_n}");
        w.WriteLine($"# pass {Tally.Pass} fail {Tally.Fail} skip {Tally.Skip}");
        if (Tally.BadObjects > 0)
            w.WriteLine($"# {Tally.BadObjects} object(s) could not be loaded");
    }
}
