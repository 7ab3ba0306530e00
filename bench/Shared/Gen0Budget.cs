using System.Diagnostics;

/// <summary>
/// The 64 MiB smallest gen0 budget bpfv's native build carries (src/Bpf.Cli/Bpf.Cli.csproj) is a GC setting the
/// JIT runtime takes only from the environment. The bench tools run themselves again with it set, so their
/// durations are not pauses of a cache-sized gen0.
/// </summary>
internal static class Gen0Budget
{
    private const string Variable = "DOTNET_GCgen0size";

    /// <summary>Null when the budget is set already (go on); otherwise the exit code of the run with it.</summary>
    public static int? RunAgainWithBudget()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not null || Environment.ProcessPath is not string host)
            return null;
        var psi = new ProcessStartInfo(host) { UseShellExecute = false };
        var argv = Environment.GetCommandLineArgs();
        // Under `dotnet x.dll` the host is dotnet and argv[0] the assembly; under the apphost argv[0] is its dll.
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            psi.ArgumentList.Add(argv[0]);
        for (int i = 1; i < argv.Length; i++)
            psi.ArgumentList.Add(argv[i]);
        psi.Environment[Variable] = "4000000"; // hex: 64 MiB
        using var p = Process.Start(psi)!;
        p.WaitForExit();
        return p.ExitCode;
    }
}
