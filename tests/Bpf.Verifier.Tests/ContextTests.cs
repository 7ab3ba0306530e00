using Bpf.Object;
using Bpf.Object.Sections;

namespace Bpf.Verifier.Tests;

/// <summary>
/// Context layouts of the non-BTF program types, sock pointer memory and LD_ABS/LD_IND: the programs of
/// Data/ctx_cases.c with the Linux 6.18 verdict, error line and processed insns from veristat.
/// </summary>
public class ContextTests
{
    [Theory]
    [InlineData("kp_read_any", "kprobe/x", "r0 = *(u8 *)(r1 + 167); r0 = *(u16 *)(r1 + 2); r0 = *(s32 *)(r1 + 8); r0 = 0; exit;", null, 5)]
    [InlineData("kp_past_end", "kprobe/x", "r0 = *(u8 *)(r1 + 168); r0 = 0; exit;", "invalid bpf_context access off=168 size=1", 1)]
    [InlineData("kp_write", "kprobe/x", "r2 = 0; *(u64 *)(r1 + 8) = r2; r0 = 0; exit;", "invalid bpf_context access off=8 size=8", 2)]
    [InlineData("tp_hidden", "tracepoint/x/y", "r0 = *(u64 *)(r1 + 0); r0 = 0; exit;", "invalid bpf_context access off=0 size=8", 1)]
    [InlineData("tp_far", "tracepoint/x/y", "r0 = *(u64 *)(r1 + 8184); r0 = *(u8 *)(r1 + 9); r0 = 0; exit;", null, 4)]
    [InlineData("tp_beyond", "tracepoint/x/y", "r0 = *(u64 *)(r1 + 8192); r0 = 0; exit;", "invalid bpf_context access off=8192 size=8", 1)]
    [InlineData("rtp_args", "raw_tracepoint/x", "r0 = *(u32 *)(r1 + 4); r0 = *(u64 *)(r1 + 88); r0 = 0; exit;", null, 4)]
    [InlineData("rtp_beyond", "raw_tracepoint/x", "r0 = *(u64 *)(r1 + 96); r0 = 0; exit;", "invalid bpf_context access off=96 size=8", 1)]
    [InlineData("rtpw_buf", "raw_tracepoint.w/x", "r2 = *(u64 *)(r1 + 0); r0 = *(u64 *)(r2 + 16); *(u32 *)(r2 + 4) = r0; r0 = 0; exit;", null, 5)]
    [InlineData("rtpw_neg", "raw_tracepoint.w/x", "r2 = *(u64 *)(r1 + 0); r0 = *(u64 *)(r2 - 8); r0 = 0; exit;", "R2 invalid tracepoint buffer access: off=-8, size=8", 2)]
    [InlineData("pe_regs_narrow", "perf_event", "r0 = *(u32 *)(r1 + 8); r0 = 0; exit;", "invalid bpf_context access off=8 size=4", 1)]
    [InlineData("pe_period", "perf_event", "r0 = *(u32 *)(r1 + 172); r0 = *(u64 *)(r1 + 176); r0 = *(u64 *)(r1 + 0); r0 = 0; exit;", null, 5)]
    [InlineData("sa4_ok", "cgroup/connect4", "r2 = *(u32 *)(r1 + 4); r2 = *(u16 *)(r1 + 24); r2 = 7; *(u32 *)(r1 + 4) = r2; r0 = 1; exit;", null, 6)]
    [InlineData("sa4_ip6", "cgroup/connect4", "r2 = *(u32 *)(r1 + 8); r0 = 1; exit;", "invalid bpf_context access off=8 size=4", 1)]
    [InlineData("sa6_wide", "cgroup/connect6", "r2 = *(u64 *)(r1 + 16); *(u64 *)(r1 + 8) = r2; r0 = 1; exit;", null, 4)]
    [InlineData("sa_family_w", "cgroup/connect4", "r2 = 2; *(u32 *)(r1 + 0) = r2; r0 = 1; exit;", "invalid bpf_context access off=0 size=4", 2)]
    [InlineData("sa_msg_src", "cgroup/sendmsg4", "r2 = *(u32 *)(r1 + 40); r0 = 1; exit;", null, 3)]
    [InlineData("sa_sk", "cgroup/connect4", "r2 = *(u64 *)(r1 + 64); r0 = *(u32 *)(r2 + 4); r0 = 1; exit;", null, 4)]
    [InlineData("sa_recv_ret", "cgroup/recvmsg4", "r0 = 0; exit;", "At program exit the register R0 has smin=0 smax=0 should have been in [1, 1]", 2)]
    [InlineData("sa_bind_ret3", "cgroup/bind4", "r0 = 3; exit;", null, 2)]
    [InlineData("cs_mark", "cgroup/sock_create", "r2 = 1; *(u32 *)(r1 + 16) = r2; r0 = *(u32 *)(r1 + 4); r0 = 1; exit;", null, 5)]
    [InlineData("cs_mark_post", "cgroup/post_bind4", "r0 = *(u32 *)(r1 + 16); r0 = 1; exit;", "invalid bpf_context access off=16 size=4", 1)]
    [InlineData("cs_src_ip4", "cgroup/post_bind4", "r0 = *(u32 *)(r1 + 24); r0 = *(u16 *)(r1 + 44); r0 = 1; exit;", null, 4)]
    [InlineData("cs_family_w", "cgroup/sock_create", "r2 = 1; *(u32 *)(r1 + 4) = r2; r0 = 1; exit;", "invalid bpf_context access off=4 size=4", 2)]
    [InlineData("so_ok", "sockops", "r2 = *(u32 *)(r1 + 0); r2 = *(u8 *)(r1 + 212); r2 = *(u64 *)(r1 + 168); r2 = 1; *(u32 *)(r1 + 4) = r2; r0 = 1; exit;", null, 7)]
    [InlineData("so_narrow", "sockops", "r2 = *(u16 *)(r1 + 20); r0 = 1; exit;", "invalid bpf_context access off=20 size=2", 1)]
    [InlineData("so_sk_null", "sockops", "r2 = *(u64 *)(r1 + 184); r0 = *(u32 *)(r2 + 4); r0 = 1; exit;", "R2 invalid mem access 'sock_or_null'", 2)]
    [InlineData("so_sk_ok", "sockops", "r2 = *(u64 *)(r1 + 184); if r2 == 0 goto l0; r0 = *(u32 *)(r2 + 4); r0 = *(u8 *)(r2 + 49); l0: r0 = 1; exit;", null, 8)]
    [InlineData("so_sk_pad", "sockops", "r2 = *(u64 *)(r1 + 184); if r2 == 0 goto l0; r0 = *(u8 *)(r2 + 50); l0: r0 = 1; exit;", "R2 invalid sock access off=50 size=1", 3)]
    [InlineData("so_sk_write", "sockops", "r2 = *(u64 *)(r1 + 184); if r2 == 0 goto l0; r0 = 0; *(u32 *)(r2 + 16) = r0; l0: r0 = 1; exit;", "R2 cannot write into sock", 4)]
    [InlineData("so_pkt_write", "sockops", "r2 = *(u64 *)(r1 + 192); r3 = *(u64 *)(r1 + 200); r4 = r2; r4 += 1; if r4 > r3 goto l0; r0 = 0; *(u8 *)(r2 + 0) = r0; l0: r0 = 1; exit;", "cannot write into packet", 7)]
    [InlineData("msg_ok", "sk_msg", "r2 = *(u64 *)(r1 + 0); r3 = *(u64 *)(r1 + 8); r0 = *(u32 *)(r1 + 68); r4 = r2; r4 += 4; if r4 > r3 goto l0; r0 = *(u32 *)(r2 + 0); *(u8 *)(r2 + 1) = r0; l0: r0 = 1; exit;", null, 12)]
    [InlineData("msg_narrow", "sk_msg", "r0 = *(u16 *)(r1 + 16); r0 = 1; exit;", "invalid bpf_context access off=16 size=2", 1)]
    [InlineData("lk_ok", "sk_lookup", "r0 = *(u8 *)(r1 + 37); r0 = *(u32 *)(r1 + 36); r0 = *(u16 *)(r1 + 38); r0 = *(u8 *)(r1 + 65); r0 = 1; exit;", null, 6)]
    [InlineData("lk_write", "sk_lookup", "r0 = 0; *(u32 *)(r1 + 8) = r0; r0 = 1; exit;", "invalid bpf_context access off=8 size=4", 2)]
    [InlineData("lk_ret", "sk_lookup", "r0 = 2; exit;", "At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]", 2)]
    [InlineData("rp_eth1", "sk_reuseport", "r0 = *(u8 *)(r1 + 20); r0 = 1; exit;", "invalid bpf_context access off=20 size=1", 1)]
    [InlineData("rp_ok", "sk_reuseport", "r0 = *(u16 *)(r1 + 20); r0 = *(u32 *)(r1 + 32); r0 = *(u64 *)(r1 + 48); r0 = 1; exit;", null, 5)]
    [InlineData("skb_mark", "sk_skb/stream_verdict", "r0 = *(u32 *)(r1 + 8); r0 = 1; exit;", "invalid bpf_context access off=8 size=4", 1)]
    [InlineData("skb_pkt_w", "sk_skb/stream_verdict", "r2 = *(u32 *)(r1 + 76); r3 = *(u32 *)(r1 + 80); r4 = r2; r4 += 1; if r4 > r3 goto l0; r0 = 0; *(u8 *)(r2 + 0) = r0; l0: r0 = 1; exit;", null, 11)]
    [InlineData("lwt_pkt_w", "lwt_in", "r2 = *(u32 *)(r1 + 76); r3 = *(u32 *)(r1 + 80); r4 = r2; r4 += 1; if r4 > r3 goto l0; r0 = 0; *(u8 *)(r2 + 0) = r0; l0: r0 = 1; exit;", "cannot write into packet", 7)]
    [InlineData("lwt_xmit_pkt_w", "lwt_xmit", "r2 = *(u32 *)(r1 + 76); r3 = *(u32 *)(r1 + 80); r4 = r2; r4 += 1; if r4 > r3 goto l0; r0 = 0; *(u8 *)(r2 + 0) = r0; l0: r0 = 1; exit;", null, 11)]
    [InlineData("fd_keys", "flow_dissector", "r2 = *(u64 *)(r1 + 144); r0 = *(u16 *)(r2 + 54); r0 = 0; *(u32 *)(r2 + 52) = r0; r0 = 1; exit;", null, 6)]
    [InlineData("fd_keys_past", "flow_dissector", "r2 = *(u64 *)(r1 + 144); r0 = *(u32 *)(r2 + 54); r0 = 1; exit;", "invalid access to flow keys off=54 size=4", 2)]
    [InlineData("sopt_ret_w", "cgroup/getsockopt", "r0 = 0; *(u32 *)(r1 + 36) = r0; r0 = 1; exit;", null, 4)]
    [InlineData("sopt_ret_set", "cgroup/setsockopt", "r0 = *(u32 *)(r1 + 36); r0 = 1; exit;", "invalid bpf_context access off=36 size=4", 1)]
    [InlineData("sopt_pkt_w", "cgroup/setsockopt", "r2 = *(u64 *)(r1 + 8); r3 = *(u64 *)(r1 + 16); r4 = r2; r4 += 1; if r4 > r3 goto l0; r0 = 0; *(u8 *)(r2 + 0) = r0; l0: r0 = 1; exit;", null, 11)]
    [InlineData("sysctl_w", "cgroup/sysctl", "r0 = 0; *(u32 *)(r1 + 4) = r0; r0 = *(u8 *)(r1 + 1); r0 = 1; exit;", null, 5)]
    [InlineData("dev_narrow", "cgroup/dev", "r0 = *(u16 *)(r1 + 4); r0 = 1; exit;", "invalid bpf_context access off=4 size=2", 1)]
    [InlineData("sys_any", "syscall", "r0 = *(u64 *)(r1 + 32760); r2 = 0; *(u8 *)(r1 + 3) = r2; r0 = 0; exit;", null, 5)]
    [InlineData("nf_bad", "netfilter", "r0 = *(u32 *)(r1 + 8); r0 = 1; exit;", "invalid bpf_context access off=8 size=4", 1)]
    [InlineData("xdp_narrow", "xdp", "r0 = *(u8 *)(r1 + 12); r0 = 2; exit;", "invalid bpf_context access off=12 size=1", 1)]
    [InlineData("xdp_egress", "xdp/devmap", "r0 = *(u32 *)(r1 + 20); r0 = 2; exit;", null, 3)]
    [InlineData("sf_ldsx", "socket", "r0 = *(s8 *)(r1 + 0); r2 = r10; *(u64 *)(r1 + 48) = r2; r0 = 0; exit;", null, 5)]
    [InlineData("ldabs_ok", "socket", "r6 = r1; r0 = *(u8 *)skb[12]; r7 = r0; r0 = *(u32 *)skb[r7]; r0 = 0; exit;", null, 6)]
    [InlineData("ldabs_r1_clobbered", "socket", "r6 = r1; r0 = *(u16 *)skb[12]; r0 = r1; exit;", "R1 !read_ok", 3)]
    [InlineData("ldabs_no_ctx", "socket", "r6 = 0; r0 = *(u16 *)skb[12]; r0 = 0; exit;", "at the time of BPF_LD_ABS|IND R6 != pointer to skb", 2)]
    [InlineData("ldabs_xdp", "xdp", "r6 = r1; r0 = *(u16 *)skb[12]; r0 = 2; exit;", "BPF_LD_[ABS|IND] instructions not allowed for this program type", 2)]
    [InlineData("ldabs_mod_ctx", "socket", "r6 = r1; r6 += 4; r0 = *(u16 *)skb[12]; r0 = 0; exit;", "dereference of modified ctx ptr R6 off=4 disallowed", 3)]
    [InlineData("same_insn_ptrs", "socket", "r6 = r1; r1 = 0; *(u64 *)(r10 - 8) = r1; call 7; r1 = r6; if r0 == 0 goto l0; r1 = r10; r1 += -8; l0: r0 = *(u32 *)(r1 + 0); r0 = 0; exit;", "same insn cannot be used with different pointers", 12)]
    [InlineData("skb_sk_fields", "tc", "r1 = *(u64 *)(r1 + 168); if r1 == 0 goto l0; r0 = *(u32 *)(r1 + 4); r0 = *(u32 *)(r1 + 8); l0: r0 = 0; exit;", "R1 invalid sock_common access off=8 size=4", 4)]
    [InlineData("skb_sk_common_ok", "tc", "r1 = *(u64 *)(r1 + 168); if r1 == 0 goto l0; r0 = *(u32 *)(r1 + 4); r0 = *(u16 *)(r1 + 48); l0: r0 = 0; exit;", null, 8)]
    [InlineData("r_unix_recv", "cgroup/recvmsg_unix", "r0 = 0; exit;", "At program exit the register R0 has smin=0 smax=0 should have been in [1, 1]", 2)]
    [InlineData("r_bind6", "cgroup/bind6", "r0 = 4; exit;", "At program exit the register R0 has smin=4 smax=4 should have been in [0, 3]", 2)]
    [InlineData("r_sock", "cgroup/sock_create", "r0 = 2; exit;", "At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]", 2)]
    [InlineData("r_skskb", "sk_skb/stream_verdict", "r0 = 5; exit;", null, 2)]
    [InlineData("r_dev", "cgroup/dev", "r0 = 2; exit;", "At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]", 2)]
    [InlineData("tcp_sock_bad", "tc", "r1 = *(u64 *)(r1 + 168); if r1 == 0 goto l0; call 96; if r0 == 0 goto l0; r1 = *(u64 *)(r0 + 96); l0: r0 = 0; exit;", "R0 invalid tcp_sock access off=96 size=8", 5)]
    [InlineData("fullsock_rx", "tc", "r1 = *(u64 *)(r1 + 168); if r1 == 0 goto l0; call 95; if r0 == 0 goto l0; r1 = *(u16 *)(r0 + 76); l0: r0 = 0; exit;", null, 10)]

    public void MatchesKernel(string name, string section, string asm, string? error, int insns)
    {
        var r = Verify(section, asm, name);
        if (error == null)
            Assert.True(r.Accepted, r.Log);
        else
            Assert.Equal(error, r.ErrorLine);
        Assert.Equal(insns, r.Stats.TotalInsns);
    }

    [Fact]
    public void TcpSockUpperHalfReadIsNotAccepted()
    {
        // tcp_sock_hi: the kernel's verification passes, then its ctx access conversion refuses the program.
        var r = Verify("tc", "r1 = *(u64 *)(r1 + 168); if r1 == 0 goto l0; call 96; if r0 == 0 goto l0; r1 = *(u32 *)(r0 + 84); r1 = *(u64 *)(r0 + 88); l0: r0 = 0; exit;");
        Assert.False(r.Accepted);
        Assert.StartsWith("bpfv: unsupported: tcp_sock read off=84 size=4", r.ErrorLine);
    }

    [Fact]
    public void AttachTypeSelectsSockAddrFields()
    {
        var (obj, prog) = TestProgram.Build("r2 = *(u32 *)(r1 + 4); r0 = 1; exit;");
        var v4 = prog with { Type = ProgramType.CgroupSockAddr, ExpectedAttachType = AttachType.CgroupInet4Connect };
        var v6 = prog with { Type = ProgramType.CgroupSockAddr, ExpectedAttachType = AttachType.CgroupInet6Connect };
        Assert.True(BpfVerifier.Verify(obj with { Programs = [v4] }, v4, new VerifierOptions()).Accepted);
        Assert.Equal("invalid bpf_context access off=4 size=4",
            BpfVerifier.Verify(obj with { Programs = [v6] }, v6, new VerifierOptions()).ErrorLine);
    }

    /// <summary>Verifies the program as libbpf would load it from <paramref name="section"/> (type and attach type).</summary>
    private static VerificationResult Verify(string section, string asm, string name = "test")
    {
        var (obj, prog) = TestProgram.Build(asm);
        var cls = SectionClassifier.Classify(section, "ctx_cases.o", legacy: false);
        prog = prog with { Name = name, SectionName = section, Type = cls.Type, ExpectedAttachType = cls.ExpectedAttachType };
        return BpfVerifier.Verify(obj with { Programs = [prog] }, prog, new VerifierOptions { LogLevel = 1 | 4 });
    }
}
