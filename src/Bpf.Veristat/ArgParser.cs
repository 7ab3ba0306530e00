namespace Bpf.Veristat;

/// <summary>
/// veristat's command line, parsed the way glibc's argp/getopt_long does it: clustered short
/// options, attached or separate arguments, unambiguous long option prefixes, <c>--opt=value</c>,
/// permuted operands and <c>--</c>. Arguments starting with <c>@</c> are operands or <c>-f</c>
/// filter files, never response files.
/// </summary>
public static class ArgParser
{
    /// <summary>argp's exit status for usage errors (EX_USAGE).</summary>
    public const int UsageExitCode = 64;

    private enum ArgKind
    {
        None,
        Required,
        Optional,
    }

    private const int KeyLogFixed = 1000;
    private const int KeyLogSize = 1001;
    private const int KeyUsage = -3;
    private const int KeyProgramName = -4;
    private const int KeyHang = -5;
    private const int KeyLiveness = 1002;
    private const int KeyJobs = 1003;

    private sealed record LongOpt(string Name, ArgKind Arg, int Key);

    // Order matters: getopt lists ambiguous candidates in table order.
    private static readonly LongOpt[] LongOpts =
    [
        new("version", ArgKind.None, 'V'),
        new("verbose", ArgKind.None, 'v'),
        new("debug", ArgKind.None, 'd'),
        new("log-level", ArgKind.Required, 'l'),
        new("log-fixed", ArgKind.None, KeyLogFixed),
        new("log-size", ArgKind.Required, KeyLogSize),
        new("top-n", ArgKind.Required, 'n'),
        new("quiet", ArgKind.None, 'q'),
        new("emit", ArgKind.Required, 'e'),
        new("sort", ArgKind.Required, 's'),
        new("output-format", ArgKind.Required, 'o'),
        new("compare", ArgKind.None, 'C'),
        new("replay", ArgKind.None, 'R'),
        new("filter", ArgKind.Required, 'f'),
        new("test-states", ArgKind.None, 't'),
        new("test-reg-invariants", ArgKind.None, 'r'),
        new("help", ArgKind.None, '?'),
        new("usage", ArgKind.None, KeyUsage),
        new("program-name", ArgKind.Required, KeyProgramName),
        new("HANG", ArgKind.Optional, KeyHang),
        // bpfv's own: which stack liveness analysis drives pruning (new = 6.18, legacy = 6.17, check = both).
        new("liveness", ArgKind.Required, KeyLiveness),
        // bpfv's own: programs verified at once (default: one per core; 1 times each program alone, as veristat).
        new("jobs", ArgKind.Required, KeyJobs),
    ];

    private const string ShortNoArg = "hVvdqCRtr?";
    private const string ShortWithArg = "lnesof";

    /// <summary>
    /// Parses <paramref name="args"/> (without the program name). <paramref name="argv0"/> is what
    /// getopt prefixes its errors with; its base name is argp's program name.
    /// </summary>
    public static ArgParseResult Parse(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr,
        string argv0 = "veristat", string? workingDirectory = null)
    {
        VeristatOptions options = new()
        {
            WorkingDirectory = workingDirectory,
            ProgramName = BaseName(argv0),
        };
        Session s = new(options, stdout, stderr, argv0);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            int? exit;
            if (arg == "--")
            {
                for (i++; i < args.Count; i++)
                    options.Files.Add(args[i]);
                break;
            }
            if (arg.StartsWith("--", StringComparison.Ordinal))
                exit = s.LongOption(arg[2..], args, ref i);
            else if (arg.Length > 1 && arg[0] == '-')
                exit = s.ShortOptions(arg, args, ref i);
            else
            {
                options.Files.Add(arg);
                exit = null;
            }
            if (exit is int code)
                return new ArgParseResult(null, code);
        }
        return new ArgParseResult(options, 0);
    }

    private static string BaseName(string path)
    {
        string trimmed = path.TrimEnd('/');
        int slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }

    /// <summary>Parser state of one command line.</summary>
    private sealed class Session(VeristatOptions options, TextWriter stdout, TextWriter stderr, string argv0)
    {
        public int? ShortOptions(string arg, IReadOnlyList<string> args, ref int index)
        {
            for (int p = 1; p < arg.Length; p++)
            {
                char c = arg[p];
                if (ShortWithArg.Contains(c))
                {
                    string value;
                    if (p + 1 < arg.Length)
                        value = arg[(p + 1)..];
                    else if (index + 1 < args.Count)
                        value = args[++index];
                    else
                        return UsageError($"{argv0}: option requires an argument -- '{c}'\n");
                    return Handle(c, value);
                }
                if (!ShortNoArg.Contains(c))
                    return UsageError($"{argv0}: invalid option -- '{c}'\n");
                int? exit = Handle(c, null);
                if (exit != null)
                    return exit;
            }
            return null;
        }

        public int? LongOption(string text, IReadOnlyList<string> args, ref int index)
        {
            int eq = text.IndexOf('=');
            string name = eq < 0 ? text : text[..eq];
            LongOpt? found = null;
            List<LongOpt> candidates = [];
            foreach (LongOpt opt in LongOpts)
            {
                if (opt.Name == name)
                {
                    found = opt;
                    break;
                }
                if (opt.Name.StartsWith(name, StringComparison.Ordinal))
                    candidates.Add(opt);
            }
            if (found == null)
            {
                if (candidates.Count > 1)
                {
                    string list = string.Concat(candidates.Select(o => $" '--{o.Name}'"));
                    return UsageError($"{argv0}: option '--{text}' is ambiguous; possibilities:{list}\n");
                }
                if (candidates.Count == 0)
                    return UsageError($"{argv0}: unrecognized option '--{text}'\n");
                found = candidates[0];
            }

            string? value = null;
            if (eq >= 0)
            {
                if (found.Arg == ArgKind.None)
                    return UsageError($"{argv0}: option '--{found.Name}' doesn't allow an argument\n");
                value = text[(eq + 1)..];
            }
            else if (found.Arg == ArgKind.Required)
            {
                if (index + 1 >= args.Count)
                    return UsageError($"{argv0}: option '--{found.Name}' requires an argument\n");
                value = args[++index];
            }
            return Handle(found.Key, value);
        }

        /// <summary>veristat's <c>parse_arg</c> plus argp's own options.</summary>
        private int? Handle(int key, string? arg)
        {
            switch (key)
            {
                case 'h':
                    stderr.Write(UsageText.For(UsageText.Help, options.ProgramName));
                    return 0;
                case '?':
                    stdout.Write(UsageText.For(UsageText.Help, options.ProgramName));
                    return 0;
                case KeyUsage:
                    stdout.Write(UsageText.For(UsageText.Usage, options.ProgramName));
                    return 0;
                case KeyProgramName:
                    options.ProgramName = arg!;
                    return null;
                case KeyHang:
                    return null;
                case 'V':
                    options.ShowVersion = true;
                    return null;
                case 'v':
                    options.Verbose = true;
                    return null;
                case 'd':
                    options.Debug = true;
                    options.Verbose = true;
                    return null;
                case 'q':
                    options.Quiet = true;
                    return null;
                case 'e':
                    return Failed(options.EmitSpec.Append(arg!, stderr));
                case 's':
                    return Failed(options.SortSpec.Append(arg!, stderr));
                case 'o':
                    if (arg == "table")
                        options.OutputFormat = OutputFormat.Table;
                    else if (arg == "csv")
                        options.OutputFormat = OutputFormat.Csv;
                    else
                    {
                        stderr.Write($"Unrecognized output format '{arg}'\n");
                        return 1;
                    }
                    return null;
                case 'l':
                    return ParseInt(arg!, "invalid log level", v => options.LogLevel = v);
                case KeyLogFixed:
                    options.LogFixed = true;
                    return null;
                case KeyLogSize:
                    return ParseInt(arg!, "invalid log size", v => options.LogSize = v);
                case 't':
                    options.ForceCheckpoints = true;
                    return null;
                case KeyLiveness:
                    if (arg is not ("new" or "legacy" or "check"))
                    {
                        stderr.Write($"Unrecognized liveness mode '{arg}' (new, legacy, check)\n");
                        return 1;
                    }
                    options.Liveness = arg;
                    return null;
                case KeyJobs:
                    return ParseInt(arg!, "invalid number of jobs", v => options.Jobs = v);
                case 'r':
                    options.ForceRegInvariants = true;
                    return null;
                case 'n':
                    return ParseInt(arg!, "invalid top N specifier", v => options.TopN = v);
                case 'C':
                    options.CompareMode = true;
                    return null;
                case 'R':
                    options.ReplayMode = true;
                    return null;
                default:
                    return Failed(options.Filters.AddArgument(arg!, stderr, options.WorkingDirectory));
            }
        }

        // A parse_arg error makes argp_parse fail, and veristat's main then returns 1.
        private static int? Failed(int err) => err != 0 ? 1 : null;

        // strtol into an int: junk reads as 0 (no errno), only overflow is an error, and the
        // long is truncated to int like the C assignment.
        private int? ParseInt(string text, string what, Action<int> set)
        {
            int end = CNumbers.Strtol(text, 0, out long value, out bool overflow);
            if (overflow)
            {
                stderr.Write($"{what}: {text}\n");
                stderr.Write($"Usage: {options.ProgramName} [OPTION...]\n");
                return UsageError("");
            }
            set(end < 0 ? 0 : unchecked((int)value));
            return null;
        }

        private int UsageError(string message)
        {
            stderr.Write(message);
            stderr.Write($"Try `{options.ProgramName} --help' or `{options.ProgramName} --usage' for more information.\n");
            return UsageExitCode;
        }
    }
}
