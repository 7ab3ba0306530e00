namespace Bpf.Verifier.Domain;

/// <summary>
/// Tristate number (kernel/bpf/tnum.c): bits set in <see cref="Mask"/> are unknown, the others equal <see cref="Value"/>.
/// Invariant: (Value &amp; Mask) == 0.
/// </summary>
public readonly partial record struct Tnum(ulong Value, ulong Mask)
{
    public static readonly Tnum Unknown = new(0, ulong.MaxValue);
    public static Tnum Const(ulong value) => new(value, 0);
    public bool IsConst => Mask == 0;
}
