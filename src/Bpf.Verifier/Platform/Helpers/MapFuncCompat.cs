using Bpf.Object;

namespace Bpf.Verifier.Platform;

public enum MapCompat : byte
{
    Allowed,
    /// <summary>The kernel refuses: "cannot pass map_type N into func NAME#ID".</summary>
    Refused,
    /// <summary>Update/delete of a sockmap/sockhash: allowed where <see cref="MapFuncCompat.MayUpdateSockmap"/> says so.</summary>
    SockmapUpdate,
    /// <summary>Allowed by the kernel but not modelled by bpfv (the result would need semantics bpfv lacks).</summary>
    Unsupported,
}

/// <summary>
/// check_map_func_compatibility as data: both directions of the kernel's check, a map type that only some helpers
/// may take, and a helper that only some map types may be passed to.
/// </summary>
public static class MapFuncCompat
{
    // enum bpf_map_type
    private const uint Hash = 1, Array = 2, ProgArray = 3, PerfEventArray = 4, PercpuHash = 5, PercpuArray = 6,
        StackTrace = 7, CgroupArray = 8, LruHash = 9, LruPercpuHash = 10, LpmTrie = 11, ArrayOfMaps = 12,
        HashOfMaps = 13, Devmap = 14, Sockmap = 15, Cpumap = 16, Xskmap = 17, Sockhash = 18, CgroupStorage = 19,
        ReuseportSockarray = 20, PercpuCgroupStorage = 21, Queue = 22, Stack = 23, SkStorage = 24, DevmapHash = 25,
        StructOps = 26, Ringbuf = 27, InodeStorage = 28, TaskStorage = 29, BloomFilter = 30, UserRingbuf = 31,
        CgrpStorage = 32, Arena = 33;

    // enum bpf_func_id
    private const int Lookup = 1, Update = 2, Delete = 3, TailCall = 12, PerfEventRead = 22, PerfEventOutput = 25,
        GetStackid = 27, SkbUnderCgroup = 33, CurrentTaskUnderCgroup = 37, RedirectMap = 51, SkRedirectMap = 52,
        SockMapUpdate = 53, PerfEventReadValue = 55, MsgRedirectMap = 60, SockHashUpdate = 70, MsgRedirectHash = 71,
        SkRedirectHash = 72, GetLocalStorage = 81, SkSelectReuseport = 82, PushElem = 87, PopElem = 88, PeekElem = 89,
        SkStorageGet = 107, SkStorageDelete = 108, SkbOutput = 111, XdpOutput = 121, RingbufOutput = 130,
        RingbufReserve = 131, RingbufQuery = 134, InodeStorageGet = 145, InodeStorageDelete = 146,
        TaskStorageGet = 156, TaskStorageDelete = 157, KptrXchg = 194, LookupPercpu = 195, RingbufReserveDynptr = 198,
        RingbufSubmitDynptr = 199, RingbufDiscardDynptr = 200, UserRingbufDrain = 209, CgrpStorageGet = 210,
        CgrpStorageDelete = 211;

    /// <summary>Map types that accept only the listed helpers (first half of the kernel's check).</summary>
    private static readonly Dictionary<uint, int[]> MapOnly = new()
    {
        [ProgArray] = [TailCall],
        [PerfEventArray] = [PerfEventRead, PerfEventOutput, SkbOutput, PerfEventReadValue, XdpOutput],
        [Ringbuf] = [RingbufOutput, RingbufReserve, RingbufQuery, RingbufReserveDynptr, RingbufSubmitDynptr, RingbufDiscardDynptr],
        [UserRingbuf] = [UserRingbufDrain],
        [StackTrace] = [GetStackid],
        [CgroupArray] = [SkbUnderCgroup, CurrentTaskUnderCgroup],
        [CgroupStorage] = [GetLocalStorage],
        [PercpuCgroupStorage] = [GetLocalStorage],
        [Devmap] = [RedirectMap, Lookup],
        [DevmapHash] = [RedirectMap, Lookup],
        [Cpumap] = [RedirectMap],
        [Xskmap] = [RedirectMap, Lookup],
        [ArrayOfMaps] = [Lookup],
        [HashOfMaps] = [Lookup],
        [Sockmap] = [SkRedirectMap, SockMapUpdate, MsgRedirectMap, SkSelectReuseport, Lookup, Update, Delete],
        [Sockhash] = [SkRedirectHash, SockHashUpdate, MsgRedirectHash, SkSelectReuseport, Lookup, Update, Delete],
        [ReuseportSockarray] = [SkSelectReuseport],
        [Queue] = [PeekElem, PopElem, PushElem],
        [Stack] = [PeekElem, PopElem, PushElem],
        [SkStorage] = [SkStorageGet, SkStorageDelete, KptrXchg],
        [InodeStorage] = [InodeStorageGet, InodeStorageDelete, KptrXchg],
        [TaskStorage] = [TaskStorageGet, TaskStorageDelete, KptrXchg],
        [CgrpStorage] = [CgrpStorageGet, CgrpStorageDelete, KptrXchg],
        [BloomFilter] = [PeekElem, PushElem],
    };

    /// <summary>Helpers that accept only the listed map types (second half of the kernel's check).</summary>
    private static readonly Dictionary<int, uint[]> HelperOnly = new()
    {
        [TailCall] = [ProgArray],
        [PerfEventRead] = [PerfEventArray],
        [PerfEventOutput] = [PerfEventArray],
        [PerfEventReadValue] = [PerfEventArray],
        [SkbOutput] = [PerfEventArray],
        [XdpOutput] = [PerfEventArray],
        [RingbufOutput] = [Ringbuf],
        [RingbufReserve] = [Ringbuf],
        [RingbufQuery] = [Ringbuf],
        [RingbufReserveDynptr] = [Ringbuf],
        [RingbufSubmitDynptr] = [Ringbuf],
        [RingbufDiscardDynptr] = [Ringbuf],
        [UserRingbufDrain] = [UserRingbuf],
        [GetStackid] = [StackTrace],
        [CurrentTaskUnderCgroup] = [CgroupArray],
        [SkbUnderCgroup] = [CgroupArray],
        [RedirectMap] = [Devmap, DevmapHash, Cpumap, Xskmap],
        [SkRedirectMap] = [Sockmap],
        [MsgRedirectMap] = [Sockmap],
        [SockMapUpdate] = [Sockmap],
        [SkRedirectHash] = [Sockhash],
        [MsgRedirectHash] = [Sockhash],
        [SockHashUpdate] = [Sockhash],
        [GetLocalStorage] = [CgroupStorage, PercpuCgroupStorage],
        [SkSelectReuseport] = [ReuseportSockarray, Sockmap, Sockhash],
        [PopElem] = [Queue, Stack],
        [PeekElem] = [Queue, Stack, BloomFilter],
        [PushElem] = [Queue, Stack, BloomFilter],
        [LookupPercpu] = [PercpuArray, PercpuHash, LruPercpuHash],
        [SkStorageGet] = [SkStorage],
        [SkStorageDelete] = [SkStorage],
        [InodeStorageGet] = [InodeStorage],
        [InodeStorageDelete] = [InodeStorage],
        [TaskStorageGet] = [TaskStorage],
        [TaskStorageDelete] = [TaskStorage],
        [CgrpStorageGet] = [CgrpStorage],
        [CgrpStorageDelete] = [CgrpStorage],
    };

    /// <summary>Map types whose plain lookup/update/delete bpfv models as ordinary map values.</summary>
    private static readonly uint[] PlainValueMaps = [Hash, Array, PercpuHash, PercpuArray, LruHash, LruPercpuHash, LpmTrie];

    public static MapCompat Check(uint mapType, int helper)
    {
        if (MapOnly.TryGetValue(mapType, out var helpers) && System.Array.IndexOf(helpers, helper) < 0)
            return MapCompat.Refused;
        if (HelperOnly.TryGetValue(helper, out var maps) && System.Array.IndexOf(maps, mapType) < 0)
            return MapCompat.Refused;
        if (helper is Lookup or Update or Delete)
        {
            // Sockmap/sockhash lookups return sockets, updates depend on may_update_sockmap; xskmap lookups
            // return xdp_sock; struct_ops and arena maps have their own rules.
            if (System.Array.IndexOf(PlainValueMaps, mapType) >= 0)
                return MapCompat.Allowed;
            if (helper == Lookup && mapType is Devmap or DevmapHash or ArrayOfMaps or HashOfMaps or Sockmap or Sockhash or Xskmap)
                return MapCompat.Allowed;
            if (helper != Lookup && mapType is Sockmap or Sockhash)
                return MapCompat.SockmapUpdate;
            return MapCompat.Unsupported;
        }
        if (mapType is StructOps or Arena)
            return MapCompat.Unsupported;
        return MapCompat.Allowed;
    }

    /// <summary>Program types that cannot hold a locked socket may update sockmaps (may_update_sockmap).</summary>
    private static readonly ProgramType[] SockmapUpdaters =
    [
        ProgramType.SocketFilter, ProgramType.SchedCls, ProgramType.SchedAct, ProgramType.Xdp, ProgramType.SkReuseport,
        ProgramType.FlowDissector, ProgramType.SkLookup,
    ];

    public static bool MayUpdateSockmap(ProgramType type, AttachType? attach, int helper)
    {
        if (helper is not (Update or Delete))
            return false;
        if (type == ProgramType.Tracing)
            return attach == AttachType.TraceIter;
        if (type == ProgramType.SockOps)
            return helper == Delete;
        return System.Array.IndexOf(SockmapUpdaters, type) >= 0;
    }
}
