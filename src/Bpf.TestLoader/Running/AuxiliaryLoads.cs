using Bpf.Object;
using Bpf.TestLoader.Spec;
using Bpf.Verifier;

namespace Bpf.TestLoader.Running;

/// <summary>
/// test_loader loads the tested program together with the object's auxiliary programs of the same mode, in
/// program order; the first rejected one fails bpf_object__load(). Auxiliary verdicts are computed once per object.
/// </summary>
internal sealed class AuxiliaryLoads(ObjectSpec obj, IReadOnlyList<ProgramTest> programs, TimeSpan? timeLimit)
{
    private readonly Dictionary<string, VerificationResult> _verdicts = [];

    public LoadOutcome Load(ProgramTest target, TestSpec spec, TestModes mode)
    {
        bool targetSeen = false;
        LoadOutcome? outcome = null;
        foreach (var pt in programs)
        {
            if (ReferenceEquals(pt, target))
            {
                targetSeen = true;
                outcome = LoadAttempt.Run(obj, pt.Program, spec, timeLimit);
                if (!outcome.Loaded)
                    return outcome;
                continue;
            }
            if (pt.Spec is not { Auxiliary: true } aux || !aux.Modes.HasFlag(mode))
                continue;
            var r = Verdict(pt.Program);
            if (r.Accepted)
                continue;
            string error = $"auxiliary program '{pt.Program.Name}' rejected: {r.ErrorLine}";
            // A failure before the tested program leaves its log buffer empty.
            return targetSeen
                ? outcome! with { Loaded = false, Error = error, Result = r.Unsupported ? r : outcome.Result }
                : new LoadOutcome(false, "", r.Unsupported ? r : null, error);
        }
        return outcome!;
    }

    private VerificationResult Verdict(ProgramSpec p)
    {
        lock (_verdicts)
        {
            if (!_verdicts.TryGetValue(p.Name, out var r))
            {
                r = BpfVerifier.Verify(obj, p, new VerifierOptions { LogLevel = 0, TimeLimit = timeLimit });
                _verdicts[p.Name] = r;
            }
            return r;
        }
    }
}
