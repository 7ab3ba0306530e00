namespace Bpf.Verifier.Domain;

public enum RefKind : byte
{
    /// <summary>REF_TYPE_PTR: an acquired object (socket, ring buffer record...) that must be released.</summary>
    Ptr,
    /// <summary>REF_TYPE_LOCK: a held bpf_spin_lock.</summary>
    Lock,
    /// <summary>REF_TYPE_IRQ: interrupts disabled by bpf_local_irq_save (or a res_spin_lock_irqsave).</summary>
    Irq,
    /// <summary>REF_TYPE_RES_LOCK: a held bpf_res_spin_lock.</summary>
    ResLock,
    /// <summary>REF_TYPE_RES_LOCK_IRQ: a bpf_res_spin_lock held through bpf_res_spin_lock_irqsave.</summary>
    ResLockIrq,
}

/// <summary>
/// An acquired reference (struct bpf_reference_state). For locks, <see cref="Id"/> is the lock's register id and
/// <see cref="LockMap"/> the map (index into the verifier's map list) holding the lock, -1 when not a map value.
/// </summary>
public readonly record struct ReferenceState(RefKind Kind, uint Id, int InsnIdx, int LockMap = -1);
