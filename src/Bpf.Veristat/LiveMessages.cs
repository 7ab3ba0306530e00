namespace Bpf.Veristat;

/// <summary>
/// The progress lines veristat prints while verifying object files, and when it prints them.
/// All go to stdout except <see cref="FailedToOpen"/>.
/// </summary>
public static class LiveMessages
{
    /// <summary>Printed before opening each object unless quiet or CSV output.</summary>
    public static bool ShowProcessing(VeristatOptions options) => !options.Quiet && options.OutputFormat == OutputFormat.Table;

    /// <summary><c>Processing 'x.bpf.o'...</c> (base name).</summary>
    public static string Processing(string baseFileName) => $"Processing '{baseFileName}'...\n";

    /// <summary>Verbose only; <paramref name="path"/> as given on the command line.</summary>
    public static string SkippingDueToFilters(string path) => $"Skipping '{path}' due to filters...\n";

    /// <summary>Verbose only.</summary>
    public static string SkippingNotBpfObject(string path) => $"Skipping '{path}' as it's not a BPF object file...\n";

    /// <summary>stderr; the file then counts as skipped.</summary>
    public static string FailedToOpen(string path, int negativeErrno) => $"Failed to open '{path}': {negativeErrno}\n";

    /// <summary>Verbose only: the verifier log of one program.</summary>
    public static string VerboseProgram(string path, string progName, long durationUs, bool success, string log) =>
        $"PROCESSING {path}/{progName}, DURATION US: {durationUs}, VERDICT: {(success ? "success" : "failure")}, VERIFIER LOG:\n{log}\n";
}
