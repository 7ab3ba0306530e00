namespace Bpf.Veristat;

/// <summary>
/// The stats veristat knows, in veristat's own order: the seven numeric stats (verdict counts as
/// numeric: failure 0, success 1) come first, then the two key columns.
/// </summary>
public enum StatId
{
    Verdict,
    Duration,
    TotalInsns,
    TotalStates,
    PeakStates,
    MaxStatesPerInsn,
    MarkReadMaxLen,
    FileName,
    ProgName,
}
