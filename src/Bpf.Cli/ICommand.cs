namespace Bpf.Cli;

/// <summary>One <c>bpfv</c> sub-command. Implementations live in Commands/ and are listed in <see cref="CommandRegistry"/>.</summary>
public interface ICommand
{
    string Name { get; }
    /// <summary>One line for <c>bpfv --help</c>.</summary>
    string Summary { get; }
    /// <summary>Usage text for <c>bpfv NAME --help</c>.</summary>
    string Usage { get; }
    /// <summary>Runs with the arguments after the command name (global options already removed). Returns the exit code.</summary>
    int Run(CommandContext context, IReadOnlyList<string> args);
}

/// <summary>Output streams and the global options shared by all commands.</summary>
public sealed class CommandContext
{
    public required TextWriter Out { get; init; }
    public required TextWriter Error { get; init; }
    public required GlobalOptions Options { get; init; }

    /// <summary>Reports a problem with one input as <c>bpfv: FILE: problem</c> and returns exit code 2.</summary>
    public int Fail(string subject, string problem)
    {
        Error.WriteLine($"bpfv: {subject}: {problem}");
        return ExitCodes.BadInput;
    }
}

public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Verification rejected (used by verify/stat).</summary>
    public const int Rejected = 1;
    /// <summary>Bad input: unreadable or malformed file, bad arguments.</summary>
    public const int BadInput = 2;
}
