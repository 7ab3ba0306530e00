using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Platform;

/// <summary>Which access sizes a context field accepts (the size rules of the kernel's is_valid_access functions).</summary>
public enum CtxSize : byte
{
    /// <summary>The access is refused.</summary>
    None,
    /// <summary>bpf_ctx_narrow_access_ok: any power-of-two size up to the field's size.</summary>
    Narrow,
    /// <summary>Exactly the field's size.</summary>
    Exact,
    /// <summary>Any aligned size that stays inside [Start, End) (cb[], tracing buffers).</summary>
    Any,
}

/// <summary>
/// One field (or run of same-rule fields) of a context structure: offsets [Start, End), the size the rules refer
/// to, what reads and writes accept, and the register type a read produces.
/// </summary>
public readonly record struct CtxField(
    int Start,
    int End,
    int Size,
    CtxSize Read,
    CtxSize Write = CtxSize.None,
    RegType Result = RegType.Scalar,
    RegFlags ResultFlags = RegFlags.None,
    /// <summary>bpf_ctx_wide_access_ok: an 8-byte aligned access inside an array of u32 (IPv6 addresses).</summary>
    bool Wide = false,
    /// <summary>Smallest accepted size (sk_reuseport eth_protocol refuses 1-byte reads).</summary>
    int MinSize = 1,
    /// <summary>For a PTR_TO_BTF_ID result: the kernel struct it points to.</summary>
    string? BtfStruct = null,
    /// <summary>Accepted by is_valid_access, but the kernel's later ctx access conversion fails on it.</summary>
    bool Unconverted = false)
{
    public bool Accepts(int off, int size, bool write)
    {
        var rule = write ? Write : Read;
        if (rule == CtxSize.None || size < MinSize)
            return false;
        if (Wide && size == 8 && off % 8 == 0 && off + 8 <= End)
            return true;
        return rule switch
        {
            CtxSize.Narrow => size <= Size,
            CtxSize.Exact => size == Size,
            CtxSize.Any => off + size <= End,
            _ => false,
        };
    }

    /// <summary>Read-only field.</summary>
    public static CtxField R(int start, int end, int size = 4, CtxSize read = CtxSize.Narrow) => new(start, end, size, read);

    /// <summary>Readable (narrow) and writable with the full size: the default of the skb-like contexts.</summary>
    public static CtxField RW(int start, int end, int size = 4) => new(start, end, size, CtxSize.Narrow, CtxSize.Exact);

    /// <summary>Read-only field that must be read with its full size.</summary>
    public static CtxField X(int start, int end, int size = 4) => new(start, end, size, CtxSize.Exact);

    /// <summary>A pointer field: full-size reads only, producing a typed register.</summary>
    public static CtxField Ptr(int start, int size, RegType t, RegFlags f = RegFlags.None) =>
        new(start, start + size, size, CtxSize.Exact, Result: t, ResultFlags: f);
}
