using System.Runtime.CompilerServices;
using System.Text;

namespace Bpf.Btf;

public sealed partial class BtfSpec
{
    // Name lookup: a hash table over the raw name bytes (no string per type), built on first use.
    // _nameHead[hash & mask] is the first id of a chain continued through _nameNext; chains are in id order.
    private int[]? _nameHead;
    private int[]? _nameNext;
    private readonly Lock _indexLock = new();

    /// <summary>All type ids named <paramref name="name"/> (any kind), in id order.</summary>
    public ReadOnlySpan<uint> FindByName(string name)
    {
        if (name.Length == 0)
            return default;
        EnsureNameIndex();
        Span<byte> stack = stackalloc byte[256];
        int max = Encoding.UTF8.GetMaxByteCount(name.Length);
        var key = max <= stack.Length ? stack[..Encoding.UTF8.GetBytes(name, stack)] : Encoding.UTF8.GetBytes(name);
        var head = _nameHead!;
        var next = _nameNext!;
        int count = 0;
        uint first = 0;
        uint[]? many = null;
        for (int id = head[Hash(key) & (head.Length - 1)]; id != 0; id = next[id])
        {
            if (!StringSpanAt(_words[_start[id]]).SequenceEqual(key))
                continue;
            if (count == 0)
            {
                first = (uint)id;
            }
            else
            {
                many ??= [first];
                System.Array.Resize(ref many, count + 1);
                many[count] = (uint)id;
            }
            count++;
        }
        return count switch
        {
            0 => default,
            1 => new[] { first },
            _ => many,
        };
    }

    /// <summary>First type id named <paramref name="name"/> with kind <paramref name="kind"/>; 0 when none (void is never returned).</summary>
    public uint FindByName(string name, BtfKind kind)
    {
        foreach (uint id in FindByName(name))
        {
            if (Kind(id) == kind)
                return id;
        }
        return 0;
    }

    /// <summary>Distinct non-empty type names (allocates every name; for tools, not hot paths).</summary>
    public IEnumerable<string> AllNames
    {
        get
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (uint id = 1; id < (uint)TypeCount; id++)
            {
                string n = Name(id);
                if (n.Length > 0 && seen.Add(n))
                    yield return n;
            }
        }
    }

    private static int Hash(ReadOnlySpan<byte> s)
    {
        uint h = 2166136261;
        foreach (byte b in s)
            h = (h ^ b) * 16777619;
        return (int)(h & 0x7fffffff);
    }

    /// <summary>Builds the lookup indexes now rather than on first use.</summary>
    public void PrepareLookups() => EnsureNameIndex();

    private void EnsureNameIndex()
    {
        if (Volatile.Read(ref _nameHead) != null)
            return;
        BuildNameIndex();
    }

    // One-shot hot loop over every type: compile optimized up front rather than through tier-0 (CLI runs are short).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BuildNameIndex()
    {
        lock (_indexLock)
        {
            if (_nameHead != null)
                return;
            int n = _start.Length;
            int size = 1;
            while (size < n * 2)
                size <<= 1;
            var head = new int[size];
            var next = new int[n];
            // Insert from the highest id down so each chain lists ids in ascending order.
            for (int id = n - 1; id >= 1; id--)
            {
                uint off = _words[_start[id]];
                if (off == 0)
                    continue;
                int b = Hash(StringSpanAt(off)) & (size - 1);
                next[id] = head[b];
                head[b] = id;
            }
            _nameNext = next;
            Volatile.Write(ref _nameHead, head); // publish after _nameNext

        }
    }

    private Dictionary<string, uint[]>? _byEssentialName;

    /// <summary>
    /// Type ids whose name without a "___flavor" suffix equals <paramref name="essential"/> (CO-RE candidate search),
    /// in id order.
    /// </summary>
    /// <summary>Names equal up to libbpf's "___flavor" suffix (bpf_core_essential_name_len).</summary>
    public static bool EssentialNamesEqual(string a, string b) => CoreKinds.EssentialNamesEqual(a, b);

    /// <summary>The name without its "___flavor" suffix (bpf_core_essential_name_len): bpf_task_acquire___one → bpf_task_acquire.</summary>
    public static string EssentialName(string name) => name[..CoreKinds.EssentialNameLength(name)];

    public ReadOnlySpan<uint> FindByEssentialName(string essential)
    {
        var plain = FindByName(essential);
        var flavored = _byEssentialName ?? BuildEssentialIndex();
        if (!flavored.TryGetValue(essential, out var extra))
            return plain;
        var all = new uint[plain.Length + extra.Length];
        plain.CopyTo(all);
        extra.CopyTo(all, plain.Length);
        System.Array.Sort(all);
        return all;
    }

    /// <summary>Index of flavored names only ("x___y" under "x"); plain names are served by the name index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Dictionary<string, uint[]> BuildEssentialIndex()
    {
        lock (_indexLock)
        {
            if (_byEssentialName != null)
                return _byEssentialName;
            var merged = new Dictionary<string, List<uint>>(StringComparer.Ordinal);
            for (uint id = 1; id < (uint)_start.Length; id++)
            {
                var raw = StringSpanAt(_words[_start[id]]);
                if (raw.IndexOf("___"u8) < 0)
                    continue;
                string name = Name(id);
                int len = CoreKinds.EssentialNameLength(name);
                if (len == name.Length)
                    continue;
                string key = name[..len];
                if (!merged.TryGetValue(key, out var list))
                    merged[key] = list = [];
                list.Add(id);
            }
            var result = new Dictionary<string, uint[]>(merged.Count, StringComparer.Ordinal);
            foreach (var (name, ids) in merged)
                result[name] = ids.ToArray();
            _byEssentialName = result;
            return result;
        }
    }
}
