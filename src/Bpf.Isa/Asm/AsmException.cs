namespace Bpf.Isa;

/// <summary>Bad assembly syntax; <see cref="Line"/> and <see cref="Column"/> are 1-based.</summary>
public sealed class AsmException : Exception
{
    public AsmException(string reason, int line, int column)
        : base($"line {line}, column {column}: {reason}")
    {
        Reason = reason;
        Line = line;
        Column = column;
    }

    public string Reason { get; }
    public int Line { get; }
    public int Column { get; }
}
