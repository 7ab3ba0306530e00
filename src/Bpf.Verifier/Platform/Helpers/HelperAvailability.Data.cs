namespace Bpf.Verifier.Platform.Helpers;

/// <summary>
/// Which helpers each program type may call (read once, when the sets are built): the kernel's per-type <c>get_func_proto</c> chains of Linux 6.18
/// (bpf_base_func_proto as root with CAP_BPF and CAP_PERFMON, plus each type's own helpers), taken from the live
/// 6.18 kernel by loading one call of every helper id per program type and checked against the chains' source.
/// A helper outside its type's set is refused with "program of this type cannot use helper NAME#ID".
/// </summary>
public static partial class HelperAvailability
{
    /// <summary>bpf_base_func_proto: what every program type below may call.</summary>
    private static string[] Base =>
    [
        "map_lookup_elem", "map_update_elem", "map_delete_elem", "ktime_get_ns", "trace_printk", "get_prandom_u32",
        "get_smp_processor_id", "tail_call", "get_current_pid_tgid", "get_current_uid_gid", "get_current_comm",
        "get_cgroup_classid", "perf_event_read", "get_current_task", "current_task_under_cgroup", "get_numa_node_id",
        "perf_event_read_value", "get_current_cgroup_id", "map_push_elem", "map_pop_elem", "map_peek_elem",
        "spin_lock", "spin_unlock", "strtol", "strtoul", "send_signal", "probe_read_user", "probe_read_kernel",
        "probe_read_user_str", "probe_read_kernel_str", "send_signal_thread", "jiffies64", "get_ns_current_pid_tgid",
        "get_current_ancestor_cgroup_id", "ktime_get_boot_ns", "ringbuf_output", "ringbuf_reserve", "ringbuf_submit",
        "ringbuf_discard", "ringbuf_query", "get_task_stack", "copy_from_user", "snprintf_btf", "per_cpu_ptr",
        "this_cpu_ptr", "task_storage_get", "task_storage_delete", "get_current_task_btf", "for_each_map_elem",
        "snprintf", "timer_init", "timer_set_callback", "timer_start", "timer_cancel", "task_pt_regs",
        "get_branch_snapshot", "trace_vprintk", "find_vma", "loop", "strncmp", "copy_from_user_task", "kptr_xchg",
        "map_lookup_percpu_elem", "dynptr_from_mem", "ringbuf_reserve_dynptr", "ringbuf_submit_dynptr",
        "ringbuf_discard_dynptr", "dynptr_read", "dynptr_write", "dynptr_data", "ktime_get_tai_ns",
        "user_ringbuf_drain", "cgrp_storage_get", "cgrp_storage_delete",
    ];

    /// <summary>sk_filter_func_proto beyond the base set.</summary>
    private static string[] SocketFilter =>
    [
        "perf_event_output", "skb_load_bytes", "get_socket_cookie", "get_socket_uid", "skb_load_bytes_relative",
        "get_netns_cookie", "skc_to_tcp6_sock", "skc_to_tcp_sock", "skc_to_tcp_timewait_sock",
        "skc_to_tcp_request_sock", "skc_to_udp6_sock", "ktime_get_coarse_ns", "skc_to_unix_sock",
        "skc_to_mptcp_sock",
    ];

    /// <summary>kprobe_prog_func_proto beyond the base set.</summary>
    private static string[] Kprobe =>
    [
        "probe_read", "perf_event_output", "get_stackid", "probe_read_str", "get_stack", "get_func_ip",
        "get_attach_cookie",
    ];

    /// <summary>tp_prog_func_proto beyond the base set.</summary>
    private static string[] Tracepoint =>
    [
        "probe_read", "perf_event_output", "get_stackid", "probe_read_str", "get_stack", "get_func_ip",
        "get_attach_cookie",
    ];

    /// <summary>xdp_func_proto beyond the base set.</summary>
    private static string[] Xdp =>
    [
        "redirect", "perf_event_output", "csum_diff", "xdp_adjust_head", "redirect_map", "xdp_adjust_meta",
        "xdp_adjust_tail", "fib_lookup", "sk_lookup_tcp", "sk_lookup_udp", "sk_release", "skc_lookup_tcp",
        "tcp_check_syncookie", "tcp_gen_syncookie", "skc_to_tcp6_sock", "skc_to_tcp_sock",
        "skc_to_tcp_timewait_sock", "skc_to_tcp_request_sock", "skc_to_udp6_sock", "ktime_get_coarse_ns",
        "check_mtu", "skc_to_unix_sock", "xdp_get_buff_len", "xdp_load_bytes", "xdp_store_bytes",
        "skc_to_mptcp_sock", "tcp_raw_gen_syncookie_ipv4", "tcp_raw_gen_syncookie_ipv6",
        "tcp_raw_check_syncookie_ipv4", "tcp_raw_check_syncookie_ipv6",
    ];

    /// <summary>pe_prog_func_proto beyond the base set.</summary>
    private static string[] PerfEvent =>
    [
        "probe_read", "perf_event_output", "get_stackid", "probe_read_str", "perf_prog_read_value", "get_stack",
        "read_branch_records", "get_func_ip", "get_attach_cookie",
    ];

    /// <summary>raw_tp_prog_func_proto beyond the base set.</summary>
    private static string[] RawTracepoint =>
    [
        "probe_read", "perf_event_output", "get_stackid", "probe_read_str", "get_stack", "get_func_ip",
        "get_attach_cookie",
    ];

    /// <summary>raw_tp_prog_func_proto beyond the base set.</summary>
    private static string[] RawTracepointWritable =>
    [
        "probe_read", "perf_event_output", "get_stackid", "probe_read_str", "get_stack", "get_func_ip",
        "get_attach_cookie",
    ];

    /// <summary>tc_cls_act_func_proto beyond the base set.</summary>
    private static string[] SchedCls =>
    [
        "skb_store_bytes", "l3_csum_replace", "l4_csum_replace", "clone_redirect", "skb_vlan_push", "skb_vlan_pop",
        "skb_get_tunnel_key", "skb_set_tunnel_key", "redirect", "get_route_realm", "perf_event_output",
        "skb_load_bytes", "csum_diff", "skb_get_tunnel_opt", "skb_set_tunnel_opt", "skb_change_proto",
        "skb_change_type", "skb_under_cgroup", "get_hash_recalc", "skb_change_tail", "skb_pull_data", "csum_update",
        "set_hash_invalid", "skb_change_head", "get_socket_cookie", "get_socket_uid", "set_hash", "skb_adjust_room",
        "skb_get_xfrm_state", "skb_load_bytes_relative", "fib_lookup", "skb_cgroup_id", "skb_ancestor_cgroup_id",
        "sk_lookup_tcp", "sk_lookup_udp", "sk_release", "sk_fullsock", "tcp_sock", "skb_ecn_set_ce",
        "get_listener_sock", "skc_lookup_tcp", "tcp_check_syncookie", "sk_storage_get", "sk_storage_delete",
        "tcp_gen_syncookie", "get_netns_cookie", "sk_assign", "csum_level", "skc_to_tcp6_sock", "skc_to_tcp_sock",
        "skc_to_tcp_timewait_sock", "skc_to_tcp_request_sock", "skc_to_udp6_sock", "skb_cgroup_classid",
        "redirect_neigh", "redirect_peer", "ktime_get_coarse_ns", "check_mtu", "skc_to_unix_sock", "skb_set_tstamp",
        "skc_to_mptcp_sock", "tcp_raw_gen_syncookie_ipv4", "tcp_raw_gen_syncookie_ipv6",
        "tcp_raw_check_syncookie_ipv4", "tcp_raw_check_syncookie_ipv6",
    ];

    /// <summary>tc_cls_act_func_proto beyond the base set.</summary>
    private static string[] SchedAct =>
    [
        "skb_store_bytes", "l3_csum_replace", "l4_csum_replace", "clone_redirect", "skb_vlan_push", "skb_vlan_pop",
        "skb_get_tunnel_key", "skb_set_tunnel_key", "redirect", "get_route_realm", "perf_event_output",
        "skb_load_bytes", "csum_diff", "skb_get_tunnel_opt", "skb_set_tunnel_opt", "skb_change_proto",
        "skb_change_type", "skb_under_cgroup", "get_hash_recalc", "skb_change_tail", "skb_pull_data", "csum_update",
        "set_hash_invalid", "skb_change_head", "get_socket_cookie", "get_socket_uid", "set_hash", "skb_adjust_room",
        "skb_get_xfrm_state", "skb_load_bytes_relative", "fib_lookup", "skb_cgroup_id", "skb_ancestor_cgroup_id",
        "sk_lookup_tcp", "sk_lookup_udp", "sk_release", "sk_fullsock", "tcp_sock", "skb_ecn_set_ce",
        "get_listener_sock", "skc_lookup_tcp", "tcp_check_syncookie", "sk_storage_get", "sk_storage_delete",
        "tcp_gen_syncookie", "get_netns_cookie", "sk_assign", "csum_level", "skc_to_tcp6_sock", "skc_to_tcp_sock",
        "skc_to_tcp_timewait_sock", "skc_to_tcp_request_sock", "skc_to_udp6_sock", "skb_cgroup_classid",
        "redirect_neigh", "redirect_peer", "ktime_get_coarse_ns", "check_mtu", "skc_to_unix_sock", "skb_set_tstamp",
        "skc_to_mptcp_sock", "tcp_raw_gen_syncookie_ipv4", "tcp_raw_gen_syncookie_ipv6",
        "tcp_raw_check_syncookie_ipv4", "tcp_raw_check_syncookie_ipv6",
    ];

    /// <summary>cg_skb_func_proto beyond the base set.</summary>
    private static string[] CgroupSkb =>
    [
        "perf_event_output", "skb_load_bytes", "get_socket_cookie", "get_socket_uid", "skb_load_bytes_relative",
        "skb_cgroup_id", "get_local_storage", "skb_ancestor_cgroup_id", "sk_lookup_tcp", "sk_lookup_udp",
        "sk_release", "sk_fullsock", "tcp_sock", "skb_ecn_set_ce", "get_listener_sock", "skc_lookup_tcp",
        "sk_storage_get", "sk_storage_delete", "get_netns_cookie", "sk_cgroup_id", "sk_ancestor_cgroup_id",
        "skc_to_tcp6_sock", "skc_to_tcp_sock", "skc_to_tcp_timewait_sock", "skc_to_tcp_request_sock",
        "skc_to_udp6_sock", "ktime_get_coarse_ns", "skc_to_unix_sock", "skc_to_mptcp_sock",
    ];

    /// <summary>sock_filter_func_proto beyond the base set.</summary>
    private static string[] CgroupSock =>
    [
        "perf_event_output", "get_socket_cookie", "get_local_storage", "sk_storage_get", "get_netns_cookie",
        "ktime_get_coarse_ns", "get_retval", "set_retval",
    ];

    /// <summary>sock_addr_func_proto beyond the base set.</summary>
    private static string[] CgroupSockAddr =>
    [
        "perf_event_output", "get_socket_cookie", "setsockopt", "getsockopt", "bind", "get_local_storage",
        "sk_lookup_tcp", "sk_lookup_udp", "sk_release", "skc_lookup_tcp", "sk_storage_get", "sk_storage_delete",
        "get_netns_cookie", "skc_to_tcp6_sock", "skc_to_tcp_sock", "skc_to_tcp_timewait_sock",
        "skc_to_tcp_request_sock", "skc_to_udp6_sock", "ktime_get_coarse_ns", "skc_to_unix_sock", "get_retval",
        "set_retval", "skc_to_mptcp_sock",
    ];

    /// <summary>sock_ops_func_proto beyond the base set.</summary>
    private static string[] SockOps =>
    [
        "perf_event_output", "get_socket_cookie", "setsockopt", "sock_map_update", "getsockopt",
        "sock_ops_cb_flags_set", "sock_hash_update", "get_local_storage", "tcp_sock", "sk_storage_get",
        "sk_storage_delete", "get_netns_cookie", "skc_to_tcp6_sock", "skc_to_tcp_sock", "skc_to_tcp_timewait_sock",
        "skc_to_tcp_request_sock", "skc_to_udp6_sock", "load_hdr_opt", "store_hdr_opt", "reserve_hdr_opt",
        "ktime_get_coarse_ns", "skc_to_unix_sock", "skc_to_mptcp_sock",
    ];

    /// <summary>sk_skb_func_proto beyond the base set.</summary>
    private static string[] SkSkb =>
    [
        "skb_store_bytes", "perf_event_output", "skb_load_bytes", "skb_change_tail", "skb_pull_data",
        "skb_change_head", "get_socket_cookie", "get_socket_uid", "skb_adjust_room", "sk_redirect_map",
        "sk_redirect_hash", "sk_lookup_tcp", "sk_lookup_udp", "sk_release", "skc_lookup_tcp", "skc_to_tcp6_sock",
        "skc_to_tcp_sock", "skc_to_tcp_timewait_sock", "skc_to_tcp_request_sock", "skc_to_udp6_sock",
        "ktime_get_coarse_ns", "skc_to_unix_sock", "skc_to_mptcp_sock",
    ];

    /// <summary>sk_msg_func_proto beyond the base set.</summary>
    private static string[] SkMsg =>
    [
        "perf_event_output", "msg_redirect_map", "msg_apply_bytes", "msg_cork_bytes", "msg_pull_data",
        "msg_redirect_hash", "msg_push_data", "msg_pop_data", "sk_storage_get", "sk_storage_delete",
        "get_netns_cookie", "skc_to_tcp6_sock", "skc_to_tcp_sock", "skc_to_tcp_timewait_sock",
        "skc_to_tcp_request_sock", "skc_to_udp6_sock", "ktime_get_coarse_ns", "skc_to_unix_sock",
        "skc_to_mptcp_sock",
    ];

    /// <summary>cgroup_dev_func_proto beyond the base set.</summary>
    private static string[] CgroupDevice =>
    [
        "perf_event_output", "get_local_storage", "get_retval", "set_retval",
    ];

    /// <summary>sysctl_func_proto beyond the base set.</summary>
    private static string[] CgroupSysctl =>
    [
        "perf_event_output", "get_local_storage", "sysctl_get_name", "sysctl_get_current_value",
        "sysctl_get_new_value", "sysctl_set_new_value", "ktime_get_coarse_ns", "get_retval", "set_retval",
    ];

    /// <summary>cg_sockopt_func_proto beyond the base set.</summary>
    private static string[] CgroupSockopt =>
    [
        "perf_event_output", "setsockopt", "getsockopt", "get_local_storage", "tcp_sock", "sk_storage_get",
        "sk_storage_delete", "get_netns_cookie", "get_retval", "set_retval",
    ];

    /// <summary>flow_dissector_func_proto beyond the base set.</summary>
    private static string[] FlowDissector =>
    [
        "skb_load_bytes", "skc_to_tcp6_sock", "skc_to_tcp_sock", "skc_to_tcp_timewait_sock",
        "skc_to_tcp_request_sock", "skc_to_udp6_sock", "ktime_get_coarse_ns", "skc_to_unix_sock",
        "skc_to_mptcp_sock",
    ];

    /// <summary>lwt_in_func_proto beyond the base set.</summary>
    private static string[] LwtIn =>
    [
        "get_route_realm", "perf_event_output", "skb_load_bytes", "csum_diff", "skb_under_cgroup", "get_hash_recalc",
        "skb_pull_data", "lwt_push_encap", "skc_to_tcp6_sock", "skc_to_tcp_sock", "skc_to_tcp_timewait_sock",
        "skc_to_tcp_request_sock", "skc_to_udp6_sock", "ktime_get_coarse_ns", "skc_to_unix_sock",
        "skc_to_mptcp_sock",
    ];

    /// <summary>lwt_out_func_proto beyond the base set.</summary>
    private static string[] LwtOut =>
    [
        "get_route_realm", "perf_event_output", "skb_load_bytes", "csum_diff", "skb_under_cgroup", "get_hash_recalc",
        "skb_pull_data", "skc_to_tcp6_sock", "skc_to_tcp_sock", "skc_to_tcp_timewait_sock",
        "skc_to_tcp_request_sock", "skc_to_udp6_sock", "ktime_get_coarse_ns", "skc_to_unix_sock",
        "skc_to_mptcp_sock",
    ];

    /// <summary>lwt_xmit_func_proto beyond the base set.</summary>
    private static string[] LwtXmit =>
    [
        "skb_store_bytes", "l3_csum_replace", "l4_csum_replace", "clone_redirect", "skb_get_tunnel_key",
        "skb_set_tunnel_key", "redirect", "get_route_realm", "perf_event_output", "skb_load_bytes", "csum_diff",
        "skb_get_tunnel_opt", "skb_set_tunnel_opt", "skb_under_cgroup", "get_hash_recalc", "skb_change_tail",
        "skb_pull_data", "csum_update", "set_hash_invalid", "skb_change_head", "lwt_push_encap", "csum_level",
        "skc_to_tcp6_sock", "skc_to_tcp_sock", "skc_to_tcp_timewait_sock", "skc_to_tcp_request_sock",
        "skc_to_udp6_sock", "ktime_get_coarse_ns", "skc_to_unix_sock", "skc_to_mptcp_sock",
    ];

    /// <summary>lwt_seg6local_func_proto beyond the base set.</summary>
    private static string[] LwtSeg6local =>
    [
        "get_route_realm", "perf_event_output", "skb_load_bytes", "csum_diff", "skb_under_cgroup", "get_hash_recalc",
        "skb_pull_data", "lwt_seg6_store_bytes", "lwt_seg6_adjust_srh", "lwt_seg6_action", "skc_to_tcp6_sock",
        "skc_to_tcp_sock", "skc_to_tcp_timewait_sock", "skc_to_tcp_request_sock", "skc_to_udp6_sock",
        "ktime_get_coarse_ns", "skc_to_unix_sock", "skc_to_mptcp_sock",
    ];

    /// <summary>sk_reuseport_func_proto beyond the base set.</summary>
    private static string[] SkReuseport =>
    [
        "skb_load_bytes", "get_socket_cookie", "skb_load_bytes_relative", "sk_select_reuseport",
        "ktime_get_coarse_ns",
    ];

    /// <summary>sk_lookup_func_proto beyond the base set.</summary>
    private static string[] SkLookup =>
    [
        "perf_event_output", "sk_release", "sk_assign", "skc_to_tcp6_sock", "skc_to_tcp_sock",
        "skc_to_tcp_timewait_sock", "skc_to_tcp_request_sock", "skc_to_udp6_sock", "ktime_get_coarse_ns",
        "skc_to_unix_sock", "skc_to_mptcp_sock",
    ];

    /// <summary>bpf_base_func_proto beyond the base set.</summary>
    private static string[] Netfilter =>
    [
    ];

    /// <summary>syscall_prog_func_proto beyond the base set.</summary>
    private static string[] Syscall =>
    [
        "probe_read", "perf_event_output", "get_stackid", "probe_read_str", "get_socket_cookie", "get_stack",
        "sk_storage_get", "sk_storage_delete", "skb_output", "xdp_output", "skc_to_tcp6_sock", "skc_to_tcp_sock",
        "skc_to_tcp_timewait_sock", "skc_to_tcp_request_sock", "skc_to_udp6_sock", "d_path", "sock_from_file",
        "sys_bpf", "btf_find_by_name_kind", "sys_close", "get_func_ip", "skc_to_unix_sock", "kallsyms_lookup_name",
        "xdp_get_buff_len", "skc_to_mptcp_sock",
    ];

    /// <summary>tracing_prog_func_proto (tp_btf) beyond the base set.</summary>
    private static string[] TpBtf =>
    [
        "probe_read", "perf_event_output", "get_stackid", "probe_read_str", "get_socket_cookie", "get_stack",
        "sk_storage_get", "sk_storage_delete", "skb_output", "xdp_output", "skc_to_tcp6_sock", "skc_to_tcp_sock",
        "skc_to_tcp_timewait_sock", "skc_to_tcp_request_sock", "skc_to_udp6_sock", "d_path", "sock_from_file",
        "get_func_ip", "get_attach_cookie", "skc_to_unix_sock", "xdp_get_buff_len", "skc_to_mptcp_sock",
    ];

    /// <summary>tracing_prog_func_proto (iter) beyond the base set.</summary>
    private static string[] Iter =>
    [
        "probe_read", "perf_event_output", "get_stackid", "probe_read_str", "get_socket_cookie", "get_stack",
        "sk_storage_get", "sk_storage_delete", "skb_output", "xdp_output", "seq_printf", "seq_write",
        "skc_to_tcp6_sock", "skc_to_tcp_sock", "skc_to_tcp_timewait_sock", "skc_to_tcp_request_sock",
        "skc_to_udp6_sock", "d_path", "seq_printf_btf", "sock_from_file", "get_func_ip", "skc_to_unix_sock",
        "xdp_get_buff_len", "skc_to_mptcp_sock",
    ];

}
