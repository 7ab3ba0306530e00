namespace Bpf.Veristat;

/// <summary>
/// argp's help and usage texts for veristat's option table, as glibc formats them for the
/// program name "veristat". argp puts another name only after "Usage:" (the doc text keeps
/// "veristat"); it would also re-wrap the usage lines, which only matters for long names.
/// </summary>
internal static class UsageText
{
    /// <summary><c>--help</c>, <c>-?</c> (stdout) and <c>-h</c> (stderr).</summary>
    public const string Help = """
Usage: veristat [OPTION...]
veristat    BPF verifier stats collection and comparison tool.

USAGE: veristat <obj-file> [<obj-file>...]
   OR: veristat -C <baseline.csv> <comparison.csv>
   OR: veristat -R <results.csv>

  -C, --compare              Comparison mode
  -d, --debug                Debug mode (turns on libbpf debug logging)
  -e, --emit=SPEC            Specify stats to be emitted
  -f, --filter=FILTER        Filter expressions (or @filename for file with
                             expressions).
      --log-fixed            Disable verifier log rotation
      --log-size=BYTES       Customize verifier log size (default to 16MB)
  -l, --log-level=LEVEL      Verifier log level (default 0 for normal mode, 1
                             for verbose mode)
  -n, --top-n=N              Emit only up to first N results.
  -o, --output-format=FMT    Result output format (table, csv), default is
                             table.
  -q, --quiet                Quiet mode
  -r, --test-reg-invariants  Force BPF verifier failure on register invariant
                             violation (BPF_F_TEST_REG_INVARIANTS program
                             flag)
  -R, --replay               Replay mode
  -s, --sort=SPEC            Specify sort order
  -t, --test-states          Force frequent BPF verifier state checkpointing
                             (set BPF_F_TEST_STATE_FREQ program flag)
  -v, --verbose              Verbose mode
  -?, --help                 Give this help list
      --usage                Give a short usage message
      --version              Print program version
  -V, --version              Print version

Mandatory or optional arguments to long options are also mandatory or optional
for any corresponding short options.

Report bugs to <bpf@vger.kernel.org>.
""" + "\n";

    /// <summary><c>--usage</c>: argp's usage with its own help/usage/version options.</summary>
    public const string Usage = """
Usage: veristat [-CdqrRtv?V] [-e SPEC] [-f FILTER] [-l LEVEL] [-n N] [-o FMT]
            [-s SPEC] [--compare] [--debug] [--emit=SPEC] [--filter=FILTER]
            [--log-fixed] [--log-size=BYTES] [--log-level=LEVEL] [--top-n=N]
            [--output-format=FMT] [--quiet] [--test-reg-invariants] [--replay]
            [--sort=SPEC] [--test-states] [--verbose] [--help] [--usage]
            [--version] [--version]
""" + "\n";

    /// <summary>What veristat prints with <c>argp_help(ARGP_HELP_USAGE)</c> after its own errors.</summary>
    public const string ShortUsage = """
Usage: veristat [-CdqrRtvV] [-e SPEC] [-f FILTER] [-l LEVEL] [-n N] [-o FMT]
            [-s SPEC] [--compare] [--debug] [--emit=SPEC] [--filter=FILTER]
            [--log-fixed] [--log-size=BYTES] [--log-level=LEVEL] [--top-n=N]
            [--output-format=FMT] [--quiet] [--test-reg-invariants] [--replay]
            [--sort=SPEC] [--test-states] [--verbose] [--version]
""" + "\n";

    public static string For(string text, string programName) =>
        "Usage: " + programName + text["Usage: veristat".Length..];
}
