using Bpf.TestLoader;

namespace Bpf.Cli.Commands;

/// <summary>
/// <c>bpfv test OBJ|DIR... [-v] [-o tap|xunit]</c>: runs the selftest annotations of each object against bpfv,
/// as the kernel's test_loader does (the behaviour lives in Bpf.TestLoader).
/// </summary>
public sealed class TestCommand : ICommand
{
    public string Name => "test";
    public string Summary => "run selftest annotations (__success, __failure, __msg ...) against bpfv, as test_loader does";
    public string Usage => TestCommandLine.Usage;

    public int Run(CommandContext context, IReadOnlyList<string> args) =>
        TestCommandLine.Run(args, context.Out, context.Error, context.Options.LoadOptions());
}
