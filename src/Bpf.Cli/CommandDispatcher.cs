using Bpf.Btf;
using Bpf.Object;

namespace Bpf.Cli;

/// <summary>Parses <c>bpfv [global options] COMMAND [args]</c> and runs the command; no stack trace ever reaches the user.</summary>
public static class CommandDispatcher
{
    public static int Run(string[] argv, TextWriter stdout, TextWriter stderr)
    {
        var args = new List<string>(argv);
        string? err = GlobalOptions.Extract(args, out var options);
        if (err != null)
            return Usage(stderr, err);
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintHelp(stdout);
            return args.Count == 0 ? ExitCodes.BadInput : ExitCodes.Ok;
        }
        var command = CommandRegistry.Find(args[0]);
        if (command == null)
            return Usage(stderr, $"unknown command '{args[0]}'");
        var rest = args.GetRange(1, args.Count - 1);
        if (rest.Contains("-h") || rest.Contains("--help"))
        {
            stdout.WriteLine(command.Usage);
            return ExitCodes.Ok;
        }
        var context = new CommandContext { Out = stdout, Error = stderr, Options = options };
        try
        {
            return command.Run(context, rest);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or BtfException or ObjectFormatException)
        {
            stderr.WriteLine($"bpfv: {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    private static int Usage(TextWriter stderr, string message)
    {
        stderr.WriteLine($"bpfv: {message}");
        stderr.WriteLine("Try 'bpfv --help'.");
        return ExitCodes.BadInput;
    }

    private static void PrintHelp(TextWriter w)
    {
        w.WriteLine("Usage: bpfv [--prog-type TYPE] [--prog-types FILE] [--btf FILE] COMMAND [ARGS]");
        w.WriteLine();
        w.WriteLine("Commands:");
        foreach (var c in CommandRegistry.All)
            w.WriteLine($"  {c.Name,-10} {c.Summary}");
        w.WriteLine();
        w.WriteLine("Global options:");
        w.WriteLine("  --prog-type TYPE   program type for every program (sched_cls, xdp, kprobe, ...)");
        w.WriteLine("  --prog-types FILE  CSV file_name,prog_name,prog_type[,expected_attach_type] per program");
        w.WriteLine("  --btf FILE         target kernel BTF (raw or .gz; default: the bundled Linux 6.18 BTF)");
    }
}
