namespace Bpf.Object;

/// <summary>BPF_PROG_LOAD prog_flags bits set from section definitions.</summary>
public static class ProgFlags
{
    public const uint Sleepable = 1u << 4;     // BPF_F_SLEEPABLE
    public const uint XdpHasFrags = 1u << 5;   // BPF_F_XDP_HAS_FRAGS
}
