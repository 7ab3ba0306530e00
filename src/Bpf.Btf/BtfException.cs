namespace Bpf.Btf;

/// <summary>Malformed or unsupported BTF / BTF.ext input. The only exception type the BTF readers throw on bad data.</summary>
public sealed class BtfException : Exception
{
    public BtfException(string message) : base(message)
    {
    }
}
