namespace Bpf.Cli.Tests;

internal static class CliRunner
{
    public static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = CommandDispatcher.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
