namespace Bpf.Verifier.Domain;

/// <summary>enum bpf_dynptr_type: what memory a dynptr refers to.</summary>
public enum DynptrKind : byte
{
    Invalid,
    Local,
    Ringbuf,
    Skb,
    Xdp,
    SkbMeta,
}

/// <summary>
/// The dynptr facts a STACK_DYNPTR slot (or a CONST_PTR_TO_DYNPTR register) carries: its kind and whether the slot is
/// the dynptr's first (upper) one, packed into <see cref="RegState.Aux"/>, which has no other use for these registers.
/// </summary>
public static class Dynptrs
{
    private const int FirstSlotBit = 0x100;

    public static DynptrKind Kind(in RegState r) => (DynptrKind)(r.Aux & 0xff);

    public static bool IsFirstSlot(in RegState r) => (r.Aux & FirstSlotBit) != 0;

    /// <summary>__mark_dynptr_reg: a known-zero CONST_PTR_TO_DYNPTR with the dynptr's id.</summary>
    public static RegState Reg(DynptrKind kind, bool firstSlot, uint id) => new()
    {
        Type = RegType.ConstPtrToDynptr,
        MapIndex = -1,
        Bounds = ScalarBounds.Const(0),
        Id = id,
        Aux = (int)kind | (firstSlot ? FirstSlotBit : 0),
    };

    /// <summary>dynptr_type_refcounted: ring buffer records must be submitted or discarded.</summary>
    public static bool IsRefcounted(DynptrKind k) => k == DynptrKind.Ringbuf;

    /// <summary>dynptr_type_str.</summary>
    public static string Name(DynptrKind k) => k switch
    {
        DynptrKind.Local => "local",
        DynptrKind.Ringbuf => "ringbuf",
        DynptrKind.Skb => "skb",
        DynptrKind.Xdp => "xdp",
        DynptrKind.SkbMeta => "skb_meta",
        DynptrKind.Invalid => "<invalid>",
        _ => "<unknown>",
    };

    /// <summary>get_dynptr_type_flag: the DYNPTR_TYPE_* flag a slice of this dynptr carries.</summary>
    public static RegFlags SliceFlag(DynptrKind k) => k switch
    {
        DynptrKind.Local => RegFlags.DynptrLocal,
        DynptrKind.Ringbuf => RegFlags.DynptrRingbuf,
        DynptrKind.Skb => RegFlags.DynptrSkb,
        DynptrKind.Xdp => RegFlags.DynptrXdp,
        DynptrKind.SkbMeta => RegFlags.DynptrSkbMeta,
        _ => RegFlags.None,
    };

    /// <summary>The DYNPTR_TYPE_* flags of a kfunc slice.</summary>
    public const RegFlags SliceFlags = RegFlags.DynptrLocal | RegFlags.DynptrRingbuf | RegFlags.DynptrSkb | RegFlags.DynptrXdp |
        RegFlags.DynptrSkbMeta;

    /// <summary>
    /// A kfunc slice is not among check_func_arg_reg_off's offset-tolerant types (PTR_TO_MEM, rdonly, ringbuf only):
    /// passed to a helper or global function it must not carry an offset.
    /// </summary>
    public static bool IsTaggedSlice(in RegState r) => r.Type == RegType.PtrToMem && (r.Flags & SliceFlags) != 0;

    /// <summary>reg_is_dynptr_slice_pkt: a slice into packet data, invalidated when the packet may move.</summary>
    public static bool IsPacketSlice(in RegState r) =>
        r.Type == RegType.PtrToMem && (r.Flags & (RegFlags.DynptrSkb | RegFlags.DynptrXdp | RegFlags.DynptrSkbMeta)) != 0;
}
