namespace Bpf.Veristat;

/// <summary>The Linux errno values veristat's messages and exit codes expose.</summary>
internal static class Errno
{
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int E2BIG = 7;
    public const int EACCES = 13;
    public const int EISDIR = 21;
    public const int EINVAL = 22;
    public const int ERANGE = 34;
}
