namespace Bpf.Verifier.Semantics;

/// <summary>Raised by a check when the program is rejected; the message is already in the log.</summary>
public sealed class VerifierException : Exception
{
    public VerifierException(string message, int errno = -13)
        : base(message) => Errno = errno;

    public int Errno { get; }
}
