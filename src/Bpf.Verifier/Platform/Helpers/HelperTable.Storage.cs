using Bpf.Object;
using static Bpf.Verifier.Platform.ArgKind;

namespace Bpf.Verifier.Platform;

/// <summary>Local storage (sk, task, cgroup, inode) and timer helpers (kernel/bpf/bpf_*_storage.c, helpers.c).</summary>
public static partial class HelperTable
{
    private static HelperProto[] StorageProtos() =>
    [
        // task_storage_get(map, task, value, flags) / task_storage_delete(map, task); the _recur variants of
        // tracing programs have the same prototype
        Storage(156, "task_struct"),
        StorageDelete(157, "task_struct"),
        // inode_storage_get / delete (LSM)
        Storage(145, "inode"),
        StorageDelete(146, "inode"),
        // cgrp_storage_get / delete
        Storage(210, "cgroup"),
        StorageDelete(211, "cgroup"),
        // bpf_sk_storage_get/delete_tracing_proto: a BTF sock_common or NULL (6.18), where bpf_sk_storage_tracing_allowed
        new(107, RetKind.MapValueOrNull, [ConstMapPtr, PtrToBtfIdOrNull, PtrToMapValueOrNull, Anything])
        {
            ArgStructs = [null, "sock_common"], OnlyFor = SkStorageTracing, SkStorageTracingOnly = true,
        },
        new(108, RetKind.Integer, [ConstMapPtr, PtrToBtfIdOrNull])
        {
            ArgStructs = [null, "sock_common"], OnlyFor = SkStorageTracing, SkStorageTracingOnly = true,
        },
        // timer_init(timer, map, flags), timer_set_callback(timer, callback_fn), timer_start(timer, nsecs, flags),
        // timer_cancel(timer): GPL; the timer's map is the map argument
        new(169, RetKind.Integer, [PtrToTimer, ConstMapPtr, Anything], GplOnly: true),
        new(170, RetKind.Integer, [PtrToTimer, PtrToFunc], GplOnly: true),
        new(171, RetKind.Integer, [PtrToTimer, Anything, Anything], GplOnly: true),
        new(172, RetKind.Integer, [PtrToTimer], GplOnly: true),
    ];

    /// <summary>Types whose get_func_proto is tracing_prog_func_proto for sk_storage (tracing, syscall).</summary>
    private static ProgramType[] SkStorageTracing => [ProgramType.Tracing, ProgramType.Syscall];

    private static HelperProto Storage(int id, string owner) =>
        new(id, RetKind.MapValueOrNull, [ConstMapPtr, PtrToBtfIdOrNull, PtrToMapValueOrNull, Anything])
        {
            ArgStructs = [null, owner],
        };

    private static HelperProto StorageDelete(int id, string owner) =>
        new(id, RetKind.Integer, [ConstMapPtr, PtrToBtfIdOrNull]) { ArgStructs = [null, owner] };
}
