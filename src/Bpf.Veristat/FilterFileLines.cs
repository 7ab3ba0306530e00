using System.Text;

namespace Bpf.Veristat;

/// <summary>
/// Splits a filter file like veristat's <c>fscanf(" %1023[^\n]\n")</c> loop: white space
/// (including blank lines) before a line is skipped, a line keeps its trailing blanks, and lines
/// longer than 1023 bytes are cut into several.
/// </summary>
internal static class FilterFileLines
{
    private const int MaxLine = 1023;

    public static IEnumerable<string> Split(byte[] content)
    {
        int i = 0;
        while (true)
        {
            while (i < content.Length && CNumbers.IsSpace((char)content[i]))
                i++;
            if (i >= content.Length)
                yield break;
            int start = i;
            while (i < content.Length && content[i] != '\n' && i - start < MaxLine)
                i++;
            yield return Encoding.UTF8.GetString(content, start, i - start);
        }
    }
}
