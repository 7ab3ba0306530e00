namespace Bpf.Veristat.Tests;

/// <summary>One line of Data/cases.txt and its expected outputs in Data/golden/.</summary>
public sealed record GoldenCase(string Name, string[] Args)
{
    public static string DataDir => Path.Combine(AppContext.BaseDirectory, "Data");

    public static IReadOnlyList<GoldenCase> All { get; } = Load();

    private static List<GoldenCase> Load()
    {
        List<GoldenCase> cases = [];
        foreach (string line in File.ReadAllLines(Path.Combine(DataDir, "cases.txt")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            string[] parts = line.Split('\t', 2);
            string[] args = Array.ConvertAll(parts[1].Split(' '), a => a.Replace("\\s", " ", StringComparison.Ordinal));
            cases.Add(new GoldenCase(parts[0], args));
        }
        return cases;
    }

    public byte[] Expected(string ext) => File.ReadAllBytes(Path.Combine(DataDir, "golden", $"{Name}.{ext}"));

    public override string ToString() => Name;
}
