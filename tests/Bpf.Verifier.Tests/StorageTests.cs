using Bpf.Btf;
using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// Local storage helpers, bpf_timer helpers with their async callback, and the NULL inference of a pointer
/// compared with another: programs of Data/storage_cases.c (clang-19 -O2 -g --target=bpf -mcpu=v3) with the verdict,
/// error line and processed instructions the Linux 6.18 verifier gave through veristat.
/// </summary>
public class StorageTests
{
    private static readonly MapSpec TaskMap = new() { Name = "task_map", Type = 29, KeySize = 4, ValueSize = 8, MaxEntries = 0, Flags = 1 };
    private static readonly MapSpec CgrpMap = new() { Name = "cgrp_map", Type = 32, KeySize = 4, ValueSize = 8, MaxEntries = 0, Flags = 1 };

    [Theory]
    [InlineData("call 158; r2 = r0; r1 = task_map ll; r3 = 0; r4 = 1; call 156; if r0 == 0 goto l0; r1 = 1; *(u64 *)(r0 + 0) = r1; l0: r0 = 0; exit;", 12)]
    // A NULL owner is allowed (ARG_PTR_TO_BTF_ID_OR_NULL).
    [InlineData("r1 = task_map ll; r2 = 0; r3 = 0; r4 = 0; call 156; call 158; r2 = r0; r1 = task_map ll; call 157; r0 = 0; exit;", 11)]
    public void LocalStorageAccepted(string asm, int insns)
    {
        var r = TestProgram.Verify(asm, ProgramType.SocketFilter, maps: [TaskMap, CgrpMap]);
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(insns, r.Stats.TotalInsns);
    }

    [Theory]
    [InlineData("call 158; r2 = r0; r1 = task_map ll; r3 = 0; r4 = 1; call 156; r1 = 1; *(u64 *)(r0 + 0) = r1; r0 = 0; exit;",
        "R0 invalid mem access 'map_value_or_null'", 8)]
    [InlineData("r1 = task_map ll; r2 = 1; r3 = 0; r4 = 0; call 156; r0 = 0; exit;",
        "R2 type=scalar expected=ptr_, trusted_ptr_, rcu_ptr_", 5)]
    [InlineData("call 158; r2 = r0; r1 = cgrp_map ll; r3 = 0; r4 = 0; call 210; r0 = 0; exit;",
        "R2 is of type task_struct but cgroup is expected", 6)]
    [InlineData("r1 = task_map ll; r2 = 0; r3 = 0; r4 = 0; call 210; r0 = 0; exit;",
        "cannot pass map_type 29 into func bpf_cgrp_storage_get#210", 5)]
    public void LocalStorageRejected(string asm, string error, int insns)
    {
        var r = TestProgram.Verify(asm, ProgramType.SocketFilter, maps: [TaskMap, CgrpMap]);
        Assert.False(r.Accepted, r.Log);
        Assert.Equal(error, r.ErrorLine);
        Assert.Equal(insns, r.Stats.TotalInsns);
    }

    /// <summary>
    /// struct elem { long pad; struct bpf_timer t; } in an array (tmap) and a hash (tmap2), main(void *ctx) at 0
    /// and the static callback cb(void *map, int *key, struct elem *v) at <paramref name="cbStart"/> (if any).
    /// </summary>
    private static VerificationResult VerifyTimer(string asm, int cbStart, ProgramType type = ProgramType.SchedCls)
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        uint i64 = b.Int("long", 8, signed: true);
        uint u64 = b.Int("unsigned long long", 8);
        uint timer = b.Struct("bpf_timer", 16, new BtfBuilderMember("a", u64, 0), new BtfBuilderMember("b", u64, 64));
        uint elem = b.Struct("elem", 24, new BtfBuilderMember("pad", i64, 0), new BtfBuilderMember("t", timer, 64));
        uint voidPtr = b.Ptr(0);
        uint main = b.Func("prog", b.FuncProto(i32, ("ctx", voidPtr)));
        uint cb = b.Func("cb", b.FuncProto(i32, ("map", voidPtr), ("key", b.Ptr(i32)), ("v", b.Ptr(elem))), BtfLinkage.Static);
        MapSpec[] maps =
        [
            new() { Name = "tmap", Type = 2, KeySize = 4, ValueSize = 24, MaxEntries = 1, BtfValueTypeId = elem },
            new() { Name = "tmap2", Type = 1, KeySize = 4, ValueSize = 24, MaxEntries = 1, BtfValueTypeId = elem },
        ];
        var (obj, prog) = TestProgram.Build(asm, type, maps);
        prog = prog with { FuncInfos = cbStart > 0 ? [new FuncInfo(0, main), new FuncInfo(cbStart, cb)] : [new FuncInfo(0, main)] };
        obj = obj with { Btf = b.BuildSpec(), Programs = [prog] };
        return BpfVerifier.Verify(obj, prog, new VerifierOptions { LogLevel = 2 | 4 });
    }

    private const string LookupArray = "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = tmap ll; call 1; ";

    [Fact]
    public void TimerCallbackVerifiedAsItsOwnProgram()
    {
        var r = VerifyTimer(LookupArray + "if r0 == 0 goto l0; r6 = r0; r6 += 8; r1 = r6; r2 = tmap ll; r3 = 1; call 169; " +
            "r1 = r6; r2 = cb ll; call 170; r1 = r6; r2 = 1000; r3 = 0; call 171; r1 = r6; call 172; l0: r0 = 0; exit; " +
            "cb: w0 = 0; exit;", 27);
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(26, r.Stats.TotalInsns);
        Assert.Equal(2, r.Stats.TotalStates);
        Assert.Equal(2, r.Stats.PeakStates);
        // push_async_cb: a fresh frame 0 with the map, a key and the value; first_insn_idx is left zero.
        Assert.Contains("\nfrom 18 to 27: R1=map_ptr(map=tmap,ks=4,vs=24) R2=map_key(map=tmap,ks=4,vs=24) " +
            "R3=map_value(map=tmap,ks=4,vs=24) R10=fp0 async_cb\n", r.Log);
        Assert.Contains("mark_precise: frame0: last_idx 28 first_idx 0 subseq_idx -1 \n", r.Log);
    }

    [Theory]
    [InlineData(LookupArray + "if r0 == 0 goto l0; r1 = r0; r1 += 8; r2 = tmap2 ll; r3 = 1; call 169; l0: r0 = 0; exit;", 0,
        "timer pointer in R1 map_uid=0 doesn't match map pointer in R2 map_uid=0", 12)]
    [InlineData(LookupArray + "if r0 == 0 goto l0; r1 = r0; call 172; l0: r0 = 0; exit;", 0,
        "off 0 doesn't point to 'struct bpf_timer' that is at 8", 9)]
    [InlineData(LookupArray + "if r0 == 0 goto l0; r1 = r0; r1 += 8; r2 = cb ll; call 170; l0: r0 = 0; exit; cb: r0 = 1; exit;", 16,
        "At async callback return the register R0 has smin=1 smax=1 should have been in [0, 0]", 15)]
    [InlineData(LookupArray + "if r0 == 0 goto l0; r1 = r0; r1 += 8; r2 = r10; r2 += -8; call 170; l0: r0 = 0; exit;", 0,
        "R2 type=fp expected=func", 12)]
    [InlineData("r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = tmap2 ll; call 1; r1 = r0; r1 += 8; call 172; r0 = 0; exit;", 0,
        "R1 pointer arithmetic on map_value_or_null prohibited, null-check it first", 8)]
    public void TimerRejected(string asm, int cbStart, string error, int insns)
    {
        var r = VerifyTimer(asm, cbStart);
        Assert.False(r.Accepted, r.Log);
        Assert.Equal(error, r.ErrorLine);
        Assert.Equal(insns, r.Stats.TotalInsns);
    }

    [Fact]
    public void AsyncCallbackStackIsItsOwnCallChain()
    {
        // timer_cb_stack_too_deep: the callback (304 bytes) calls a function (264, rounded to 272); the main
        // program's ld_imm64 of the callback does not add the callback to its own chain.
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        uint u64 = b.Int("unsigned long long", 8);
        uint timer = b.Struct("bpf_timer", 16, new BtfBuilderMember("a", u64, 0), new BtfBuilderMember("b", u64, 64));
        uint elem = b.Struct("elem", 24, new BtfBuilderMember("pad", u64, 0), new BtfBuilderMember("t", timer, 64));
        uint proto = b.FuncProto(i32);
        uint main = b.Func("prog", proto);
        uint cb = b.Func("deep_cb", proto, BtfLinkage.Static);
        uint helper = b.Func("deep_helper", proto, BtfLinkage.Static);
        MapSpec[] maps = [new() { Name = "tmap", Type = 2, KeySize = 4, ValueSize = 24, MaxEntries = 1, BtfValueTypeId = elem }];
        var (obj, prog) = TestProgram.Build(LookupArray + "if r0 == 0 goto l0; r1 = r0; r1 += 8; r2 = cb ll; call 170; l0: r0 = 0; exit; " +
            "cb: r1 = 0; *(u64 *)(r10 - 304) = r1; call helper; r0 = 0; exit; " +
            "helper: r1 = 0; *(u64 *)(r10 - 264) = r1; r0 = 0; exit;", ProgramType.SchedCls, maps);
        prog = prog with { FuncInfos = [new FuncInfo(0, main), new FuncInfo(15, cb), new FuncInfo(20, helper)] };
        obj = obj with { Btf = b.BuildSpec(), Programs = [prog] };
        var r = BpfVerifier.Verify(obj, prog, new VerifierOptions { LogLevel = 1 | 4 });
        Assert.False(r.Accepted, r.Log);
        Assert.Equal("combined stack size of 2 calls is 576. Too large", r.ErrorLine);
        Assert.Equal(22, r.Stats.TotalInsns);
        Assert.Contains("stack depth 8+304+264\n", r.Log);
    }

    private const string TwoLookups = "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = tmap2 ll; call 1; r6 = r0; " +
        "r1 = 0; *(u32 *)(r10 - 8) = r1; r2 = r10; r2 += -8; r1 = tmap2 ll; call 1; r7 = r0; if r6 == 0 goto l0; ";

    [Fact]
    public void EqualToNonNullPointerIsNotNull()
    {
        var r = VerifyTimer(TwoLookups + "if r6 != r7 goto l0; r0 = *(u64 *)(r7 + 0); l0: r0 = 0; exit;", 0, ProgramType.Xdp);
        Assert.True(r.Accepted, r.Log);
        Assert.Equal(23, r.Stats.TotalInsns);
    }

    [Fact]
    public void DifferentFromNonNullPointerMayBeNull()
    {
        var r = VerifyTimer(TwoLookups + "if r6 == r7 goto l0; r0 = *(u64 *)(r7 + 0); l0: r0 = 0; exit;", 0, ProgramType.Xdp);
        Assert.False(r.Accepted);
        Assert.Equal("R7 invalid mem access 'map_value_or_null'", r.ErrorLine);
        Assert.Equal(17, r.Stats.TotalInsns);
    }
}
