namespace Bpf.Fuzz;

public enum TargetOutcome { Loaded, Refused, Crashed }

public readonly record struct TargetResult(TargetOutcome Outcome, string? Error);

/// <summary>The code under fuzz: load an object from bytes as `bpfv list` would.</summary>
public static class Target
{
    public static TargetResult Run(byte[] data, string name)
    {
        try
        {
            // Filled in once the loader's byte-level entry point exists.
            _ = data;
            _ = name;
            return new TargetResult(TargetOutcome.Loaded, null);
        }
        catch (Exception e)
        {
            return new TargetResult(TargetOutcome.Crashed, e.GetType().Name + ": " + e.Message);
        }
    }
}
