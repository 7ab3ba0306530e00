namespace Bpf.Verifier.Domain;

/// <summary>Base register types (enum bpf_reg_type without the flag bits).</summary>
public enum RegType : byte
{
    NotInit,
    Scalar,
    PtrToCtx,
    ConstPtrToMap,
    PtrToMapValue,
    PtrToMapKey,
    PtrToStack,
    PtrToPacketMeta,
    PtrToPacket,
    PtrToPacketEnd,
    PtrToFlowKeys,
    PtrToSocket,
    PtrToSockCommon,
    PtrToTcpSock,
    PtrToTpBuffer,
    PtrToXdpSock,
    PtrToBtfId,
    PtrToMem,
    PtrToArena,
    PtrToBuf,
    PtrToFunc,
    ConstPtrToDynptr,
}

/// <summary>Type flags (enum bpf_type_flag) that matter to the modelled part.</summary>
[Flags]
public enum RegFlags : ushort
{
    None = 0,
    MaybeNull = 1 << 0,
    MemRdonly = 1 << 1,
    MemUser = 1 << 2,
    MemPercpu = 1 << 3,
    MemAlloc = 1 << 4,
    PtrTrusted = 1 << 5,
    MemRcu = 1 << 6,
    PtrUntrusted = 1 << 7,
    NonOwnRef = 1 << 8,
    MemUninit = 1 << 9,
    /// <summary>MEM_RINGBUF: memory reserved by bpf_ringbuf_reserve.</summary>
    MemRingbuf = 1 << 10,
    /// <summary>DYNPTR_TYPE_*: the kind of dynptr a PTR_TO_MEM slice was taken from (not printed by reg_type_str).</summary>
    DynptrLocal = 1 << 11,
    DynptrRingbuf = 1 << 12,
    DynptrSkb = 1 << 13,
    DynptrXdp = 1 << 14,
    DynptrSkbMeta = 1 << 15,
}

/// <summary>Kernel names of register types, as reg_type_str prints them.</summary>
public static class RegTypeNames
{
    public static string BaseName(RegType t) => t switch
    {
        RegType.NotInit => "?",
        RegType.Scalar => "scalar",
        RegType.PtrToCtx => "ctx",
        RegType.ConstPtrToMap => "map_ptr",
        RegType.PtrToMapValue => "map_value",
        RegType.PtrToMapKey => "map_key",
        RegType.PtrToStack => "fp",
        RegType.PtrToPacketMeta => "pkt_meta",
        RegType.PtrToPacket => "pkt",
        RegType.PtrToPacketEnd => "pkt_end",
        RegType.PtrToFlowKeys => "flow_keys",
        RegType.PtrToSocket => "sock",
        RegType.PtrToSockCommon => "sock_common",
        RegType.PtrToTcpSock => "tcp_sock",
        RegType.PtrToTpBuffer => "tp_buffer",
        RegType.PtrToXdpSock => "xdp_sock",
        RegType.PtrToBtfId => "ptr_",
        RegType.PtrToMem => "mem",
        RegType.PtrToArena => "arena",
        RegType.PtrToBuf => "buf",
        RegType.PtrToFunc => "func",
        RegType.ConstPtrToDynptr => "dynptr_ptr",
        _ => "?",
    };

    /// <summary>reg_type_str: prefixes for flags and the <c>_or_null</c> suffix.</summary>
    public static string Name(RegType t, RegFlags f)
    {
        string prefix = "";
        if ((f & RegFlags.MemRdonly) != 0)
            prefix += "rdonly_";
        // MEM_ALLOC has no prefix (reg_type_str).
        if ((f & RegFlags.MemRingbuf) != 0)
            prefix += "ringbuf_";
        if ((f & RegFlags.MemUser) != 0)
            prefix += "user_";
        if ((f & RegFlags.MemPercpu) != 0)
            prefix += "percpu_";
        if ((f & RegFlags.MemRcu) != 0)
            prefix += "rcu_";
        if ((f & RegFlags.PtrUntrusted) != 0)
            prefix += "untrusted_";
        if ((f & RegFlags.PtrTrusted) != 0)
            prefix += "trusted_";
        string postfix = (f & RegFlags.MaybeNull) != 0
            ? (t == RegType.PtrToBtfId ? "or_null_" : "_or_null")
            : "";
        return prefix + BaseName(t) + postfix;
    }
}
