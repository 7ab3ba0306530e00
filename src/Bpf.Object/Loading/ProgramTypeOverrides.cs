namespace Bpf.Object;

/// <summary>
/// Program types from a CSV (<c>file_name,prog_name,prog_type,expected_attach_type</c>, more columns ignored),
/// as ebpf-samples' program-types.csv. A row applies when the object path ends with file_name at a '/' boundary.
/// </summary>
public sealed class ProgramTypeOverrides
{
    private readonly Dictionary<string, List<Row>> _byProgram = new(StringComparer.Ordinal);

    private readonly record struct Row(string FileName, ProgramType Type, AttachType? Attach);

    public int Count { get; private set; }

    public static ProgramTypeOverrides Load(string path) => Parse(File.ReadAllLines(path), path);

    public static ProgramTypeOverrides Parse(IEnumerable<string> lines, string source = "prog-types")
    {
        var result = new ProgramTypeOverrides();
        int fileCol = 0, progCol = 1, typeCol = 2, attachCol = 3;
        int lineNo = 0;
        foreach (string line in lines)
        {
            lineNo++;
            if (line.Length == 0 || line[0] == '#')
                continue;
            var cols = SplitCsv(line);
            if (lineNo == 1 && cols.Contains("file_name"))
            {
                fileCol = cols.IndexOf("file_name");
                progCol = cols.IndexOf("prog_name");
                typeCol = cols.IndexOf("prog_type");
                attachCol = cols.IndexOf("expected_attach_type");
                if (progCol < 0 || typeCol < 0)
                    throw new FormatException($"{source}: header needs file_name, prog_name and prog_type columns");
                continue;
            }
            if (cols.Count <= Math.Max(fileCol, Math.Max(progCol, typeCol)))
                throw new FormatException($"{source}:{lineNo}: expected file_name,prog_name,prog_type[,expected_attach_type]");
            if (cols[typeCol].Length == 0 || cols[progCol].Length == 0)
                continue; // no type chosen for this row (e.g. an unreadable object)
            if (!TypeNames.TryParseProgramType(cols[typeCol], out var type))
                throw new FormatException($"{source}:{lineNo}: unknown program type '{cols[typeCol]}'");
            AttachType? attach = null;
            if (attachCol >= 0 && attachCol < cols.Count && cols[attachCol].Length > 0)
            {
                if (!TypeNames.TryParseAttachType(cols[attachCol], out var a))
                    throw new FormatException($"{source}:{lineNo}: unknown attach type '{cols[attachCol]}'");
                attach = a;
            }
            result.Add(cols[fileCol], cols[progCol], type, attach);
        }
        return result;
    }

    public void Add(string fileName, string progName, ProgramType type, AttachType? attach)
    {
        if (!_byProgram.TryGetValue(progName, out var rows))
            _byProgram[progName] = rows = [];
        rows.Add(new Row(fileName, type, attach));
        Count++;
    }

    /// <summary>Whether some row names the object at <paramref name="objectPath"/>.</summary>
    public bool CoversObject(string objectPath)
    {
        string path = objectPath.Replace('\\', '/');
        foreach (var rows in _byProgram.Values)
        {
            foreach (var row in rows)
            {
                if (PathEndsWith(path, row.FileName))
                    return true;
            }
        }
        return false;
    }

    /// <summary>The override for a program of the object at <paramref name="objectPath"/>; the longest matching file_name wins.</summary>
    public bool TryGet(string objectPath, string progName, out ProgramType type, out AttachType? attach)
    {
        type = ProgramType.Unspec;
        attach = null;
        if (!_byProgram.TryGetValue(progName, out var rows))
            return false;
        string path = objectPath.Replace('\\', '/');
        int best = -1;
        foreach (var row in rows)
        {
            if (!PathEndsWith(path, row.FileName) || row.FileName.Length <= best)
                continue;
            best = row.FileName.Length;
            type = row.Type;
            attach = row.Attach;
        }
        return best >= 0;
    }

    private static bool PathEndsWith(string path, string fileName)
    {
        if (!path.EndsWith(fileName, StringComparison.Ordinal))
            return false;
        int start = path.Length - fileName.Length;
        return start == 0 || path[start - 1] == '/';
    }

    /// <summary>Minimal CSV split: commas, double-quoted fields with doubled quotes.</summary>
    internal static List<string> SplitCsv(string line)
    {
        var cols = new List<string>();
        var sb = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    sb.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    sb.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                cols.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(ch);
            }
        }
        cols.Add(sb.ToString().TrimEnd('\r'));
        return cols;
    }
}
