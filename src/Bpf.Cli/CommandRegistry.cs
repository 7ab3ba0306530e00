using Bpf.Cli.Commands;

namespace Bpf.Cli;

/// <summary>The sub-commands, in help order. Add a command by adding one line here.</summary>
public static class CommandRegistry
{
    public static readonly ICommand[] All =
    [
        new ListCommand(),
        new DisasmCommand(),
        new VerifyCommand(),
        new StatCommand(),
        new TestCommand(),
    ];

    public static ICommand? Find(string name)
    {
        foreach (var c in All)
        {
            if (c.Name == name)
                return c;
        }
        return null;
    }
}
