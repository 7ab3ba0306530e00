namespace Bpf.Object;

/// <summary>The file is not a well-formed BPF ELF object (truncated, out-of-range offsets, wrong machine...).</summary>
public class ObjectFormatException : Exception
{
    public ObjectFormatException(string message)
        : base(message)
    {
    }

    public ObjectFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
