using Bpf.Btf;

namespace Bpf.Verifier.Platform;

/// <summary>
/// The struct_ops btf_struct_access callbacks: which kernel-struct fields a struct_ops program may write.
/// Each returns null when the write is allowed, else the line the kernel logs.
/// </summary>
public static class StructOpsWrites
{
    /// <summary>bpf_dummy_ops_btf_struct_access: only the test state struct, within its size.</summary>
    public static string? DummyOps(uint btfId, int off, int size)
    {
        uint state = KernelTypes.StructId("bpf_dummy_ops_state");
        if (btfId != state)
            return "only access to bpf_dummy_ops_state is supported";
        if (off + size > KernelTypes.Btf.RawSize(state))
            return $"write access at off {off} with size {size}";
        return null;
    }

    /// <summary>(struct, field path, whether any offset inside the field may start the write).</summary>
    private static readonly (string Struct, string Path, bool Range)[] TcpSockFields =
    [
        ("sock", "sk_pacing_rate", false),
        ("sock", "sk_pacing_status", false),
        ("inet_connection_sock", "icsk_ca_priv", true),
        ("inet_connection_sock", "icsk_ack.pending", false),
        ("tcp_sock", "snd_cwnd", false),
        ("tcp_sock", "snd_cwnd_cnt", false),
        ("tcp_sock", "snd_cwnd_stamp", false),
        ("tcp_sock", "snd_ssthresh", false),
        ("tcp_sock", "ecn_flags", false),
        ("tcp_sock", "app_limited", false),
    ];

    /// <summary>The byte ranges of <see cref="TcpSockFields"/> in the kernel's tcp_sock, computed once (member names are looked up by string).</summary>
    private static class TcpSockRanges
    {
        public static readonly (int Start, int End, bool Range)[] All = Build();

        private static (int, int, bool)[] Build()
        {
            var list = new List<(int, int, bool)>(TcpSockFields.Length);
            foreach (var (st, path, range) in TcpSockFields)
            {
                if (FieldRange(KernelTypes.StructId(st), path, out int start, out int end))
                    list.Add((start, end, range));
            }
            return list.ToArray();
        }
    }

    /// <summary>bpf_tcp_ca_btf_struct_access: a few tcp_sock fields (all these structs start tcp_sock).</summary>
    public static string? TcpCongestionOps(uint btfId, int off, int size)
    {
        if (btfId != KernelTypes.StructId("tcp_sock"))
            return "only read is supported";
        foreach (var (start, end, range) in TcpSockRanges.All)
        {
            bool hit = range ? off >= start && off < end : off == start;
            if (!hit)
                continue;
            if (off + size > end)
                return $"write access at off {off} with size {size} beyond the member of tcp_sock ended at {end}";
            return null;
        }
        return $"no write support to tcp_sock at off {off}";
    }

    /// <summary>
    /// nf_conntrack_btf_struct_access (tc and XDP programs, nf_conntrack loaded): only <c>nf_conn-&gt;mark</c>
    /// of a <c>nf_conn</c> or <c>nf_conn___init</c>.
    /// </summary>
    public static string? NfConn(uint btfId, int off, int size)
    {
        if (btfId != KernelTypes.StructId("nf_conn") && btfId != KernelTypes.StructId("nf_conn___init"))
            return "only read is supported";
        if (!FieldRange(KernelTypes.StructId("nf_conn"), "mark", out int start, out int end) || off != start)
            return $"no write support to nf_conn at off {off}";
        if (off + size > end)
            return $"write access at off {off} with size {size} beyond the member of nf_conn ended at {end}";
        return null;
    }

    /// <summary>Byte range of a (dotted) member path inside a struct.</summary>
    private static bool FieldRange(uint structId, string path, out int start, out int end)
    {
        var btf = KernelTypes.Btf;
        start = end = 0;
        uint t = structId;
        foreach (string name in path.Split('.'))
        {
            if (!FindMember(btf, t, name, 0, out int moff, out uint mtype))
                return false;
            start += moff;
            t = mtype;
        }
        if (!btf.TryGetSize(t, out uint sz))
            return false;
        end = start + (int)sz;
        return true;
    }

    /// <summary>A named member, looking through anonymous struct/union members like the C compiler does.</summary>
    private static bool FindMember(BtfSpec btf, uint st, string name, int depth, out int off, out uint type)
    {
        off = 0;
        type = 0;
        st = btf.SkipModsAndTypedefs(st);
        if (depth > 8 || !btf.Kind(st).IsComposite())
            return false;
        int n = btf.Vlen(st);
        for (int i = 0; i < n; i++)
        {
            var m = btf.Member(st, i);
            if (m.NameOff != 0 && btf.StringAt(m.NameOff) == name)
            {
                off = (int)(m.BitOffset / 8);
                type = m.TypeId;
                return true;
            }
            if (m.NameOff == 0 && FindMember(btf, m.TypeId, name, depth + 1, out int inner, out type))
            {
                off = (int)(m.BitOffset / 8) + inner;
                return true;
            }
        }
        return false;
    }
}
