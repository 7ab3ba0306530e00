namespace Bpf.Cli;

public static class Program
{
    public static int Main(string[] args) => CommandDispatcher.Run(args, Console.Out, Console.Error);
}
