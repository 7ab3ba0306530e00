namespace Bpf.Verifier.Domain;

/// <summary>Per-byte stack slot types (enum bpf_stack_slot_type).</summary>
public enum SlotType : byte
{
    Invalid = 0,
    Spill,
    Misc,
    Zero,
    Dynptr,
    Iter,
    IrqFlag,
}

public static class SlotTypes
{
    /// <summary>slot_type_char in log.c.</summary>
    public static char Char(SlotType t) => t switch
    {
        SlotType.Invalid => '?',
        SlotType.Spill => 'r',
        SlotType.Misc => 'm',
        SlotType.Zero => '0',
        SlotType.Dynptr => 'd',
        SlotType.Iter => 'i',
        SlotType.IrqFlag => 'f',
        _ => '?',
    };
}
