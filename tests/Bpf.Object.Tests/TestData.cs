namespace Bpf.Object.Tests;

internal static class TestData
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Data", name);

    /// <summary>Loads a committed test object with no host dependencies (no /proc/config.gz, embedded kernel BTF).</summary>
    public static ObjectSpec Load(string name, LoadOptions? options = null) =>
        ObjectLoader.Load(Path(name), (options ?? new LoadOptions()) with { KconfigPath = options?.KconfigPath ?? "/nonexistent" });

    public static ProgramSpec Prog(this ObjectSpec obj, string name)
    {
        foreach (var p in obj.Programs)
        {
            if (p.Name == name)
                return p;
        }
        throw new Xunit.Sdk.XunitException($"no program {name}");
    }
}
