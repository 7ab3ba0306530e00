using System.Text;

namespace Bpf.Veristat;

/// <summary>
/// Reads a veristat CSV (<c>-o csv</c> output) the way veristat's <c>parse_stats_csv</c> does:
/// 4095-byte <c>fgets</c> lines, <c>strtok</c> on <c>,</c> and newline (so empty fields vanish),
/// the header parsed as a stat spec, name filters applied per row.
/// </summary>
public static class CsvStatsReader
{
    private const int FgetsChunk = 4095;

    /// <summary>
    /// Parses <paramref name="path"/>. Returns 0 or a negative errno after writing veristat's
    /// message; <paramref name="errno"/> carries C's sticky <c>errno</c> between calls (an
    /// overflowing number sets it to ERANGE, and a later malformed number then fails with it).
    /// </summary>
    public static int Read(string path, string? workingDirectory, FilterSet filters, TextWriter stderr,
        ref int errno, out StatSpec header, out List<StatRow> rows)
    {
        header = new StatSpec();
        rows = [];
        int err = InputFiles.TryRead(path, workingDirectory, out byte[] content);
        if (err == -Errno.EISDIR)
        {
            stderr.Write($"Failed I/O for '{path}': {err}\n");
            return err;
        }
        if (err != 0)
        {
            stderr.Write($"Failed to open '{path}': {err}\n");
            return err;
        }

        bool isHeader = true;
        int rowCount = 0;
        foreach (List<string> fields in Lines(content))
        {
            if (isHeader)
            {
                foreach (string field in fields)
                {
                    err = header.AppendOne(field, stderr);
                    if (err != 0)
                        return err;
                }
                isHeader = false;
                continue;
            }

            rowCount++;
            RowBuilder row = new();
            for (int col = 0; col < fields.Count; col++)
            {
                if (col >= header.Count)
                {
                    stderr.Write($"Found extraneous column #{col} in row #{rowCount} of '{path}'\n");
                    return -Errno.EINVAL;
                }
                err = row.Set(header[col].Id, fields[col], stderr, ref errno);
                if (err != 0)
                    return err;
            }
            if (fields.Count < header.Count)
            {
                stderr.Write($"Not enough columns in row #{rowCount} in '{path}'\n");
                return -Errno.EINVAL;
            }
            if (row.FileName == null || row.ProgName == null)
            {
                stderr.Write($"Row #{rowCount} in '{path}' is missing file and/or program name\n");
                return -Errno.EINVAL;
            }
            if (filters.ShouldProcess(row.FileName, row.ProgName))
                rows.Add(row.Build());
            else
                rowCount--;
        }
        return 0;
    }

    /// <summary>Splits content into fgets-sized lines, each into strtok fields.</summary>
    private static IEnumerable<List<string>> Lines(byte[] content)
    {
        int pos = 0;
        while (pos < content.Length)
        {
            int end = pos;
            while (end < content.Length && end - pos < FgetsChunk)
            {
                if (content[end++] == '\n')
                    break;
            }
            yield return Fields(content, pos, end);
            pos = end;
        }
    }

    private static List<string> Fields(byte[] content, int start, int end)
    {
        // A NUL byte ends the C string fgets produced.
        int nul = Array.IndexOf(content, (byte)0, start, end - start);
        if (nul >= 0)
            end = nul;
        List<string> fields = [];
        int i = start;
        while (i < end)
        {
            while (i < end && IsDelimiter(content[i]))
                i++;
            int fieldStart = i;
            while (i < end && !IsDelimiter(content[i]))
                i++;
            if (i > fieldStart)
                fields.Add(Encoding.UTF8.GetString(content, fieldStart, i - fieldStart));
        }
        return fields;
    }

    private static bool IsDelimiter(byte b) => b == ',' || b == '\n';

    /// <summary>A row being parsed: names may still be missing.</summary>
    private sealed class RowBuilder
    {
        private readonly long[] _values = new long[StatCatalog.NumericCount];

        public string? FileName { get; private set; }

        public string? ProgName { get; private set; }

        public int Set(StatId id, string text, TextWriter stderr, ref int errno)
        {
            switch (id)
            {
                case StatId.FileName:
                    FileName = text;
                    return 0;
                case StatId.ProgName:
                    ProgName = text;
                    return 0;
                case StatId.Verdict:
                    if (text == "success")
                        _values[(int)id] = 1;
                    else if (text == "failure")
                        _values[(int)id] = 0;
                    else
                    {
                        stderr.Write($"Unrecognized verification verdict '{text}'\n");
                        return -Errno.EINVAL;
                    }
                    return 0;
                default:
                    return SetNumber(id, text, stderr, ref errno);
            }
        }

        // sscanf("%ld %n") must consume the whole field; on failure veristat returns -errno,
        // which is 0 (silently keeping the zero value) unless an earlier overflow set ERANGE.
        private int SetNumber(StatId id, string text, TextWriter stderr, ref int errno)
        {
            int end = CNumbers.Strtol(text, 0, out long value, out bool overflow);
            if (overflow)
                errno = Errno.ERANGE;
            // glibc's sscanf clears errno when the input ends before the first conversion
            // (a blank field), as observed with the reference binary.
            if (end < 0 && text.All(CNumbers.IsSpace))
                errno = 0;
            if (end >= 0)
            {
                while (end < text.Length && CNumbers.IsSpace(text[end]))
                    end++;
            }
            if (end != text.Length)
            {
                stderr.Write($"Failed to parse '{text}' as integer\n");
                return -errno;
            }
            _values[(int)id] = value;
            return 0;
        }

        public StatRow Build()
        {
            StatRow row = new(FileName!, ProgName!);
            for (int i = 0; i < _values.Length; i++)
                row[(StatId)i] = _values[i];
            return row;
        }
    }
}
