namespace Bpf.TestLoader.Tests;

internal static class TestData
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Data", name);
}
