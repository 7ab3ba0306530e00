namespace Bpf.Veristat;

/// <summary>
/// Outcome of <see cref="ArgParser.Parse"/>: parsed options, or the exit code veristat would
/// end with (messages, help or usage already written).
/// </summary>
public sealed record ArgParseResult(VeristatOptions? Options, int ExitCode)
{
    public bool ShouldExit => Options == null;
}
