namespace Bpf.Veristat;

/// <summary>Everything veristat's command line sets. Build one with <see cref="ArgParser"/>.</summary>
public sealed class VeristatOptions
{
    /// <summary>Object files (live mode) or CSV files (<c>-C</c>, <c>-R</c>), in command line order.</summary>
    public List<string> Files { get; } = [];

    public bool Verbose { get; set; }

    /// <summary><c>-d</c>; also turns on <see cref="Verbose"/>.</summary>
    public bool Debug { get; set; }

    public bool Quiet { get; set; }

    public bool ShowVersion { get; set; }

    /// <summary><c>-t</c>: BPF_F_TEST_STATE_FREQ.</summary>
    public bool ForceCheckpoints { get; set; }

    /// <summary><c>--jobs</c> (bpfv only): programs verified at once; 0 = one per core.</summary>
    public int Jobs { get; set; }
    /// <summary><c>--liveness</c> (bpfv only): the stack liveness analysis pruning relies on.</summary>
    public string Liveness { get; set; } = "new";

    /// <summary><c>-r</c>: BPF_F_TEST_REG_INVARIANTS.</summary>
    public bool ForceRegInvariants { get; set; }

    public bool CompareMode { get; set; }

    public bool ReplayMode { get; set; }

    public OutputFormat OutputFormat { get; set; }

    /// <summary><c>-n</c>; 0 means no limit, a negative value prints no rows at all.</summary>
    public int TopN { get; set; }

    /// <summary><c>-l</c> as given (see <see cref="EffectiveLogLevel"/>).</summary>
    public int LogLevel { get; set; }

    /// <summary><c>--log-size</c>; 0 means veristat's default of 16 MiB.</summary>
    public int LogSize { get; set; }

    public bool LogFixed { get; set; }

    /// <summary><c>-e</c> entries as given; empty means the format's default.</summary>
    public StatSpec EmitSpec { get; } = new();

    /// <summary><c>-s</c> entries as given; empty means file, then program.</summary>
    public StatSpec SortSpec { get; } = new();

    public FilterSet Filters { get; } = new();

    /// <summary>Base for relative CSV and filter file paths; null for the process directory.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Program name in argp's usage messages.</summary>
    public string ProgramName { get; set; } = "veristat";

    /// <summary>The <c>-V</c> line.</summary>
    public string VersionString { get; set; } = "veristat v<kernel>";

    /// <summary>The columns to print: <c>-e</c>, or the default of the output format.</summary>
    public StatSpec EffectiveEmitSpec =>
        EmitSpec.Count > 0 ? EmitSpec : (OutputFormat == OutputFormat.Csv ? StatSpec.DefaultCsv : StatSpec.DefaultTable);

    public StatSpec EffectiveSortSpec => SortSpec.Count > 0 ? SortSpec : StatSpec.DefaultSort;

    /// <summary>Verbose mode raises a zero log level to 1.</summary>
    public int EffectiveLogLevel => Verbose && LogLevel == 0 ? 1 : LogLevel;

    /// <summary>Verifier log buffer size veristat would use.</summary>
    public int EffectiveLogSize => LogSize != 0 ? LogSize : 16 * 1024 * 1024;
}
