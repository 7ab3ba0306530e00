using static Bpf.Verifier.Platform.Kfuncs.KfuncFlags;

namespace Bpf.Verifier.Platform.Kfuncs;

/// <summary>Tracing kfuncs (kernel/trace/bpf_trace.c, fs/bpf_fs_kfuncs.c): session kfuncs modelled, the rest recorded.</summary>
internal static class TraceKfuncs
{
    private static KfuncInfo U(string name) => new(name, Unmodelled, KfuncSet.Unknown);

    public static readonly KfuncInfo[] All =
    [
        new("bpf_session_is_return", None, KfuncSet.KprobeSession),
        new("bpf_session_cookie", None, KfuncSet.KprobeSession),
        U("bpf_lookup_user_key"),
        U("bpf_lookup_system_key"),
        U("bpf_key_put"),
        U("bpf_get_file_xattr"),
        U("bpf_get_dentry_xattr"),
        U("bpf_set_dentry_xattr"),
        U("bpf_remove_dentry_xattr"),
        U("bpf_get_task_exe_file"),
        U("bpf_put_file"),
        U("bpf_path_d_path"),
    ];
}
