using Bpf.Btf;
using Bpf.Object;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Tests;

/// <summary>
/// Special fields of map values (Data/graph_cases.c): bpf_spin_lock/unlock and kptr fields, with the Linux 6.18
/// verdicts, error lines and processed instruction counts from veristat on the clang-built object.
/// </summary>
public class GraphTests
{
    private const string Lookup = "r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = {0} ll; call 1; ";

    /// <summary>The BTF of graph_cases.c's maps: struct val { int cnt; struct bpf_spin_lock l; } and
    /// struct kval { long x; struct task_struct __kptr_untrusted *u; struct task_struct __kptr *r; }.</summary>
    private static (BtfSpec Btf, uint Val, uint KVal, uint Long) BuildBtf()
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        uint u32 = b.Int("unsigned int", 4);
        uint i64 = b.Int("long", 8, signed: true);
        uint lockT = b.Struct("bpf_spin_lock", 4, new BtfBuilderMember("val", u32, 0));
        uint val = b.Struct("val", 8, new BtfBuilderMember("cnt", i32, 0), new BtfBuilderMember("l", lockT, 32));
        uint task = b.Struct("task_struct", 4, new BtfBuilderMember("pid", i32, 0));
        uint untrusted = b.Ptr(b.TypeTag("kptr_untrusted", task));
        uint referenced = b.Ptr(b.TypeTag("kptr", task));
        uint kval = b.Struct("kval", 24, new BtfBuilderMember("x", i64, 0), new BtfBuilderMember("u", untrusted, 64),
            new BtfBuilderMember("r", referenced, 128));
        // struct plain_obj { long a; long b; } and struct lobj { struct bpf_spin_lock l; int data; }: ids 12 and 13.
        b.Struct("plain_obj", 16, new BtfBuilderMember("a", i64, 0), new BtfBuilderMember("b", i64, 64));
        b.Struct("lobj", 8, new BtfBuilderMember("l", lockT, 0), new BtfBuilderMember("data", i32, 32));
        return (b.BuildSpec(), val, kval, i64);
    }

    private const int PlainObj = 12, LockObj = 13;

    /// <summary>A tc program starting with a lookup of key 0 in <paramref name="map"/>; calls to named kfuncs are resolved.</summary>
    private static VerificationResult Verify(string body, string map = "m_lock", bool prefix = true)
    {
        var (btf, val, kval, lng) = BuildBtf();
        MapSpec[] maps =
        [
            new() { Name = "m_lock", Type = 2, KeySize = 4, ValueSize = 8, MaxEntries = 1, BtfValueTypeId = val },
            new() { Name = "m_plain", Type = 2, KeySize = 4, ValueSize = 8, MaxEntries = 1, BtfValueTypeId = lng },
            new() { Name = "m_kptr", Type = 2, KeySize = 4, ValueSize = 24, MaxEntries = 1, BtfValueTypeId = kval },
        ];
        return TestProgram.Verify((prefix ? string.Format(Lookup, map) : "") + body, ProgramType.SchedCls, 1, maps, btf: btf);
    }

    [Fact]
    public void ParsesMapValueRecord()
    {
        var (btf, val, kval, _) = BuildBtf();
        var rec = BtfRecordParser.Parse(btf, val, BtfRecordParser.MapValueMask, out var err);
        Assert.Null(err);
        Assert.Equal(4, rec!.SpinLockOff);
        var krec = BtfRecordParser.Parse(btf, kval, BtfRecordParser.MapValueMask, out _);
        Assert.Equal([BtfFieldKind.KptrUntrusted, BtfFieldKind.KptrRef], krec!.Fields.Select(f => f.Kind));
        Assert.Equal([8, 16], krec.Fields.Select(f => f.Offset));
    }

    [Theory]
    // lock_ok: success, 19 insns.
    [InlineData("if r0 == 0 goto l0; r6 = r0; r1 = r6; r1 += 4; call 93; r1 = *(u32 *)(r6 + 0); r1 += 1; *(u32 *)(r6 + 0) = r1; r1 = r6; r1 += 4; call 94; l0: r0 = 0; exit;", "m_lock", null, 19)]
    // lock_branches: success, 25 insns.
    [InlineData("if r0 == 0 goto l0; r6 = r0; call 7; r7 = r0; r1 = r6; r1 += 4; call 93; if r7 > 5 goto l1; r1 = 1; *(u32 *)(r6 + 0) = r1; l1: r1 = r6; r1 += 4; call 94; l0: r0 = 0; exit;", "m_lock", null, 25)]
    [InlineData("if r0 == 0 goto l0; r1 = r0; call 93; l0: r0 = 0; exit;", "m_lock", "off 0 doesn't point to 'struct bpf_spin_lock' that is at 4", 9)]
    [InlineData("if r0 == 0 goto l0; r0 = *(u32 *)(r0 + 4); l0: r0 = 0; exit;", "m_lock", "bpf_spin_lock cannot be accessed directly by load/store", 8)]
    [InlineData("if r0 == 0 goto l0; r1 = r0; r1 += 4; call 93; l0: r0 = 0; exit;", "m_lock", "BPF_EXIT instruction in main prog cannot be used inside bpf_spin_lock-ed region", 12)]
    [InlineData("if r0 == 0 goto l0; r6 = r0; r1 = r0; r1 += 4; call 93; call 7; r1 = r6; r1 += 4; call 94; l0: r0 = 0; exit;", "m_lock", "function calls are not allowed while holding a lock", 12)]
    [InlineData("if r0 == 0 goto l0; r1 = r0; r1 += 4; call 94; l0: r0 = 0; exit;", "m_lock", "bpf_spin_unlock without taking a lock", 10)]
    [InlineData("if r0 == 0 goto l0; r6 = r0; call 7; r0 &= 4; r1 = r6; r1 += r0; call 93; l0: r0 = 0; exit;", "m_lock", "R1 doesn't have constant offset. bpf_spin_lock has to be at the constant offset", 13)]
    [InlineData("if r0 == 0 goto l0; r6 = r0; r1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = m_lock ll; call 1; if r0 == 0 goto l0; r7 = r0; r1 = r6; r1 += 4; call 93; r1 = r7; r1 += 4; call 94; l0: r0 = 0; exit;", "m_lock", "bpf_spin_unlock of different lock", 22)]
    [InlineData("if r0 == 0 goto l0; r1 = r0; call 93; l0: r0 = 0; exit;", "m_plain", "map 'm_plain' has no valid bpf_spin_lock", 9)]
    // zero_size_in_lock: a zero-sized helper range starting inside the lock is still refused.
    [InlineData("if r0 == 0 goto l0; r1 = r0; r1 += 5; r2 = 0; r3 = 0; call 113; l0: r0 = 0; exit;", "m_lock", "bpf_spin_lock cannot be accessed directly by load/store", 12)]
    // The constant key of an array lookup makes R0 non-NULL (6.18): the lock is taken and never released.
    [InlineData("r1 = r0; r1 += 4; call 93; r0 = 0; exit;", "m_lock", "BPF_EXIT instruction in main prog cannot be used inside bpf_spin_lock-ed region", 11)]
    public void SpinLock(string body, string map, string? error, int insns)
    {
        var r = Verify(body, map);
        if (error == null)
            Assert.True(r.Accepted, r.Log);
        else
            Assert.Equal(error, r.ErrorLine);
        Assert.Equal(insns, r.Stats.TotalInsns);
    }

    [Fact]
    public void SpinLockArgumentType()
    {
        var (btf, _, _, _) = BuildBtf();
        var (obj, prog) = TestProgram.Build("r1 = 0; *(u64 *)(r10 - 8) = r1; r1 = r10; r1 += -8; call 93; r0 = 0; exit;", ProgramType.SchedCls);
        var r = BpfVerifier.Verify(obj with { Btf = btf }, prog, new VerifierOptions { LogLevel = 1 | 4 });
        Assert.Equal("R1 type=fp expected=map_value, ptr_", r.ErrorLine);
        Assert.Equal(5, r.Stats.TotalInsns);
    }

    [Theory]
    // kptr_load / kptr_load_ref: the field reads as ptr_or_null_task_struct (untrusted), 14 insns.
    [InlineData("if r0 == 0 goto l0; r1 = *(u64 *)(r0 + 8); if r1 == 0 goto l0; r0 = *(u32 *)(r1 + 0); l0: r0 = 0; exit;", null, 14)]
    [InlineData("if r0 == 0 goto l0; r1 = *(u64 *)(r0 + 16); if r1 == 0 goto l0; r0 = *(u32 *)(r1 + 0); l0: r0 = 0; exit;", null, 14)]
    [InlineData("if r0 == 0 goto l0; r1 = 0; *(u64 *)(r0 + 8) = r1; l0: r0 = 0; exit;", null, 11)]
    [InlineData("if r0 == 0 goto l0; r1 = 0; *(u64 *)(r0 + 16) = r1; l0: r0 = 0; exit;", "store to referenced kptr disallowed", 9)]
    [InlineData("if r0 == 0 goto l0; r1 = *(u32 *)(r0 + 8); l0: r0 = 0; exit;", "kptr access size must be BPF_DW", 8)]
    [InlineData("if r0 == 0 goto l0; r1 = *(u64 *)(r0 + 4); l0: r0 = 0; exit;", "kptr access misaligned expected=8 off=4", 8)]
    [InlineData("if r0 == 0 goto l0; *(u64 *)(r0 + 8) = 1; l0: r0 = 0; exit;", "BPF_ST imm must be 0 when storing to kptr at off=8", 8)]
    [InlineData("if r0 == 0 goto l0; r1 = r0; r2 = 16; r3 = 0; call 113; l0: r0 = 0; exit;", "kptr cannot be accessed indirectly by helper", 11)]
    public void KptrFields(string body, string? error, int insns)
    {
        var r = Verify(body, "m_kptr");
        if (error == null)
            Assert.True(r.Accepted, r.Log);
        else
            Assert.Equal(error, r.ErrorLine);
        Assert.Equal(insns, r.Stats.TotalInsns);
    }

    [Theory]
    // xchg_ok: the old value comes back referenced and maybe NULL, 22 insns, 2 states.
    [InlineData("r6 = r0; if r6 == 0 goto l0; w1 = 1; call bpf_task_from_pid; if r0 == 0 goto l0; r6 += 16; r1 = r6; r2 = r0; call 194; if r0 == 0 goto l0; r1 = r0; call bpf_task_release; l0: w0 = 0; exit;", null, 22)]
    // xchg_null: NULL swapped in, 18 insns.
    [InlineData("if r0 == 0 goto l0; r0 += 16; r1 = r0; r2 = 0; call 194; if r0 == 0 goto l0; r1 = r0; call bpf_task_release; l0: w0 = 0; exit;", null, 18)]
    // xchg_leak (clang's code, its own prologue): the old value is not released on the non-NULL path.
    [InlineData("w6 = 0; *(u32 *)(r10 - 4) = r6; r2 = r10; r2 += -4; r1 = m_kptr ll; call 1; r7 = r0; if r7 == 0 goto l0; w8 = 1; w1 = 1; call bpf_task_from_pid; if r0 == 0 goto l0; r7 += 16; r1 = r7; r2 = r0; call 194; if r0 != 0 goto l1; w8 = 0; l1: w6 = w8; l0: w0 = w6; exit;", "BPF_EXIT instruction in main prog would lead to reference leak", 24)]
    [InlineData("r6 = r0; if r6 == 0 goto l0; w1 = 1; call bpf_task_from_pid; if r0 == 0 goto l0; r6 += 8; r1 = r6; r2 = r0; call 194; if r0 == 0 goto l0; r1 = r0; call bpf_task_release; l0: w0 = 0; exit;", "off=8 kptr isn't referenced kptr", 15)]
    [InlineData("if r0 == 0 goto l0; r2 = *(u64 *)(r0 + 16); if r2 == 0 goto l0; r0 += 16; r1 = r0; call 194; if r0 == 0 goto l0; r1 = r0; call bpf_task_release; l0: w0 = 0; exit;", "R2 must be referenced when passed to release function", 12)]
    public void KptrXchg(string body, string? error, int insns)
    {
        var r = Verify(body, "m_kptr", prefix: !body.StartsWith("w6 = 0", StringComparison.Ordinal));
        if (error == null)
            Assert.True(r.Accepted, r.Log);
        else
            Assert.Equal(error, r.ErrorLine);
        Assert.Equal(insns, r.Stats.TotalInsns);
    }

    [Fact]
    public void LocalObjectTypeIds()
    {
        var (btf, _, _, _) = BuildBtf();
        Assert.Equal("plain_obj", btf.Name(PlainObj));
        Assert.Equal("lobj", btf.Name(LockObj));
    }

    [Theory]
    // obj_lock: a lock inside a local object, 16 insns.
    [InlineData("r1 = {1} ll; r2 = 0; call bpf_obj_new_impl; r6 = r0; if r6 == 0 goto l0; r1 = r6; call 93; r1 = r6; call 94; r1 = r6; r2 = 0; call bpf_obj_drop_impl; l0: w0 = 0; exit;", null, 16)]
    [InlineData("r1 = {0} ll; r2 = 0; call bpf_obj_new_impl; r1 = r0; w0 = 1; if r1 != 0 goto l0; w0 = 0; l0: exit;", "BPF_EXIT instruction in main prog would lead to reference leak", 9)]
    [InlineData("r1 = {0} ll; r2 = 0; call bpf_obj_new_impl; r1 = r0; r2 = 0; call bpf_obj_drop_impl; w0 = 0; exit;", "Possibly NULL pointer passed to trusted arg0", 6)]
    [InlineData("r1 = {0} ll; r2 = 0; call bpf_obj_new_impl; r6 = r0; if r6 == 0 goto l0; r1 = r6; call 93; r1 = r6; call 94; r1 = r6; r2 = 0; call bpf_obj_drop_impl; l0: w0 = 0; exit;", "local 'kptr' has no valid bpf_spin_lock", 7)]
    [InlineData("r1 = {1} ll; r2 = 0; call bpf_obj_new_impl; r6 = r0; if r6 == 0 goto l0; r1 = r6; call 93; r1 = r6; r2 = 0; call bpf_obj_drop_impl; r1 = r6; call 94; l0: w0 = 0; exit;", "function calls are not allowed while holding a lock", 10)]
    public void LocalObjects(string body, string? error, int insns)
    {
        var r = Verify(string.Format(body, PlainObj, LockObj), prefix: false);
        if (error == null)
            Assert.True(r.Accepted, r.Log);
        else
            Assert.Equal(error, r.ErrorLine);
        Assert.Equal(insns, r.Stats.TotalInsns);
    }

    [Fact]
    public void LockOfLocalObjectIsNotTheMapValueLock()
    {
        // obj_lock_mismatch: locking the object and unlocking the map value's lock, 18 insns.
        var r = Verify("r6 = r0; if r6 == 0 goto l0; r1 = " + LockObj + " ll; r2 = 0; call bpf_obj_new_impl; r7 = r0; if r7 == 0 goto l0; r1 = r7; call 93; r6 += 4; r1 = r6; call 94; r1 = r7; r2 = 0; call bpf_obj_drop_impl; l0: w0 = 0; exit;");
        Assert.Equal("bpf_spin_unlock of different lock", r.ErrorLine);
        Assert.Equal(18, r.Stats.TotalInsns);
    }
}
