namespace Bpf.Verifier.Domain;

public enum RefKind : byte
{
    Ptr,
    Lock,
    Irq,
}

/// <summary>An acquired reference (struct bpf_reference_state).</summary>
public readonly record struct ReferenceState(RefKind Kind, uint Id, int InsnIdx);
