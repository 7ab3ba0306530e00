namespace Bpf.Veristat;

/// <summary>veristat's glob: literal characters and <c>*</c>, nothing else.</summary>
public static class Glob
{
    public static bool Matches(string text, string pattern) => Matches(text, 0, pattern, 0);

    private static bool Matches(string s, int si, string p, int pi)
    {
        while (si < s.Length && pi < p.Length && p[pi] != '*')
        {
            if (s[si] != p[pi])
                return false;
            si++;
            pi++;
        }
        if (pi < p.Length && p[pi] == '*')
        {
            while (pi < p.Length && p[pi] == '*')
                pi++;
            if (pi == p.Length)
                return true;
            while (si < s.Length)
            {
                if (Matches(s, si++, p, pi))
                    return true;
            }
        }
        return si == s.Length && pi == p.Length;
    }
}
