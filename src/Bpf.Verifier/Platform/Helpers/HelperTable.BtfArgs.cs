using Bpf.Object;
using static Bpf.Verifier.Platform.ArgKind;

namespace Bpf.Verifier.Platform;

/// <summary>Helpers whose arguments or return are BTF-typed kernel objects: seq_file printing, socket casts, task helpers.</summary>
public static partial class HelperTable
{
    private static HelperProto[] BtfArgProtos() =>
    [
        // seq_printf(m, fmt, fmt_size, data, data_len), seq_write(m, data, len), seq_printf_btf(m, ptr, ptr_size, flags): GPL
        new(126, RetKind.Integer, [PtrToBtfId, PtrToMemRdonly, ConstSize, PtrToMemRdonlyOrNull, ConstSizeOrZero], GplOnly: true)
        { ArgStructs = ["seq_file"] },
        new(127, RetKind.Integer, [PtrToBtfId, PtrToMemRdonly, ConstSizeOrZero], GplOnly: true) { ArgStructs = ["seq_file"] },
        new(150, RetKind.Integer, [PtrToBtfId, PtrToMemRdonly, ConstSizeOrZero, Anything], GplOnly: true) { ArgStructs = ["seq_file"] },
        // get_task_stack(task, buf, size, flags): R0 <= size (the sleepable variant has the same arguments)
        new(141, RetKind.Integer, [PtrToBtfId, PtrToUninitMem, ConstSizeOrZero, Anything]) { ArgStructs = ["task_struct"], RetBySize = true },
        // copy_from_user_task(dst, size, user_ptr, task, flags): sleeps, GPL
        new(191, RetKind.Integer, [PtrToUninitMem, ConstSizeOrZero, Anything, PtrToBtfId, Anything], GplOnly: true)
        { ArgStructs = [null, null, null, "task_struct"], MightSleep = true },
        // task_pt_regs(task): an untrusted struct pt_regs, GPL
        new(175, RetKind.BtfId, [PtrToBtfId], GplOnly: true) { ArgStructs = ["task_struct"], RetStruct = "pt_regs" },
        // snprintf_btf(str, str_size, ptr, btf_ptr_size, flags)
        Int(149, PtrToMemWrite, ConstSize, PtrToMemRdonly, ConstSize, Anything),
        // read_branch_records(ctx, buf, size, flags): GPL
        new(119, RetKind.Integer, [PtrToCtx, PtrToMemWriteOrNull, ConstSizeOrZero, Anything], GplOnly: true),
        // d_path(path, buf, sz): only where bpf_d_path_allowed (iterators here; syscall programs are refused)
        new(147, RetKind.Integer, [PtrToBtfId, PtrToMemWrite, ConstSizeOrZero])
        { ArgStructs = ["path"], OnlyFor = [ProgramType.Tracing, ProgramType.Syscall] },
        // sock_from_file(file): the file's socket or NULL
        new(162, RetKind.BtfIdOrNull, [PtrToBtfId]) { ArgStructs = ["file"], RetStruct = "socket" },
        // snprintf(str, str_size, fmt, data, data_len): GPL; the format is checked against data_len / 8 arguments
        new(165, RetKind.Integer, [PtrToMemWriteOrNull, ConstSizeOrZero, PtrToConstStr, PtrToMemRdonlyOrNull, ConstSizeOrZero], GplOnly: true),
        // sysctl_get_name(ctx, buf, buf_len, flags) (MEM_WRITE in 6.18), get_current_value / get_new_value(ctx, buf,
        // buf_len), set_new_value(ctx, buf, buf_len)
        Int(101, PtrToCtx, PtrToMemWrite, ConstSize, Anything) with { OnlyFor = [ProgramType.CgroupSysctl] },
        Int(102, PtrToCtx, PtrToUninitMem, ConstSize) with { OnlyFor = [ProgramType.CgroupSysctl] },
        Int(103, PtrToCtx, PtrToUninitMem, ConstSize) with { OnlyFor = [ProgramType.CgroupSysctl] },
        Int(104, PtrToCtx, PtrToMemRdonly, ConstSize) with { OnlyFor = [ProgramType.CgroupSysctl] },
        // sk_cgroup_id(sk), sk_ancestor_cgroup_id(sk, level)
        Int(128, PtrToBtfSockCommon), Int(129, PtrToBtfSockCommon, Anything),
        // bind(ctx, addr, addr_len) of connect hooks
        Int(64, PtrToCtx, PtrToMemRdonly, ConstSize) with { OnlyFor = [ProgramType.CgroupSockAddr] },
        // skc_to_*(sk): casts that keep the socket's reference (is_ptr_cast_function), except skc_to_unix_sock
        SkcCast(136, "tcp6_sock"), SkcCast(137, "tcp_sock"), SkcCast(138, "tcp_timewait_sock"),
        SkcCast(139, "tcp_request_sock"), SkcCast(140, "udp6_sock"),
        // skc_to_mptcp_sock takes ARG_PTR_TO_SOCK_COMMON: no BTF-typed socket
        SkcCast(196, "mptcp_sock") with { Args = [PtrToSockCommon] },
        SkcCast(178, "unix_sock") with { PtrCast = false },
        // setsockopt / getsockopt(sk, level, optname, optval, optlen) of cgroup sockopt hooks and tcp/unix iterators
        Int(49, PtrToBtfSockCommon, Anything, Anything, PtrToMemRdonly, ConstSize) with { OnlyFor = SkSockopt },
        Int(57, PtrToBtfSockCommon, Anything, Anything, PtrToUninitMem, ConstSize) with { OnlyFor = SkSockopt },
    ];

    private static HelperProto SkcCast(int id, string target) =>
        new(id, RetKind.BtfIdOrNull, [PtrToBtfSockCommon]) { RetStruct = target, PtrCast = true };

    /// <summary>Types whose setsockopt/getsockopt are bpf_sk_setsockopt/bpf_sk_getsockopt (a socket argument).</summary>
    private static ProgramType[] SkSockopt => [ProgramType.CgroupSockopt, ProgramType.Tracing];
}
