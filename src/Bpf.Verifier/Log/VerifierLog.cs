using System.Text;

namespace Bpf.Verifier.Log;

/// <summary>
/// The verifier log buffer (struct bpf_verifier_log): appends text, and can be rewound to an earlier
/// position (bpf_vlog_reset) the way level 1 drops the text of fully explored paths.
/// </summary>
public sealed class VerifierLog
{
    private readonly StringBuilder _sb = new();

    public VerifierLog(int level) => Level = level;

    /// <summary>Bit 0: level 1, bit 1: level 2, bit 2: stats (BPF_LOG_STATS).</summary>
    public int Level { get; }
    public bool Enabled => Level != 0;
    public bool Level1 => (Level & 1) != 0 || Level2;
    public bool Level2 => (Level & 2) != 0;
    /// <summary>BPF_LOG_STATS: the kernel prints `verification time` and `stack depth` only then (veristat always sets it).</summary>
    public bool Stats => (Level & 4) != 0;
    public int EndPos => _sb.Length;

    public void Write(string s)
    {
        if (Level != 0)
            _sb.Append(s);
    }

    public void Write(char c)
    {
        if (Level != 0)
            _sb.Append(c);
    }

    public void WriteLine(string s)
    {
        if (Level != 0)
            _sb.Append(s).Append('\n');
    }

    public void Reset(int pos)
    {
        if (pos < _sb.Length)
            _sb.Length = pos;
    }

    public StringBuilder Builder => _sb;

    public override string ToString() => _sb.ToString();
}
