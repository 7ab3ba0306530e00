namespace Bpf.Verifier.Platform;

/// <summary>
/// A context structure as one program type (and attach type) sees it: the uapi struct name, its size, and its
/// accessible fields. Offsets not covered by a field are refused, like the default case of is_valid_access.
/// Also used for the socket structures a program reads through sock pointers (bpf_sock, bpf_tcp_sock...).
/// </summary>
public sealed class ContextLayout
{
    public ContextLayout(string name, int size, CtxField[] fields)
    {
        Name = name;
        Size = size;
        Fields = fields;
    }

    /// <summary>The uapi struct name (also what global functions name as their ctx argument).</summary>
    public string Name { get; }
    public int Size { get; }
    public CtxField[] Fields { get; }

    /// <summary>
    /// The program type's is_valid_access: false when the kernel refuses the access ("invalid bpf_context access").
    /// Every kernel variant starts with the bounds and natural-alignment checks done here.
    /// </summary>
    public bool TryAccess(int off, int size, bool write, out CtxField field)
    {
        field = default;
        if (off < 0 || off >= Size || size <= 0 || off % size != 0)
            return false;
        foreach (var f in Fields)
        {
            if (off < f.Start || off >= f.End)
                continue;
            field = f;
            return f.Accepts(off, size, write);
        }
        return false;
    }
}
