using Bpf.Btf;
using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// tcp_congestion_ops struct_ops programs and BPF arenas; expectations from the live 6.18 kernel on
/// Data/structops_cases.c (each struct_ops case loaded as an object of its own).
/// </summary>
public class StructOpsArenaTests
{
    private const uint ArenaMapType = 33, MmapableFlag = 1024;

    private static readonly MapSpec Arena = new() { Name = "arena", Type = ArenaMapType, KeySize = 0, ValueSize = 0, MaxEntries = 2, Flags = MmapableFlag };

    /// <summary>A tcp_congestion_ops program implementing <paramref name="member"/>.</summary>
    private static VerificationResult TcpCa(string asm, string member, int logLevel = 1)
    {
        var (obj, prog) = TestProgram.Build(asm);
        uint st = KernelBtf.Embedded.FindByName("tcp_congestion_ops", BtfKind.Struct);
        int index = Enumerable.Range(0, KernelBtf.Embedded.Vlen(st)).First(i => KernelBtf.Embedded.MemberName(st, i) == member);
        prog = prog with
        {
            Type = ProgramType.StructOps,
            ExpectedAttachType = (AttachType)index,
            AttachBtfId = st,
            StructOpsMember = "tcp_congestion_ops." + member,
            SectionName = "struct_ops/" + member,
        };
        obj = obj with { Programs = [prog] };
        return BpfVerifier.Verify(obj, prog, new VerifierOptions { LogLevel = logLevel | 4, NrCpus = TestProgram.KernelNrCpus });
    }

    /// <summary>A sleepable syscall program (libbpf's SEC("syscall")) with the arena map.</summary>
    private static VerificationResult Syscall(string asm, ProgramType type = ProgramType.Syscall, MapSpec[]? maps = null, int logLevel = 1)
    {
        var (obj, prog) = TestProgram.Build(asm, type, maps ?? [Arena]);
        prog = prog with { Sleepable = type == ProgramType.Syscall, SectionName = type == ProgramType.Syscall ? "syscall" : "tc" };
        obj = obj with { Programs = [prog] };
        return BpfVerifier.Verify(obj, prog, new VerifierOptions { LogLevel = logLevel | 4, NrCpus = TestProgram.KernelNrCpus });
    }

    [Fact]
    public void VoidMemberNeedsNoReturnValue()
    {
        // h_void: init returns void, so R0 is never read at exit.
        var r = TcpCa("exit;", "init");
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(1, r.Stats.TotalInsns);
    }

    [Theory]
    [InlineData("call 118; r0 = 0; exit;", "ssthresh", null, 3)] // h_jiffies: the base set
    [InlineData("call 160; r0 = 0; exit;", "ssthresh", null, 3)] // h_coarse: ktime_get_coarse_ns
    [InlineData("r1 = *(u64 *)(r1 + 0); r2 = 0; call 116; r0 = 0; exit;", "ssthresh", null, 5)] // h_sendack
    [InlineData("call 26; r0 = 0; exit;", "ssthresh", "program of this type cannot use helper bpf_skb_load_bytes#26", 1)]
    [InlineData("r1 = *(u64 *)(r1 + 0); call 57; exit;", "release", "program of this type cannot use helper bpf_getsockopt#57", 2)]
    public void TcpCongestionOpsHelpers(string asm, string member, string? error, int insns)
    {
        var r = TcpCa(asm, member);
        Assert.Equal(error == null, r.Accepted);
        if (error != null)
            Assert.Equal(error, r.ErrorLine);
        Assert.Equal(insns, r.Stats.TotalInsns);
    }

    [Theory]
    [InlineData(1256, "u8", null, 5)] // w_pend: icsk_ack.pending
    [InlineData(1257, "u8", "no write support to tcp_sock at off 1257", 3)] // w_pend1
    [InlineData(488, "u64", null, 5)] // sk_pacing_rate
    [InlineData(1944, "u32", null, 5)] // snd_cwnd_stamp
    public void TcpSockWrites(int off, string size, string? error, int insns)
    {
        var r = TcpCa($"r1 = *(u64 *)(r1 + 0); r2 = 1; *({size} *)(r1 + {off}) = r2; r0 = 0; exit;", "ssthresh");
        Assert.Equal(error == null, r.Accepted);
        if (error != null)
            Assert.Equal(error, r.ErrorLine);
        Assert.Equal(insns, r.Stats.TotalInsns);
    }

    [Fact]
    public void CongestionControlKfuncs()
    {
        // k_undo: the trusted sock argument is promoted to tcp_sock, which starts with a struct sock.
        var r = TcpCa("r1 = *(u64 *)(r1 + 0); call tcp_reno_undo_cwnd; exit;", "undo_cwnd", logLevel: 2);
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(3, r.Stats.TotalInsns);
        Assert.Contains("1: (85) call tcp_reno_undo_cwnd#", r.Log);
        // k_tc: the set is registered for struct_ops only.
        var tc = TestProgram.Verify("r1 = 0; call tcp_reno_undo_cwnd; r0 = 0; exit;", ProgramType.SchedCls);
        Assert.Equal("calling kernel function tcp_reno_undo_cwnd is not allowed", tc.ErrorLine);
        Assert.Equal(2, tc.Stats.TotalInsns);
    }

    private const string AllocPage = "r1 = arena ll; r2 = 0; w3 = 1; w4 = -1; r5 = 0; call bpf_arena_alloc_pages;";

    [Fact]
    public void ArenaPointers()
    {
        // arena_rw: the kfunc returns a scalar; addr_space_cast makes it a 32-bit arena pointer that loads and
        // stores and any arithmetic keep as it is; the cast back to user space is a scalar.
        var r = Syscall(AllocPage + "if r0 == 0 goto l0; r6 = r0; r1 = addr_space_cast(r0, 0, 1); w2 = 5; *(u32 *)(r1 + 0) = r2;" +
            "r3 = *(u64 *)(r1 + 8); r1 += r3; r0 = *(u8 *)(r1 + 0); r7 = addr_space_cast(r6, 1, 0);" +
            "r1 = arena ll; r2 = r6; w3 = 1; call bpf_arena_free_pages; l0: r0 = 0; exit;", logLevel: 2);
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(22, r.Stats.TotalInsns);
        Assert.Equal(1, r.Stats.PeakStates);
        Assert.Contains("0: (18) r1 = 0xffff888100000000       ; R1=map_ptr(map=arena,ks=0,vs=0)\n", r.Log);
        Assert.Contains("9: (bf) r1 = addr_space_cast(r0, 0, 1)        ; R0=scalar(id=1,umin=1) R1=arena\n", r.Log);
        Assert.Contains("13: (0f) r1 += r3                     ; R1=arena R3=scalar()\n", r.Log);
        Assert.Contains("14: (71) r0 = *(u8 *)(r1 +0)          ; R0=scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff)) R1=arena\n", r.Log);
        Assert.Contains("15: (bf) r7 = addr_space_cast(r6, 1, 0)       ; R6=scalar(id=1,umin=1) R7=scalar()\n", r.Log);
    }

    [Fact]
    public void ArenaRefusals()
    {
        // arena_cast_bad_imm, arena_cast_no_arena (noarena.o), arena_alloc_not_sleepable, arena_alloc_bad_map.
        var r = Syscall("r1 = arena ll; r0 = 0; r1 = addr_space_cast(r0, 0, 2); r0 = 0; exit;");
        Assert.Equal("addr_space_cast insn can only convert between address space 1 and 0", r.ErrorLine);
        Assert.Equal(3, r.Stats.TotalInsns);
        r = Syscall("r0 = 0; r1 = addr_space_cast(r0, 0, 1); r0 = 0; exit;", maps: []);
        Assert.Equal("addr_space_cast insn can only be used in a program that has an associated arena", r.ErrorLine);
        Assert.Equal(2, r.Stats.TotalInsns);
        r = Syscall(AllocPage + "r0 = 0; exit;", ProgramType.SchedCls);
        Assert.Equal("program must be sleepable to call sleepable kfunc bpf_arena_alloc_pages", r.ErrorLine);
        Assert.Equal(6, r.Stats.TotalInsns);
        r = Syscall("r1 = 0; r2 = 0; w3 = 1; w4 = -1; r5 = 0; call bpf_arena_alloc_pages; r0 = 0; exit;");
        Assert.Equal("Possibly NULL pointer passed to trusted arg0", r.ErrorLine);
        Assert.Equal(6, r.Stats.TotalInsns);
    }

    private const string ArenaNull = "r1 = arena ll; r0 = 0; r1 = addr_space_cast(r0, 0, 1);";

    [Theory]
    [InlineData("w1 += 8; r0 = *(u64 *)(r1 + 0); r0 = 0; exit;", null, 7)] // e_alu32
    [InlineData("r2 = 3; r1 *= r2; r0 = *(u64 *)(r1 + 0); r0 = 0; exit;", null, 8)] // e_mul
    [InlineData("r2 = 4; r2 += r1; r0 = *(u64 *)(r2 + 0); r0 = 0; exit;", null, 8)] // e_scalar_plus
    [InlineData("r2 = r10; r1 -= r2; r0 = 0; exit;", null, 7)] // e_sub_ptrs
    [InlineData("r2 = 5; if r1 > r2 goto l0; r0 = *(u64 *)(r1 + 0); l0: r0 = 0; exit;", null, 10)] // e_cmp
    [InlineData("*(u64 *)(r10 - 8) = r1; r3 = *(u64 *)(r10 - 8); r0 = *(u64 *)(r3 + 0); r0 = 0; exit;", null, 8)] // e_spill
    [InlineData("*(u64 *)(r1 + 0) = 7; r0 = 0; exit;", null, 6)] // e_st
    [InlineData("*(u64 *)(r1 + 0) = r10; r0 = 0; exit;", null, 6)] // e_ptr_store
    [InlineData("r0 = *(s32 *)(r1 + 0); r0 = 0; exit;", null, 6)] // e_sx
    [InlineData("r0 = r1; exit;", null, 5)] // e_ret
    [InlineData("r2 = 1; lock *(u64 *)(r1 + 0) += r2; r2 = atomic_fetch_add((u64 *)(r1 + 0), r2); r0 = 0; exit;", null, 8)] // at_add
    [InlineData("r2 = 1; r2 = atomic_fetch_or((u64 *)(r1 + 0), r2); r0 = 0; exit;", "BPF_ATOMIC stores into R1 arena is not allowed", 5)] // at_or_fetch
    [InlineData("w2 = w1; r0 = *(u64 *)(r2 + 0); r0 = 0; exit;", "R2 invalid mem access 'scalar'", 5)] // e_mov32
    [InlineData("r1 = -r1; r0 = *(u64 *)(r1 + 0); r0 = 0; exit;", "R1 invalid mem access 'scalar'", 5)] // e_neg
    [InlineData("r1 = be16 r1; r0 = *(u64 *)(r1 + 0); r0 = 0; exit;", "R1 invalid mem access 'scalar'", 5)] // e_bswap
    [InlineData("r2 = 8; r3 = 0; call 113; r0 = 0; exit;",
        "R1 type=arena expected=fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_", 6)] // e_helper
    public void ArenaPointerOperations(string asm, string? error, int insns)
    {
        var r = Syscall(ArenaNull + asm);
        Assert.Equal(error == null, r.Accepted);
        if (error != null)
            Assert.Equal(error, r.ErrorLine);
        Assert.Equal(insns, r.Stats.TotalInsns);
    }

    [Fact]
    public void SmpProcessorIdIsBelowNrCpuIds()
    {
        // smp_range: do_refine_retval_range bounds R0 by nr_cpu_ids - 1 (2 CPUs on the reference machine), so the
        // branch is decided; arena_htab_asm indexes per-CPU arrays with it.
        var r = TestProgram.Verify("call 8; if r0 > 1 goto l0; r0 = 0; exit; l0: r0 = 1; exit;", logLevel: 2);
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(4, r.Stats.TotalInsns);
        Assert.Contains("0: (85) call bpf_get_smp_processor_id#8       ; R0=scalar(smin=smin32=0,smax=umax=smax32=umax32=1,var_off=(0x0; 0x1))\n", r.Log);
    }
}
