namespace Bpf.Veristat;

/// <summary><c>-o/--output-format</c>.</summary>
public enum OutputFormat
{
    Table,
    Csv,
}
