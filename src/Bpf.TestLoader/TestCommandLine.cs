using System.Globalization;
using Bpf.Object;
using Bpf.TestLoader.Reporting;
using Bpf.TestLoader.Running;

namespace Bpf.TestLoader;

/// <summary>
/// <c>bpfv test OBJ|DIR... [-v] [-o tap|xunit] [-j N] [--all-programs] [--verifier-only] [--time-limit SEC]</c>:
/// the command's whole behaviour, kept here so the CLI adapter stays a few lines.
/// </summary>
public static class TestCommandLine
{
    public const string Usage =
        "Usage: bpfv test OBJ|DIR... [-v] [-o tap|xunit] [-j N] [--all-programs] [--verifier-only] [--time-limit SEC]\n" +
        "  Runs the selftest annotations (__success, __failure, __msg, __log_level, __flag ...) of each object\n" +
        "  against bpfv, as tools/testing/selftests/bpf/test_loader.c does against the kernel.\n" +
        "  -v               print descriptions, matched messages and the log tail of failures\n" +
        "  -o tap|xunit     output format (default tap)\n" +
        "  -j N             objects verified in parallel (default: processor count)\n" +
        "  --all-programs   also run untagged programs of annotated objects, expecting success (RUN_TESTS)\n" +
        "  --verifier-only  pass tests whose retval/xlated/jited checks need a kernel once the verifier part passes\n" +
        "  --time-limit SEC per-program verification limit (default 60)\n" +
        "Exit: 0 no failure, 1 a test failed, 2 bad arguments or an object that cannot be loaded.";

    public const int ExitOk = 0, ExitFailed = 1, ExitBadInput = 2;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, LoadOptions? load = null)
    {
        var inputs = new List<string>();
        bool verbose = false, xunit = false;
        int jobs = 0;
        var options = new TestRunOptions { Load = load };
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            switch (a)
            {
                case "-v" or "--verbose":
                    verbose = true;
                    break;
                case "-o" or "--output":
                    if (i + 1 >= args.Count || args[i + 1] is not ("tap" or "xunit"))
                        return Bad(stderr, "output format must be tap or xunit");
                    xunit = args[++i] == "xunit";
                    break;
                case "-j" or "--jobs":
                    if (i + 1 >= args.Count || !int.TryParse(args[++i], CultureInfo.InvariantCulture, out jobs) || jobs < 1)
                        return Bad(stderr, "-j needs a positive number");
                    break;
                case "--all-programs":
                    options = options with { IncludeUnannotated = true };
                    break;
                case "--verifier-only":
                    options = options with { VerifierOnly = true };
                    break;
                case "--time-limit":
                    if (i + 1 >= args.Count || !double.TryParse(args[++i], CultureInfo.InvariantCulture, out double sec) || sec <= 0)
                        return Bad(stderr, "--time-limit needs a positive number of seconds");
                    options = options with { TimeLimit = TimeSpan.FromSeconds(sec) };
                    break;
                default:
                    if (a.StartsWith('-') && a.Length > 1)
                        return Bad(stderr, $"unknown option '{a}'");
                    inputs.Add(a);
                    break;
            }
        }
        if (inputs.Count == 0)
            return Bad(stderr, "no object file given");
        var paths = Expand(inputs, stderr);
        if (paths == null)
            return ExitBadInput;

        TestTally tally;
        if (xunit)
        {
            var x = new XunitWriter();
            TestSuite.Run(paths, options, x.Add, jobs);
            x.Write(stdout);
            tally = x.Tally;
        }
        else
        {
            var tap = new TapWriter(stdout, verbose);
            TestSuite.Run(paths, options, tap.Write, jobs);
            tap.Finish();
            tally = tap.Tally;
        }
        return tally.Fail > 0 ? ExitFailed : tally.BadObjects > 0 ? ExitBadInput : ExitOk;
    }

    /// <summary>Files as given; directories become their <c>*.o</c> files in ordinal name order.</summary>
    private static List<string>? Expand(List<string> inputs, TextWriter stderr)
    {
        var paths = new List<string>();
        foreach (string input in inputs)
        {
            if (Directory.Exists(input))
            {
                var files = Directory.GetFiles(input, "*.o");
                Array.Sort(files, StringComparer.Ordinal);
                paths.AddRange(files);
            }
            else if (File.Exists(input))
            {
                paths.Add(input);
            }
            else
            {
                stderr.WriteLine($"bpfv: {input}: No such file");
                return null;
            }
        }
        return paths;
    }

    private static int Bad(TextWriter stderr, string message)
    {
        stderr.WriteLine($"bpfv: test: {message}");
        return ExitBadInput;
    }
}
