namespace Bpf.Veristat;

/// <summary>
/// Verifier stats of one program, as veristat keeps them: file and program name plus the seven
/// numeric stats (verdict stored as 1 for success, 0 for failure).
/// </summary>
public sealed class StatRow
{
    private readonly long[] _values = new long[StatCatalog.NumericCount];

    public StatRow(string fileName, string progName)
    {
        FileName = fileName;
        ProgName = progName;
    }

    /// <summary>Base name of the object file (veristat strips directories).</summary>
    public string FileName { get; }

    public string ProgName { get; }

    public bool Verdict
    {
        get => _values[(int)StatId.Verdict] != 0;
        set => _values[(int)StatId.Verdict] = value ? 1 : 0;
    }

    /// <summary>Verification time in microseconds.</summary>
    public long Duration { get => this[StatId.Duration]; set => this[StatId.Duration] = value; }

    public long TotalInsns { get => this[StatId.TotalInsns]; set => this[StatId.TotalInsns] = value; }

    public long TotalStates { get => this[StatId.TotalStates]; set => this[StatId.TotalStates] = value; }

    public long PeakStates { get => this[StatId.PeakStates]; set => this[StatId.PeakStates] = value; }

    public long MaxStatesPerInsn { get => this[StatId.MaxStatesPerInsn]; set => this[StatId.MaxStatesPerInsn] = value; }

    public long MaxMarkReadLen { get => this[StatId.MarkReadMaxLen]; set => this[StatId.MarkReadMaxLen] = value; }

    /// <summary>A numeric stat by id (verdict reads as 0/1).</summary>
    public long this[StatId id]
    {
        get => _values[NumericIndex(id)];
        set => _values[NumericIndex(id)] = value;
    }

    private static int NumericIndex(StatId id) =>
        StatCatalog.IsNumeric(id) ? (int)id : throw new ArgumentOutOfRangeException(nameof(id), id, "not a numeric stat");
}
