using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Platform;

/// <summary>
/// One field of a program type's context (the is_valid_access rules of net/core/filter.c as data).
/// Offsets [Start, End) of the field; DefaultSize is the field's natural size.
/// </summary>
public readonly record struct CtxField(
    int Start,
    int End,
    int DefaultSize,
    bool Readable,
    bool Writable,
    /// <summary>Any aligned size within the field is fine (cb[]), instead of narrow-read rules.</summary>
    bool AnySize = false,
    /// <summary>The register type a read produces (Scalar for plain fields).</summary>
    RegType Result = RegType.Scalar,
    RegFlags ResultFlags = RegFlags.None,
    /// <summary>Only full-width access (IP address fields, tstamp).</summary>
    bool Exact = false);

/// <summary>Context structure of a program type: size and accessible fields.</summary>
public sealed class ContextLayout
{
    public ContextLayout(string name, int size, CtxField[] fields)
    {
        Name = name;
        Size = size;
        Fields = fields;
    }

    public string Name { get; }
    public int Size { get; }
    public CtxField[] Fields { get; }

    /// <summary>
    /// Checks an access (the program type's is_valid_access); returns false when the kernel refuses it
    /// with "invalid bpf_context access".
    /// </summary>
    public bool TryAccess(int off, int size, bool write, out CtxField field)
    {
        field = default;
        if (off < 0 || off >= Size || off % size != 0)
            return false;
        foreach (var f in Fields)
        {
            if (off < f.Start || off >= f.End)
                continue;
            field = f;
            if (write ? !f.Writable : !f.Readable)
                return false;
            if (off + size > f.End)
                return false;
            if (f.Result != RegType.Scalar)
                return size == f.DefaultSize;
            if (f.Exact)
                return size == f.DefaultSize;
            if (f.AnySize)
                return true;
            if (write)
                return size == f.DefaultSize;
            // bpf_ctx_narrow_access_ok: a power-of-two read no wider than the field.
            return size <= f.DefaultSize;
        }
        return false;
    }

    private static CtxField R(int start, int end, int size = 4) => new(start, end, size, true, false);

    private static CtxField RW(int start, int end, int size = 4) => new(start, end, size, true, true);

    private static CtxField Ptr(int start, RegType t, RegFlags f = RegFlags.None, int size = 4) =>
        new(start, start + size, size, true, false, Result: t, ResultFlags: f);

    private static readonly CtxField SkbCb = new(48, 68, 4, true, true, AnySize: true);

    /// <summary>struct __sk_buff as a socket filter sees it (sk_filter_is_valid_access + bpf_skb_is_valid_access).</summary>
    public static readonly ContextLayout SkBuffSocketFilter = new("__sk_buff", 192,
    [
        R(0, 48), SkbCb, R(68, 72), R(84, 88), R(160 + 4, 168),
        Ptr(168, RegType.PtrToSockCommon, RegFlags.MaybeNull, 8), R(176, 180),
    ]);

    /// <summary>struct __sk_buff for tc classifiers/actions (tc_cls_act_is_valid_access).</summary>
    public static readonly ContextLayout SkBuffTc = new("__sk_buff", 192,
    [
        R(0, 8), RW(8, 16), R(16, 32), RW(32, 36), R(36, 44), RW(44, 48), SkbCb, R(68, 72), RW(72, 76),
        Ptr(76, RegType.PtrToPacket), Ptr(80, RegType.PtrToPacketEnd), R(84, 88),
        Ptr(140, RegType.PtrToPacketMeta), new(152, 160, 8, true, true, Exact: true), R(160, 168),
        Ptr(168, RegType.PtrToSockCommon, RegFlags.MaybeNull, 8), R(176, 180),
        new(180, 181, 1, true, false, Exact: true), new(184, 192, 8, true, false, Exact: true),
    ]);

    /// <summary>struct __sk_buff for cgroup/skb (cg_skb_is_valid_access): packet read access for CAP_BPF.</summary>
    public static readonly ContextLayout SkBuffCgroup = new("__sk_buff", 192,
    [
        R(0, 8), RW(8, 12), R(12, 32), RW(32, 36), R(36, 48), SkbCb, R(68, 72),
        Ptr(76, RegType.PtrToPacket), Ptr(80, RegType.PtrToPacketEnd), R(84, 88),
        R(88, 92), new(92, 100, 4, true, false, Exact: true), new(100, 132, 4, true, false, Exact: true), R(132, 140),
        new(152, 160, 8, true, true, Exact: true), R(164, 168),
        Ptr(168, RegType.PtrToSockCommon, RegFlags.MaybeNull, 8), R(176, 180), new(184, 192, 8, true, false, Exact: true),
    ]);

    /// <summary>struct xdp_md (xdp_is_valid_access): read-only; data pointers are packet pointers.</summary>
    public static readonly ContextLayout XdpMd = new("xdp_md", 24,
    [
        new(0, 4, 4, true, false, Result: RegType.PtrToPacket),
        new(4, 8, 4, true, false, Result: RegType.PtrToPacketEnd),
        new(8, 12, 4, true, false, Result: RegType.PtrToPacketMeta),
        new(12, 24, 4, true, false),
    ]);
}
