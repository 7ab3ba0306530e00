using Bpf.Object;

namespace Bpf.Fuzz;

public enum TargetOutcome { Loaded, Refused, Crashed }

public readonly record struct TargetResult(TargetOutcome Outcome, string? Error);

/// <summary>The code under fuzz: load an object from bytes as `bpfv list` would (ELF, BTF, BTF.ext, relocation, CO-RE, linking).</summary>
public static class Target
{
    static readonly LoadOptions Options = new();

    public static TargetResult Run(byte[] data, string name)
    {
        try
        {
            var obj = ObjectLoader.Load(data, name, Options);
            return new TargetResult(TargetOutcome.Loaded, obj.Programs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (ObjectFormatException e)
        {
            return new TargetResult(TargetOutcome.Refused, e.Message);
        }
        catch (Exception e)
        {
            return new TargetResult(TargetOutcome.Crashed, e.GetType().Name + ": " + e.Message + "\n" + e.StackTrace);
        }
    }
}
