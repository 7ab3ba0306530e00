namespace Bpf.Object;

/// <summary>
/// A well-formed object that libbpf refuses to open as a whole (an extern it cannot place, a static entry program...):
/// veristat lists no programs for it. The message is libbpf's warning line.
/// </summary>
public sealed class ObjectOpenException : ObjectFormatException
{
    public ObjectOpenException(string message)
        : base(message)
    {
    }

    /// <summary>libbpf's positive errno for the open failure when the message does not end in it; 0 = from the message.</summary>
    public int Errno { get; init; }
}
