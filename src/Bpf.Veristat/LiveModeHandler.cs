namespace Bpf.Veristat;

/// <summary>
/// Verifies the object files of <paramref name="options"/> (live mode) and returns veristat's
/// exit code. It is expected to honour <see cref="FilterSet.ShouldProcess"/>, print
/// <see cref="LiveMessages"/> as veristat does, and finish with
/// <see cref="Veristat.Render(IReadOnlyList{StatRow}, VeristatOptions, RunCounters, TextWriter)"/>.
/// </summary>
public delegate int LiveModeHandler(VeristatOptions options, TextWriter stdout, TextWriter stderr);
