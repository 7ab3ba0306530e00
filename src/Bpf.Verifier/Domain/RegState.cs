namespace Bpf.Verifier.Domain;

/// <summary>
/// Abstract value of one register or spilled stack slot (struct bpf_reg_state).
/// A plain struct: copying it is the clone.
/// </summary>
public struct RegState
{
    // Field order keeps the struct at 104 bytes (the 8-byte bounds first, the small fields last): it is copied
    // for every register and stack slot of every state copy.
    /// <summary>Scalar value, or variable part of a pointer offset.</summary>
    public ScalarBounds Bounds;
    /// <summary>Fixed part of a pointer offset.</summary>
    public int Off;
    /// <summary>Identity shared by copies (null checks, scalar ties, packet ranges).</summary>
    public uint Id;
    public uint RefObjId;
    /// <summary>Index into ObjectSpec.Maps for map pointers/values, -1 otherwise.</summary>
    public int MapIndex;
    /// <summary>PTR_TO_MEM size / packet pointer range.</summary>
    public int Aux;
    public uint BtfId;
    /// <summary>Dynptr slice: id of the dynptr it was taken from (reg->dynptr_id), for invalidation.</summary>
    public uint DynptrId;
    /// <summary>Instruction that last wrote the low 32 bits (for zero-extension tracking), 0 = none.</summary>
    public int SubregDef;
    public RegFlags Flags;
    public RegType Type;
    /// <summary>Call frame a PTR_TO_STACK points into.</summary>
    public byte FrameNo;
    /// <summary>Scalar marked precise by backtracking.</summary>
    public bool Precise;
    /// <summary>STACK_ITER slot: the iterator's state (its depth is kept in Aux, its BTF type in BtfId).</summary>
    public IterState IterState;

    public readonly bool IsScalar => Type == RegType.Scalar;
    public readonly bool IsPointer => Type is not (RegType.NotInit or RegType.Scalar);
    public readonly bool IsMaybeNull => (Flags & RegFlags.MaybeNull) != 0;
    public readonly bool IsConst => Type == RegType.Scalar && Bounds.VarOff.IsConst;
    public readonly ulong ConstValue => Bounds.VarOff.Value;
    public readonly bool IsPacketPtr => Type is RegType.PtrToPacket or RegType.PtrToPacketMeta;

    public static RegState NotInit => new() { Type = RegType.NotInit, MapIndex = -1, Bounds = ScalarBounds.Unknown };

    public static RegState UnknownScalar => new() { Type = RegType.Scalar, MapIndex = -1, Bounds = ScalarBounds.Unknown };

    public static RegState ConstScalar(ulong v) => new() { Type = RegType.Scalar, MapIndex = -1, Bounds = ScalarBounds.Const(v) };

    public static RegState Scalar(in ScalarBounds b) => new() { Type = RegType.Scalar, MapIndex = -1, Bounds = b };

    /// <summary>A pointer with a known-zero variable offset (mark_reg_known_zero on a pointer).</summary>
    public static RegState Pointer(RegType t, RegFlags f = RegFlags.None, int off = 0) =>
        new() { Type = t, Flags = f, Off = off, MapIndex = -1, Bounds = ScalarBounds.Const(0) };

    public static RegState FramePointer(int frame) =>
        new() { Type = RegType.PtrToStack, FrameNo = (byte)frame, MapIndex = -1, Bounds = ScalarBounds.Const(0) };
}

/// <summary>enum bpf_iter_state of an open-coded iterator's stack slot.</summary>
public enum IterState : byte
{
    Invalid = 0,
    Active = 1,
    Drained = 2,
}
