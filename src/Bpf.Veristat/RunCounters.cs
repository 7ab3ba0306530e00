namespace Bpf.Veristat;

/// <summary>
/// The file/program counts printed on veristat's closing <c>Done.</c> line. They stay zero in
/// replay mode.
/// </summary>
public readonly record struct RunCounters(int FilesProcessed, int ProgsProcessed, int FilesSkipped, int ProgsSkipped);
