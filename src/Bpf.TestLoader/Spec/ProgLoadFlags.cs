namespace Bpf.TestLoader.Spec;

/// <summary>BPF_PROG_LOAD prog_flags bits that <c>__flag(...)</c> names (include/uapi/linux/bpf.h).</summary>
public static class ProgLoadFlags
{
    public const int StrictAlignment = 1 << 0;
    public const int AnyAlignment = 1 << 1;
    public const int TestRndHi32 = 1 << 2;
    public const int TestStateFreq = 1 << 3;
    public const int Sleepable = 1 << 4;
    public const int XdpHasFrags = 1 << 5;
    public const int XdpDevBoundOnly = 1 << 6;
    public const int TestRegInvariants = 1 << 7;

    /// <summary>What test_progs' testing_prog_flags() adds to every load on a kernel that knows both flags (6.18 does).</summary>
    public const int TestingDefaults = TestRndHi32 | TestRegInvariants;

    private static readonly (string Name, int Bit)[] Names =
    [
        ("BPF_F_STRICT_ALIGNMENT", StrictAlignment),
        ("BPF_F_ANY_ALIGNMENT", AnyAlignment),
        ("BPF_F_TEST_RND_HI32", TestRndHi32),
        ("BPF_F_TEST_STATE_FREQ", TestStateFreq),
        ("BPF_F_SLEEPABLE", Sleepable),
        ("BPF_F_XDP_HAS_FRAGS", XdpHasFrags),
        ("BPF_F_XDP_DEV_BOUND_ONLY", XdpDevBoundOnly),
        ("BPF_F_TEST_REG_INVARIANTS", TestRegInvariants),
    ];

    /// <summary>The bit of a flag name test_loader recognises (it knows all but XDP_DEV_BOUND_ONLY by name).</summary>
    public static int? Parse(string name)
    {
        foreach (var (n, bit) in Names)
        {
            if (n == name && bit != XdpDevBoundOnly)
                return bit;
        }
        return null;
    }

    /// <summary>Names of the set bits (unknown bits as hex).</summary>
    public static string Describe(int flags)
    {
        var parts = new List<string>();
        foreach (var (n, bit) in Names)
        {
            if ((flags & bit) != 0)
                parts.Add(n);
        }
        int rest = flags & ~Names.Aggregate(0, (acc, x) => acc | x.Bit);
        if (rest != 0)
            parts.Add($"0x{rest:x}");
        return string.Join('|', parts);
    }
}
