using Bpf.Object;

namespace Bpf.Verifier.Log;

/// <summary>verbose_linfo: prints "; source @ file:line" when the covering line_info record changes.</summary>
public sealed class LineInfoCursor
{
    private readonly IReadOnlyList<LineInfo> _infos;
    private int _prev = -1;

    public LineInfoCursor(IReadOnlyList<LineInfo> infos) => _infos = infos;

    /// <summary>Index of the rightmost record with InsnIndex &lt;= insn, or -1.</summary>
    public int Find(int insn)
    {
        if (_infos.Count == 0 || _infos[0].InsnIndex > insn)
            return -1;
        int l = 0, r = _infos.Count - 1;
        while (l < r)
        {
            int m = l + (r - l + 1) / 2;
            if (_infos[m].InsnIndex <= insn)
                l = m;
            else
                r = m - 1;
        }
        return l;
    }

    public void Print(VerifierLog log, int insn, string prefix)
    {
        if (!log.Enabled)
            return;
        int i = Find(insn);
        if (i < 0 || i == _prev)
            return;
        var li = _infos[i];
        if (_prev >= 0)
        {
            var p = _infos[_prev];
            if (p.FileName == li.FileName && p.Line == li.Line)
                return;
        }
        string file = li.FileName;
        int slash = file.LastIndexOf('/');
        if (slash >= 0)
            file = file[(slash + 1)..];
        log.Write(prefix);
        log.Write(li.LineText.TrimStart(' ', '\t', '\n', '\r', '\v', '\f'));
        log.Write($" @ {file}:{li.Line}\n");
        _prev = i;
    }
}
