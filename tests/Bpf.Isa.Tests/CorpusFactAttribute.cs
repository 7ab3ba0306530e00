namespace Bpf.Isa.Tests;

/// <summary>A fact that needs the shared corpus (and any other listed paths); skipped, with the reason shown, when absent.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public const string Root = "/work/shared/corpus";

    public CorpusFactAttribute(params string[] alsoNeeded)
    {
        foreach (string path in (string[])[Root, .. alsoNeeded])
        {
            if (!Directory.Exists(path))
            {
                Skip = $"{path} not present";
                return;
            }
        }
    }
}
