namespace Bpf.Verifier.Platform;

public enum MapCompat : byte
{
    Allowed,
    /// <summary>The kernel refuses: "cannot pass map_type N into func NAME#ID".</summary>
    Refused,
    /// <summary>Not modelled by bpfv.</summary>
    Unsupported,
}

/// <summary>
/// check_map_func_compatibility as data, for the map helpers of <see cref="HelperTable"/>
/// (lookup #1, update #2, delete #3, tail_call #12).
/// </summary>
public static class MapFuncCompat
{
    private const int Lookup = 1, Update = 2, Delete = 3, TailCall = 12;

    // enum bpf_map_type values.
    private static readonly uint[] PlainMaps = [1, 2, 5, 6, 9, 10, 11]; // hash, array, percpu hash/array, lru hash/percpu, lpm trie
    private static readonly uint[] NoMapHelpers = [3, 4, 7, 8, 16, 19, 21, 22, 23, 24, 27, 28, 29, 30, 31, 32, 33];
    private static readonly uint[] LookupOnly = [14, 25]; // devmap, devmap_hash

    public static MapCompat Check(uint mapType, int helper)
    {
        if (helper == TailCall)
            return mapType == 3 ? MapCompat.Allowed : MapCompat.Refused;
        if (helper is not (Lookup or Update or Delete))
            return MapCompat.Unsupported;
        if (Array.IndexOf(PlainMaps, mapType) >= 0)
            return MapCompat.Allowed;
        if (Array.IndexOf(NoMapHelpers, mapType) >= 0)
            return MapCompat.Refused;
        if (Array.IndexOf(LookupOnly, mapType) >= 0)
            return helper == Lookup ? MapCompat.Allowed : MapCompat.Refused;
        return MapCompat.Unsupported;
    }
}
