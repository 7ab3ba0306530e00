namespace Bpf.Verifier.Liveness;

/// <summary>Which stack liveness drives pruning (bpfv --liveness).</summary>
public enum LivenessMode
{
    /// <summary>Linux 6.18: the call-chain-sensitive data flow (StackLiveness).</summary>
    New,
    /// <summary>Linux 6.17 and earlier: read marks propagated up the parent-state chain (LegacyStackLiveness).</summary>
    Legacy,
    /// <summary>Both; pruning follows the new analysis, and a slot it finds dead but the legacy marks keep alive is an error.</summary>
    Check,
}

/// <summary>Parsing of the --liveness option.</summary>
public static class LivenessModes
{
    public static bool TryParse(string text, out LivenessMode mode)
    {
        switch (text)
        {
            case "new":
                mode = LivenessMode.New;
                return true;
            case "legacy":
                mode = LivenessMode.Legacy;
                return true;
            case "check":
                mode = LivenessMode.Check;
                return true;
            default:
                mode = LivenessMode.New;
                return false;
        }
    }
}
