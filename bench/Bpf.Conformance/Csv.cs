namespace Bpf.Conformance;

/// <summary>Minimal CSV reading for the corpus files (no quoted commas occur in the key columns; quotes are honoured anyway).</summary>
public static class Csv
{
    public static IEnumerable<Dictionary<string, string>> ReadRows(string path)
    {
        using var reader = new StreamReader(path);
        string? header = reader.ReadLine();
        if (header is null)
            yield break;
        var names = Split(header);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0)
                continue;
            var cells = Split(line);
            var row = new Dictionary<string, string>(names.Count);
            for (int i = 0; i < names.Count; i++)
                row[names[i]] = i < cells.Count ? cells[i] : "";
            yield return row;
        }
    }

    public static List<string> Split(string line)
    {
        var cells = new List<string>();
        var cur = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cur.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cur.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cur.ToString());
                cur.Clear();
            }
            else
            {
                cur.Append(c);
            }
        }
        cells.Add(cur.ToString());
        return cells;
    }

    public static long Long(string s) => long.TryParse(s, out long v) ? v : 0;
}
