using Bpf.TestLoader.Running;

namespace Bpf.TestLoader.Reporting;

/// <summary>Counts of results, plus how many tests the verifier part was judged on and agreed with.</summary>
public sealed class TestTally
{
    public int Pass { get; private set; }
    public int Fail { get; private set; }
    public int Skip { get; private set; }
    public int BadObjects { get; private set; }
    public int VerifierJudged { get; private set; }
    public int VerifierAgreed { get; private set; }

    public void Add(ObjectResult r)
    {
        if (r.LoadError != null)
            BadObjects++;
        foreach (var t in r.Tests)
            Add(t);
    }

    public void Add(TestResult t)
    {
        switch (t.Status)
        {
            case TestStatus.Pass:
                Pass++;
                break;
            case TestStatus.Fail:
                Fail++;
                break;
            default:
                Skip++;
                break;
        }
        if (t.VerifierAgrees is bool agrees)
        {
            VerifierJudged++;
            if (agrees)
                VerifierAgreed++;
        }
    }
}
