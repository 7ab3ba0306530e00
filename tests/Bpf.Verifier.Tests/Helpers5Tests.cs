using Bpf.Btf;
using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// Helpers modelled in session 5 (trace_vprintk, signals, cgroup classid, xdp buffer access, skb/xdp perf output, syscall
/// helpers, raw SYN cookies, lwt encapsulation, user ring buffer draining): the programs of Data/helpers5_cases.c,
/// Data/helpers5_drain.c and Data/helpers5_nongpl.c (clang-19 -O2 -g --target=bpf -mcpu=v3) with the verdict, error
/// line, processed instructions and peak states the live Linux 6.18 verifier gave through veristat.
/// </summary>
public class Helpers5Tests
{
    private static readonly MapSpec PerfMap = new() { Name = "perf_map", Type = 4, KeySize = 4, ValueSize = 4, MaxEntries = 2 };
    private static readonly MapSpec CgMap = new() { Name = "cg_map", Type = 8, KeySize = 4, ValueSize = 4, MaxEntries = 1 };
    private static readonly MapSpec ArrMap = new() { Name = "arr_map", Type = 2, KeySize = 4, ValueSize = 8, MaxEntries = 1 };
    private static readonly MapSpec Urb = new() { Name = "urb", Type = 31, KeySize = 0, ValueSize = 0, MaxEntries = 4096 };
    private static readonly MapSpec Rb = new() { Name = "rb", Type = 27, KeySize = 0, ValueSize = 0, MaxEntries = 4096 };
    private static readonly MapSpec[] Maps = [PerfMap, CgMap, ArrMap, Urb, Rb];

    private const string Fmt8 = "r1 = 0x0a; *(u64 *)(r10 - 8) = r1; r1 = r10; r1 += -8; r2 = 8; ";
    private const string Data16 = "r3 = 0; *(u64 *)(r10 - 24) = r3; *(u64 *)(r10 - 16) = r3; r3 = r10; r3 += -24; ";
    private const string Zero64 = "r0 = 0; *(u64 *)(r10 - 8) = r0; *(u64 *)(r10 - 16) = r0; *(u64 *)(r10 - 24) = r0; " +
        "*(u64 *)(r10 - 32) = r0; *(u64 *)(r10 - 40) = r0; *(u64 *)(r10 - 48) = r0; *(u64 *)(r10 - 56) = r0; *(u64 *)(r10 - 64) = r0; ";
    private const string CannotUse = "program of this type cannot use helper ";
    private const string MemExpected = "fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_";

    /// <summary>The section kinds of the C files: plain program types, tp_btf/kfree_skb and the (sleepable) syscall type.</summary>
    public enum Kind { Socket, Kprobe, Xdp, Tc, LwtIn, LwtOut, LwtXmit, KfreeSkb, Syscall, IterTcp, Reuseport, CgroupSkb }

    private static VerificationResult Run(string asm, Kind kind, string license = "GPL", int logLevel = 1)
    {
        var type = kind switch
        {
            Kind.Socket => ProgramType.SocketFilter,
            Kind.Kprobe => ProgramType.Kprobe,
            Kind.Xdp => ProgramType.Xdp,
            Kind.Tc => ProgramType.SchedCls,
            Kind.LwtIn => ProgramType.LwtIn,
            Kind.LwtOut => ProgramType.LwtOut,
            Kind.LwtXmit => ProgramType.LwtXmit,
            Kind.KfreeSkb or Kind.IterTcp => ProgramType.Tracing,
            Kind.Reuseport => ProgramType.SkReuseport,
            Kind.CgroupSkb => ProgramType.CgroupSkb,
            _ => ProgramType.Syscall,
        };
        var (obj, prog) = TestProgram.Build(asm, type, Maps, license);
        if (kind == Kind.KfreeSkb)
        {
            prog = prog with
            {
                ExpectedAttachType = AttachType.TraceRawTp,
                AttachTo = "kfree_skb",
                AttachBtfId = KernelBtf.Embedded.FindByName("btf_trace_kfree_skb", BtfKind.Typedef),
            };
        }
        if (kind == Kind.IterTcp)
        {
            prog = prog with
            {
                ExpectedAttachType = AttachType.TraceIter,
                AttachTo = "tcp",
                AttachBtfId = KernelBtf.Embedded.FindByName("bpf_iter_tcp", BtfKind.Func),
            };
        }
        if (kind == Kind.Syscall)
            prog = prog with { Sleepable = true };
        obj = obj with { Programs = [prog] };
        return BpfVerifier.Verify(obj, prog, new VerifierOptions { LogLevel = logLevel | 4, NrCpus = TestProgram.KernelNrCpus });
    }

    private static void Check(VerificationResult r, string? error, int insns, int peak)
    {
        if (error == null)
            Assert.True(r.Accepted, $"{r.ErrorLine}\n{r.Log}");
        else
        {
            Assert.False(r.Accepted, r.Log);
            Assert.Equal(error, r.ErrorLine);
        }
        Assert.Equal(insns, r.Stats.TotalInsns);
        Assert.Equal(peak, r.Stats.PeakStates);
    }

    [Theory]
    // vprintk_ok, vprintk_null, vprintk_fmt_uninit / vprintk_data_uninit (root may read uninitialized stack)
    [InlineData(Fmt8 + Data16 + "r4 = 16; call 177; r0 = 0; exit;", null, 14)]
    [InlineData(Fmt8 + "r3 = 0; r4 = 0; call 177; r0 = 0; exit;", null, 10)]
    [InlineData("r1 = r10; r1 += -8; r2 = 8; r3 = 0; r4 = 0; call 177; r0 = 0; exit;", null, 8)]
    [InlineData(Fmt8 + "r3 = r10; r3 += -24; r4 = 16; call 177; r0 = 0; exit;", null, 11)]
    // vprintk_null_size: a NULL data pointer needs a zero size; vprintk_fmt_zero
    [InlineData(Fmt8 + "r3 = 0; r4 = 8; call 177; r0 = 0; exit;", "R3 type=scalar expected=fp", 8)]
    [InlineData(Fmt8 + "r2 = 0; r3 = 0; r4 = 0; call 177; r0 = 0; exit;", "R2 invalid zero-sized read: u64=[0,0]", 9)]
    public void TraceVprintk(string asm, string? error, int insns) => Check(Run(asm, Kind.Socket), error, insns, 0);

    [Fact]
    public void TraceVprintkIsGplOnly()
    {
        Check(Run(Fmt8 + "r3 = 0; r4 = 0; call 177; r0 = 0; exit;", Kind.Socket, "Dual BSD/MIT"),
            "cannot call GPL-restricted function from non-GPL compatible program", 8, 0);
        Check(Run("r1 = r10; r1 += -16; r2 = 16; call 176; r0 = 0; exit;", Kind.Socket, "Dual BSD/MIT"),
            "cannot call GPL-restricted function from non-GPL compatible program", 4, 0);
        Check(Run("r1 = 9; call 109; r0 = 0; exit;", Kind.Socket, "Dual BSD/MIT"), null, 4, 0);
    }

    [Theory]
    [InlineData("r1 = 9; call 109; r0 = 0; exit;", Kind.Kprobe, null, 4)]
    [InlineData("r1 = 9; call 109; r1 = 10; call 117; r0 = 0; exit;", Kind.Socket, null, 6)]
    // send_signal_uninit: R1 still holds the context, a pointer root may pass as ARG_ANYTHING
    [InlineData("call 117; r0 = 0; exit;", Kind.Kprobe, null, 3)]
    // classid_curr / classid_tc / classid_lwt / classid_tc_noctx
    [InlineData("call 17; exit;", Kind.Socket, null, 2)]
    [InlineData("call 17; r0 = 0; exit;", Kind.Tc, null, 3)]
    [InlineData("call 17; r0 = 0; exit;", Kind.LwtIn, null, 3)]
    [InlineData("r1 = 0; call 17; r0 = 0; exit;", Kind.Tc, "R1 type=scalar expected=ctx", 2)]
    // under_cgroup_ok / _lwt / _array / _socket, task_under_cgroup_map
    [InlineData("r2 = cg_map ll; r3 = 0; call 33; r0 = 0; exit;", Kind.Tc, null, 5)]
    [InlineData("r2 = cg_map ll; r3 = 0; call 33; r0 = 0; exit;", Kind.LwtXmit, null, 5)]
    [InlineData("r2 = arr_map ll; r3 = 0; call 33; r0 = 0; exit;", Kind.Tc, "cannot pass map_type 2 into func bpf_skb_under_cgroup#33", 3)]
    [InlineData("r2 = cg_map ll; r3 = 0; call 33; r0 = 0; exit;", Kind.Socket, CannotUse + "bpf_skb_under_cgroup#33", 3)]
    [InlineData("r1 = cg_map ll; r2 = 0; call 37; r0 = 0; exit;", Kind.Socket, null, 5)]
    public void SignalsAndCgroups(string asm, Kind kind, string? error, int insns) => Check(Run(asm, kind), error, insns, 0);

    [Theory]
    [InlineData("call 188; r0 = 2; exit;", Kind.Xdp, null, 3)]
    [InlineData("r2 = 0; r3 = r10; r3 += -8; r4 = 8; call 189; r0 = *(u64 *)(r10 - 8); r0 = 2; exit;", Kind.Xdp, null, 8)]
    [InlineData("r2 = 0; *(u64 *)(r10 - 8) = r2; r3 = r10; r3 += -8; r4 = 8; call 190; r0 = 2; exit;", Kind.Xdp, null, 8)]
    [InlineData("r2 = 0; r3 = r10; r3 += -8; r4 = 8; call 190; r0 = 2; exit;", Kind.Xdp, null, 7)]
    [InlineData("r2 = 0; r3 = r10; r3 += -8; r4 = 0; call 189; r0 = 2; exit;", Kind.Xdp, "R4 invalid zero-sized read: u64=[0,0]", 5)]
    [InlineData("r2 = *(u32 *)(r1 + 0); r3 = *(u32 *)(r1 + 4); r4 = r2; r4 += 8; if r4 > r3 goto l0; r3 = r2; r2 = 0; r4 = 8; call 189; l0: r0 = 2; exit;",
        Kind.Xdp, "helper access to the packet is not allowed", 9)]
    [InlineData("r2 = 0; r3 = r10; r3 += -8; r4 = 8; call 189; r0 = 0; exit;", Kind.Tc, CannotUse + "bpf_xdp_load_bytes#189", 5)]
    public void XdpBuffer(string asm, Kind kind, string? error, int insns) => Check(Run(asm, kind), error, insns, 0);

    [Theory]
    [InlineData("r1 = *(u64 *)(r1 + 0); r2 = perf_map ll; r3 = 0; r4 = 0; *(u64 *)(r10 - 8) = r4; r4 = r10; r4 += -8; r5 = 8; call 111; r0 = 0; exit;",
        Kind.KfreeSkb, null, 11)]
    [InlineData("r1 = *(u64 *)(r1 + 0); r2 = arr_map ll; r3 = 0; r4 = 0; r5 = 0; call 111; r0 = 0; exit;",
        Kind.KfreeSkb, "R4 type=scalar expected=" + MemExpected, 6)]
    [InlineData("r1 = *(u64 *)(r1 + 0); r2 = arr_map ll; r3 = 0; r4 = r10; r4 += -8; r5 = 0; call 111; r0 = 0; exit;",
        Kind.KfreeSkb, "cannot pass map_type 2 into func bpf_skb_output#111", 7)]
    [InlineData("r1 = 0; r2 = perf_map ll; r3 = 0; r4 = r10; r4 += -8; r5 = 0; call 111; r0 = 0; exit;",
        Kind.KfreeSkb, "R1 type=scalar expected=ptr_, trusted_ptr_, rcu_ptr_", 7)]
    [InlineData("r2 = perf_map ll; r3 = 0; r4 = 0; r5 = 0; call 111; r0 = 0; exit;",
        Kind.KfreeSkb, "R1 type=ctx expected=ptr_, trusted_ptr_, rcu_ptr_", 5)]
    [InlineData("r1 = *(u64 *)(r1 + 0); r2 = perf_map ll; r3 = 0; r4 = 0; r5 = 0; call 121; r0 = 0; exit;",
        Kind.KfreeSkb, "R1 is of type sk_buff but xdp_buff is expected", 6)]
    [InlineData("r1 = *(u64 *)(r1 + 0); call 188; r0 = 0; exit;", Kind.KfreeSkb, "R1 is of type sk_buff but xdp_buff is expected", 2)]
    [InlineData("r2 = perf_map ll; r3 = 0; r4 = 0; r5 = 0; call 111; r0 = 0; exit;", Kind.Kprobe, CannotUse + "bpf_skb_output#111", 5)]
    // get_func_arg and friends need a trampoline (fentry/fexit/fmod_ret)
    [InlineData("call 185; r0 = 0; exit;", Kind.KfreeSkb, CannotUse + "bpf_get_func_arg_cnt#185", 1)]
    [InlineData("r2 = 0; r3 = r10; r3 += -8; call 183; r0 = 0; exit;", Kind.Kprobe, CannotUse + "bpf_get_func_arg#183", 4)]
    // mptcp_btf / mptcp_tc: skc_to_mptcp_sock takes ARG_PTR_TO_SOCK_COMMON, never a BTF socket
    [InlineData("r1 = *(u64 *)(r1 + 0); r1 = *(u64 *)(r1 + 24); if r1 == 0 goto l0; call 196; l0: r0 = 0; exit;",
        Kind.KfreeSkb, "R1 type=rcu_ptr_ expected=sock_common, sock, tcp_sock, xdp_sock", 4)]
    public void PerfOutputOfKernelObjects(string asm, Kind kind, string? error, int insns) => Check(Run(asm, kind), error, insns, 0);

    [Theory]
    [InlineData("r1 = 100; call 168; r0 = 0; exit;", Kind.Syscall, null, 4)]
    [InlineData("r1 = 0; *(u64 *)(r10 - 8) = r1; r2 = r10; r2 += -8; r3 = 8; r1 = 0; call 166; r0 = 0; exit;", Kind.Syscall, null, 9)]
    [InlineData("r1 = 0x41; *(u64 *)(r10 - 8) = r1; r1 = r10; r1 += -8; r2 = 8; r3 = 4; r4 = 0; call 167; r0 = 0; exit;", Kind.Syscall, null, 10)]
    [InlineData("r1 = 0x41; *(u64 *)(r10 - 8) = r1; r1 = r10; r1 += -8; r2 = 8; r3 = 0; r4 = r10; r4 += -16; call 179; r0 = *(u64 *)(r10 - 16); r0 = 0; exit;",
        Kind.Syscall, null, 12)]
    [InlineData("r1 = 0x41; *(u64 *)(r10 - 8) = r1; r1 = r10; r1 += -8; r2 = 8; r3 = 0; r4 = r10; r4 += -20; call 179; r0 = 0; exit;",
        Kind.Syscall, "misaligned stack access off 0+-20+0 size 8", 9)]
    [InlineData("r1 = 0; r2 = 0; r3 = 0; r4 = r10; r4 += -16; call 179; r0 = 0; exit;", Kind.Syscall, "R1 type=scalar expected=" + MemExpected, 6)]
    [InlineData("r1 = 0x41; *(u64 *)(r10 - 8) = r1; r1 = r10; r1 += -8; r2 = 8; r3 = 0; r4 = r10; r4 += -16; call 179; r0 = 0; exit;",
        Kind.Socket, CannotUse + "bpf_kallsyms_lookup_name#179", 9)]
    [InlineData("r1 = 100; call 168; r0 = 0; exit;", Kind.Socket, CannotUse + "bpf_sys_close#168", 2)]
    [InlineData("r1 = 0; r2 = 0; r3 = 0; call 147; r0 = 0; exit;", Kind.Syscall, "helper call is not allowed in probe", 4)]
    [InlineData("r1 = r10; r1 += -16; r2 = 16; r3 = 0; call 176; r0 = 0; exit;", Kind.Socket, null, 7)]
    // per_cpu_ptr takes a percpu kernel variable (this kernel's kallsyms has none to load)
    [InlineData("r1 = r10; r1 += -8; r2 = 0; call 153; r0 = 0; exit;", Kind.Socket,
        "R1 type=fp expected=percpu_ptr_, percpu_rcu_ptr_, percpu_trusted_ptr_", 4)]
    public void SyscallAndTracingHelpers(string asm, Kind kind, string? error, int insns) => Check(Run(asm, kind), error, insns, 0);

    [Theory]
    [InlineData("r2 = 0; r3 = r10; r3 += -32; r4 = 32; r5 = 0; call 66; r0 = 0; exit;", Kind.Tc, null, 8, 0)]
    [InlineData("r2 = 0; *(u64 *)(r10 - 8) = r2; r3 = r10; r3 += -8; r4 = 8; call 73; r0 = 0; exit;", Kind.LwtIn, null, 8, 0)]
    [InlineData("r2 = 0; *(u64 *)(r10 - 8) = r2; r3 = r10; r3 += -8; r4 = 8; call 73; r0 = 0; exit;", Kind.LwtOut, CannotUse + "bpf_lwt_push_encap#73", 6, 0)]
    [InlineData("r6 = r1; r2 = 0; *(u64 *)(r10 - 8) = r2; r3 = r10; r3 += -8; r4 = 8; call 73; r2 = *(u32 *)(r6 + 76); r3 = *(u32 *)(r6 + 80); r0 = 0; exit;",
        Kind.LwtXmit, null, 11, 0)]
    // push_encap_stale_pkt: the encapsulation moves the packet, its pointers die
    [InlineData("r2 = *(u32 *)(r1 + 76); r3 = *(u32 *)(r1 + 80); r4 = r2; r4 += 8; if r4 > r3 goto l0; r6 = r2; r2 = 0; *(u64 *)(r10 - 8) = r2; " +
        "r3 = r10; r3 += -8; r4 = 8; call 73; r0 = *(u8 *)(r6 + 0); l0: r0 = 0; exit;", Kind.LwtXmit, "R6 invalid mem access 'scalar'", 13, 1)]
    public void XfrmAndLwtEncap(string asm, Kind kind, string? error, int insns, int peak) => Check(Run(asm, kind), error, insns, peak);

    [Theory]
    [InlineData(Zero64 + "r1 = r10; r1 += -64; r2 = r10; r2 += -40; r3 = 20; call 204; r0 = 2; exit;", Kind.Xdp, null, 17, 0)]
    [InlineData(Zero64 + "r1 = r10; r1 += -64; r2 = r10; r2 += -40; call 206; r0 = 2; exit;", Kind.Xdp, null, 16, 0)]
    [InlineData(Zero64 + "r1 = r10; r1 += -64; r2 = r10; r2 += -24; r3 = 20; call 205; r0 = 0; exit;", Kind.Tc, null, 17, 0)]
    [InlineData(Zero64 + "r1 = r10; r1 += -64; r2 = r10; r2 += -24; call 207; r0 = 0; exit;", Kind.Tc, null, 16, 0)]
    [InlineData(Zero64 + "r1 = r10; r1 += -32; r2 = r10; r2 += -64; call 207; r0 = 2; exit;", Kind.Xdp, "invalid read from stack R1 off=-32 size=40", 14, 0)]
    [InlineData("r1 = r10; r1 += -64; r2 = r10; r2 += -40; call 206; r0 = 2; exit;", Kind.Xdp, null, 7, 0)]
    [InlineData(Zero64 + "r1 = r10; r1 += -64; r2 = r10; r2 += -40; call 206; r0 = 0; exit;", Kind.Socket,
        CannotUse + "bpf_tcp_raw_check_syncookie_ipv4#206", 14, 0)]
    // syncookie_pkt / syncookie_pkt_short: packet memory is allowed (pkt_access) within the checked range
    [InlineData("r2 = *(u32 *)(r1 + 0); r3 = *(u32 *)(r1 + 4); r4 = r2; r4 += 40; if r4 > r3 goto l0; r1 = r2; r2 += 20; call 206; l0: r0 = 2; exit;",
        Kind.Xdp, null, 11, 1)]
    [InlineData("r2 = *(u32 *)(r1 + 0); r3 = *(u32 *)(r1 + 4); r4 = r2; r4 += 30; if r4 > r3 goto l0; r1 = r2; r2 += 20; call 206; l0: r0 = 2; exit;",
        Kind.Xdp, "R2 offset is outside of the packet", 8, 0)]
    public void RawSyncookies(string asm, Kind kind, string? error, int insns, int peak) => Check(Run(asm, kind), error, insns, peak);

    [Fact]
    public void MptcpCastOfTcSocket() =>
        Check(Run("r1 = *(u64 *)(r1 + 168); if r1 == 0 goto l0; call 196; if r0 == 0 goto l0; r0 = *(u32 *)(r0 + 0); l0: r0 = 0; exit;", Kind.Tc), null, 10, 1);

    [Theory]
    // get_socket_cookie: ARG_PTR_TO_BTF_ID_SOCK_COMMON | PTR_MAYBE_NULL outside the skb/socket program types
    [InlineData("r1 = 0; call 46; r0 = 0; exit;", Kind.KfreeSkb, null, 4)]
    [InlineData("r1 = *(u64 *)(r1 + 0); r1 = *(u64 *)(r1 + 24); call 46; r0 = 0; exit;", Kind.KfreeSkb,
        "R1 type=rcu_ptr_or_null_ expected=sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_", 3)]
    [InlineData("call 46; r0 = 0; exit;", Kind.KfreeSkb, "R1 type=ctx expected=sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_", 1)]
    [InlineData("r1 = *(u64 *)(r1 + 8); call 46; r0 = 0; exit;", Kind.IterTcp, null, 4)]
    [InlineData("r1 = *(u64 *)(r1 + 8); if r1 == 0 goto l0; call 46; l0: r0 = 0; exit;", Kind.IterTcp, null, 7)]
    [InlineData("r1 = *(u64 *)(r1 + 8); r1 += 8; call 46; r0 = 0; exit;", Kind.IterTcp,
        "R1 pointer arithmetic on trusted_ptr_or_null_ prohibited, null-check it first", 2)]
    [InlineData("r1 = *(u64 *)(r1 + 8); if r1 == 0 goto l0; r1 += 8; call 46; l0: r0 = 0; exit;", Kind.IterTcp,
        "R1 is of type sock_common but sock_common is expected", 4)]
    [InlineData("r1 = *(u64 *)(r1 + 40); call 46; r0 = 0; exit;", Kind.Reuseport, null, 4)]
    [InlineData("call 46; r0 = 0; exit;", Kind.Reuseport, "R1 type=ctx expected=sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_", 1)]
    [InlineData("r1 = 0; call 46; r0 = 0; exit;", Kind.Syscall, null, 4)]
    // get_netns_cookie of skb programs takes the context or NULL in 6.18
    [InlineData("call 122; r0 = 0; exit;", Kind.Tc, null, 3)]
    [InlineData("r1 = 0; call 122; r0 = 0; exit;", Kind.Tc, null, 4)]
    [InlineData("call 122; r0 = 0; exit;", Kind.Socket, null, 3)]
    [InlineData("r1 = 1; call 122; r0 = 1; exit;", Kind.CgroupSkb, "R1 type=scalar expected=ctx", 2)]
    public void SocketAndNetnsCookies(string asm, Kind kind, string? error, int insns) => Check(Run(asm, kind), error, insns, 0);

    [Fact]
    public void NullContextArgumentIsNotMadePrecise()
    {
        // netns_tc_null at log level 2: 6.18 asks no precision for the NULL it accepts as ARG_PTR_TO_CTX_OR_NULL.
        var r = Run("r1 = 0; call 122; r0 = 0; exit;", Kind.Tc, logLevel: 2);
        Check(r, null, 4, 0);
        Assert.Contains("1: (85) call bpf_get_netns_cookie#122         ; R0=scalar()\n", r.Log);
        Assert.DoesNotContain("mark_precise", r.Log);
    }

    /// <summary>main(void *ctx) at 0 and the static callback cb(struct bpf_dynptr *, void *ctx) at <paramref name="cbStart"/>.</summary>
    private static VerificationResult Drain(string asm, int cbStart, int logLevel = 1)
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        uint i64 = b.Int("long", 8, signed: true);
        uint voidPtr = b.Ptr(0);
        uint dynptr = b.Struct("bpf_dynptr", 16);
        uint main = b.Func("prog", b.FuncProto(i32, ("ctx", voidPtr)));
        uint cb = b.Func("cb", b.FuncProto(i64, ("d", b.Ptr(dynptr)), ("ctx", voidPtr)), BtfLinkage.Static);
        var (obj, prog) = TestProgram.Build(asm, ProgramType.SocketFilter, Maps);
        prog = prog with { FuncInfos = [new FuncInfo(0, main), new FuncInfo(cbStart, cb)] };
        obj = obj with { Btf = b.BuildSpec(), Programs = [prog] };
        return BpfVerifier.Verify(obj, prog, new VerifierOptions { LogLevel = logLevel | 4, NrCpus = TestProgram.KernelNrCpus });
    }

    private const string DrainCall = "r1 = urb ll; r2 = cb ll; r3 = 0; r4 = 0; call 209; ";

    [Theory]
    // asm_drain_zero, asm_drain_ret2, asm_drain_rb
    [InlineData(DrainCall + "r0 &= 1; exit; cb: r0 = 0; exit;", null, 10, 1)]
    [InlineData(DrainCall + "r0 = 0; exit; cb: r0 = 2; exit;", "At callback return the register R0 has smin=2 smax=2 should have been in [0, 1]", 9, 1)]
    [InlineData("r1 = rb ll; r2 = cb ll; r3 = 0; r4 = 0; call 209; r0 = 0; exit; cb: r0 = 0; exit;",
        "cannot pass map_type 27 into func bpf_user_ringbuf_drain#209", 5, 1)]
    public void UserRingbufDrain(string asm, string? error, int insns, int peak) => Check(Drain(asm, 9), error, insns, peak);

    [Fact]
    public void UserRingbufCallbackReadsItsDynptr()
    {
        // asm_drain_read: each visit of the callback gets a new local dynptr in R1, and the caller's stack in R2.
        var r = Drain("r1 = 0; *(u64 *)(r10 - 8) = r1; r1 = urb ll; r2 = cb ll; r3 = r10; r3 += -8; r4 = 0; call 209; " +
            "r0 = *(u64 *)(r10 - 8); r0 &= 1; exit; cb: r3 = r1; r1 = r2; w2 = 8; w4 = 0; r5 = 0; call 201; r0 = 0; exit;", 13, logLevel: 2);
        Check(r, null, 32, 3);
        Assert.Contains("from 9 to 13: frame1: R1=dynptr_ptr(id=1,type=local) R2=fp[0]-8 R10=fp0 cb\n", r.Log);
        Assert.Contains("from 9 to 13: frame1: R1=dynptr_ptr(id=2,type=local) R2=fp[0]-8 R10=fp0 cb\n", r.Log);
    }
}
