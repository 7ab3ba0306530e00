using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// Helper calls of Data/helpers_cases.c (clang-19 -O2 -g --target=bpf -mcpu=v3): verdict, error line and processed
/// instructions as the Linux 6.18 verifier gave them through veristat.
/// </summary>
public class HelperTests
{
    private static readonly MapSpec RingbufMap = new() { Name = "m_ringbuf", Type = 27, KeySize = 0, ValueSize = 0, MaxEntries = 4096 };
    private static readonly MapSpec[] Maps = [TestProgram.ArrayMap, RingbufMap];

    private const string Tuple = "r2 = 0; *(u64 *)(r10 - 8) = r2; *(u64 *)(r10 - 16) = r2; r2 = r10; r2 += -16; r3 = 12; r4 = 0; r5 = 0; call 84;";
    private const string Reserve = "r1 = %[m_ringbuf] ll; r2 = 8; r3 = 0; call 131;";

    [Theory]
    [InlineData("sk_release_ok", ProgramType.SchedCls, Tuple + " if r0 == 0 goto l0; r1 = r0; call 86; l0: r0 = 0; exit;", 15)]
    // A NULL check of sk_fullsock's result (a cast sharing the socket's reference) does not release the socket.
    [InlineData("fullsock_null_keeps_ref", ProgramType.SchedCls, "r6 = r1; r2 = 0; *(u64 *)(r10 - 8) = r2; *(u64 *)(r10 - 16) = r2; " +
        "r1 = r6; r2 = r10; r2 += -16; r3 = 12; r4 = -1; r5 = 0; call 84; if r0 == 0 goto l1; r7 = r0; r1 = r0; call 95; " +
        "if r0 == 0 goto l0; r0 = *(u32 *)(r0 + 4); l0: r1 = r7; call 86; l1: r0 = 0; exit;", 26)]
    [InlineData("csum_diff_null", ProgramType.SchedCls, "r1 = 0; r2 = 0; r3 = 0; r4 = 0; r5 = 0; call 28; r0 = 0; exit;", 8)]
    [InlineData("ringbuf_ok", ProgramType.SocketFilter, Reserve + " if r0 == 0 goto l0; r1 = r0; r2 = 0; call 132; l0: r0 = 0; exit;", 11)]
    [InlineData("task_btf", ProgramType.SocketFilter, "call 158; r0 = 0; exit;", 3)]
    // probe_read_kernel_str returns at most the buffer size: the s> 16 branch is dead.
    [InlineData("probe_str_range", ProgramType.SocketFilter, "r1 = r10; r1 += -16; r2 = 16; r3 = 0; call 115; if r0 s> 16 goto l0; r0 = 0; exit; l0: r0 = *(u64 *)(r9 + 0); exit;", 8)]
    public void Accepted(string name, ProgramType type, string asm, int insns)
    {
        var r = TestProgram.Verify(asm, type, maps: Maps);
        Assert.True(r.Accepted, $"{name}: {r.ErrorLine}\n{r.Log}");
        Assert.Equal(insns, r.Stats.TotalInsns);
    }

    [Theory]
    [InlineData("cannot_use", ProgramType.SocketFilter, "r2 = 0; r3 = r10; r3 += -8; r4 = 1; r5 = 0; call 9; r0 = 0; exit;", "program of this type cannot use helper bpf_skb_store_bytes#9", 6)]
    [InlineData("stackid_in_socket", ProgramType.SocketFilter, "call 27; r0 = 0; exit;", "program of this type cannot use helper bpf_get_stackid#27", 1)]
    [InlineData("sk_leak", ProgramType.SchedCls, Tuple + " r0 = 0; exit;", "BPF_EXIT instruction in main prog would lead to reference leak", 11)]
    [InlineData("release_null", ProgramType.SchedCls, "r1 = 0; call 86; r0 = 0; exit;", "R1 type=scalar expected=sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_", 2)]
    [InlineData("release_unreferenced", ProgramType.SchedCls, "r1 = *(u64 *)(r1 + 168); if r1 == 0 goto l0; call 86; l0: r0 = 0; exit;", "R1 must be referenced when passed to release function", 3)]
    [InlineData("pkt_invalidated", ProgramType.Xdp, "r6 = r1; r2 = *(u32 *)(r1 + 0); r3 = *(u32 *)(r1 + 4); r4 = r2; r4 += 8; if r4 > r3 goto l0; r7 = r2; r1 = r6; r2 = 0; call 44; r0 = *(u8 *)(r7 + 0); l0: r0 = 2; exit;", "R7 invalid mem access 'scalar'", 11)]
    [InlineData("ringbuf_leak", ProgramType.SocketFilter, Reserve + " r0 = 0; exit;", "BPF_EXIT instruction in main prog would lead to reference leak", 6)]
    [InlineData("map_value_to_release", ProgramType.SocketFilter, Reserve + " if r0 == 0 goto l0; r0 += 8; r1 = r0; r2 = 0; call 132; l0: r0 = 0; exit;", "R1 must have zero offset when passed to release func or trusted arg to kfunc", 9)]
    [InlineData("check_mtu_misaligned", ProgramType.SchedCls, "r2 = 0; r3 = r10; r3 += -6; r4 = 0; r5 = 0; call 163; r0 = 0; exit;", "misaligned stack access off 0+-6+0 size 4", 6)]
    [InlineData("might_sleep", ProgramType.Kprobe, "r1 = r10; r1 += -8; r2 = 8; r3 = 0; call 148; r0 = 0; exit;", "helper call might sleep in a non-sleepable prog", 5)]
    [InlineData("tail_call_array", ProgramType.SocketFilter, "r2 = %[m_array] ll; r3 = 0; call 12; r0 = 0; exit;", "expected prog array map for tail call", 3)]
    [InlineData("get_func_ip_tp", ProgramType.Tracepoint, "call 173; r0 = 0; exit;", "func bpf_get_func_ip#173 not supported for program type 5", 1)]
    public void Rejected(string name, ProgramType type, string asm, string error, int insns)
    {
        var r = TestProgram.Verify(asm, type, maps: Maps);
        Assert.False(r.Accepted, name);
        Assert.Equal(error, r.ErrorLine);
        Assert.Equal(insns, r.Stats.TotalInsns);
    }

    [Fact]
    public void LeakListsEachReference()
    {
        var r = TestProgram.Verify(Tuple + " r0 = 0; exit;", ProgramType.SchedCls, maps: Maps);
        Assert.Contains("Unreleased reference id=2 alloc_insn=8\nBPF_EXIT instruction in main prog would lead to reference leak\n", r.Log);
    }

    [Fact]
    public void GplOnlyHelperInNonGplProgram()
    {
        // bpf_get_current_task (#35) is GPL-only; the license check comes before the arguments.
        var r = TestProgram.Verify("call 35; r0 = 0; exit;", license: "Proprietary");
        Assert.Equal("cannot call GPL-restricted function from non-GPL compatible program", r.ErrorLine);
    }

    [Fact]
    public void UnknownProgramTypeChainStaysUnsupported()
    {
        var r = TestProgram.Verify("call 5; r0 = 0; exit;", ProgramType.LircMode2);
        Assert.True(r.Unsupported, r.ErrorLine);
    }

    /// <summary>Every helper id of 6.18 has a prototype, a callback-helper entry, or is listed as not modelled.</summary>
    [Fact]
    public void TableAccountsForEveryHelperId()
    {
        var missing = new List<int>();
        for (int id = 1; id < Bpf.Isa.HelperNames.Count; id++)
        {
            bool modelled = Platform.HelperTable.IsModelled(id);
            bool listed = Array.IndexOf(Platform.HelperTable.NotModelled, id) >= 0;
            if (modelled == listed)
                missing.Add(id);
        }
        Assert.True(missing.Count == 0, "helper ids modelled and listed, or neither: " + string.Join(", ", missing));
        Assert.Equal(212, Bpf.Isa.HelperNames.Count);
    }

    private static readonly MapSpec SockMap = new() { Name = "m_sockmap", Type = 15, KeySize = 4, ValueSize = 4, MaxEntries = 1 };
    private const string SockmapLookup =
        "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[m_sockmap] ll; call 1;";

    /// <summary>A sockmap lookup acquires the socket: map_value_or_null until the NULL check, then sock (Data/sockmap_cases.c).</summary>
    [Fact]
    public void SockmapLookupIsAReferencedSocket()
    {
        var ok = TestProgram.Verify(SockmapLookup + " if r0 == 0 goto l0; r1 = r0; call 86; l0: r0 = 0; exit;",
            ProgramType.SchedCls, 1, [SockMap]);
        Assert.True(ok.Accepted, ok.ErrorLine);
        Assert.Equal(12, ok.Stats.TotalInsns);
        var leak = TestProgram.Verify(SockmapLookup + " r0 = 0; exit;", ProgramType.SchedCls, 1, [SockMap]);
        Assert.Equal("BPF_EXIT instruction in main prog would lead to reference leak", leak.ErrorLine);
        Assert.Equal(8, leak.Stats.TotalInsns);
        Assert.Contains("R0=map_value_or_null(id=2,ref_obj_id=2,map=m_sockmap,ks=4,vs=4) refs=2", leak.Log);
        Assert.Contains("Unreleased reference id=2 alloc_insn=6\n", leak.Log);
    }

    /// <summary>
    /// A socket from a sockmap keeps its map (the kernel leaves reg->map_ptr set), so at a join it is not equal to a
    /// socket from bpf_sk_lookup_udp and the second path is explored on (Data/sockmap_cases.c, 40 insns; 37 when
    /// bpfv pruned it).
    /// </summary>
    [Fact]
    public void SockmapSocketIsNotEqualToALookedUpSocket()
    {
        const string asm = "r6 = r1; r1 = 0; *(u64 *)(r10 - 16) = r1; *(u64 *)(r10 - 8) = r1; r2 = *(u32 *)(r6 + 8);"
            + " if r2 == 0 goto lmap; r1 = r6; r2 = r10; r2 += -16; r3 = 12; r4 = -1; r5 = 0; call 85; if r0 == 0 goto lout;"
            + " r7 = 0; r7 = 0; r7 = 0; r7 = 0; r7 = 0; r7 = 0; r7 = 0; r7 = 0; goto ljoin;"
            + " lmap: r2 = r10; r2 += -4; r1 = %[m_sockmap] ll; call 1; if r0 == 0 goto lout;"
            + " ljoin: r1 = r0; call 86; lout: r0 = 0; exit;";
        var r = TestProgram.Verify(asm, ProgramType.SchedCls, 1, [SockMap]);
        Assert.True(r.Accepted, r.ErrorLine);
        Assert.Equal(40, r.Stats.TotalInsns);
        Assert.Equal(3, r.Stats.PeakStates);
    }

    /// <summary>
    /// A map-in-map lookup is a map_value_or_null of the outer map until the NULL check makes it the inner map
    /// (verifier_map_in_map on_the_inner_map_pointer: "R1 type=map_value_or_null expected=map_ptr" on Linux 6.18).
    /// </summary>
    [Fact]
    public void MapInMapLookupIsTheOuterMapsValueUntilTheNullCheck()
    {
        var inner = new MapSpec { Name = "inner", Type = 2, KeySize = 4, ValueSize = 4, MaxEntries = 1 };
        var outer = new MapSpec { Name = "map_in_map", Type = 12, KeySize = 4, ValueSize = 4, MaxEntries = 1, InnerMap = inner };
        const string lookup = "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = %[map_in_map] ll; call 1;";
        var bad = TestProgram.Verify(lookup + " r2 = r10; r2 += -4; r1 = r0; call 1; r0 = 0; exit;", ProgramType.SocketFilter, 2, [outer]);
        Assert.Equal("R1 type=map_value_or_null expected=map_ptr", bad.ErrorLine);
        Assert.Contains("R0=map_value_or_null(id=1,map=map_in_map,ks=4,vs=4)", bad.Log);
        var ok = TestProgram.Verify(lookup + " if r0 == 0 goto l0; r2 = r10; r2 += -4; r1 = r0; call 1; l0: r0 = 0; exit;",
            ProgramType.SocketFilter, 1, [outer]);
        Assert.True(ok.Accepted, ok.ErrorLine);
    }
}
