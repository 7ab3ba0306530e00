using Bpf.Btf;
using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// Graph kfuncs on a map-value rbtree root: the programs of Data/graph_kfunc_cases.c, with the verdict, error line
/// and processed-instruction count Linux 6.18 gave through veristat on the clang-built object.
/// </summary>
public class GraphKfuncTests
{
    /// <summary>struct node { long key; struct bpf_rb_node rb; } and struct root_val { struct bpf_spin_lock l;
    /// struct bpf_rb_root r __contains(node, rb); }, main(void *ctx) at 0 and the static less() at <paramref name="lessAt"/>.</summary>
    private static VerificationResult Verify(string asm, int lessAt)
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        uint u32 = b.Int("unsigned int", 4);
        uint i64 = b.Int("long", 8, signed: true);
        uint boolT = b.Int("_Bool", 1, isBool: true);
        uint rbNode = b.Struct("bpf_rb_node", 32);
        uint rbRoot = b.Struct("bpf_rb_root", 16);
        uint lockT = b.Struct("bpf_spin_lock", 4, new BtfBuilderMember("val", u32, 0));
        uint node = b.Struct("node", 40, new BtfBuilderMember("key", i64, 0), new BtfBuilderMember("rb", rbNode, 64));
        uint rootVal = b.Struct("root_val", 24, new BtfBuilderMember("l", lockT, 0), new BtfBuilderMember("r", rbRoot, 64));
        b.DeclTag("contains:node:rb", rootVal, 1);
        uint voidPtr = b.Ptr(0);
        uint main = b.Func("prog", b.FuncProto(i32, ("ctx", voidPtr)));
        uint nodePtr = b.Ptr(rbNode);
        uint less = b.Func("less", b.FuncProto(boolT, ("a", nodePtr), ("b", nodePtr)), BtfLinkage.Static);
        MapSpec[] maps = [new() { Name = "m_root", Type = 2, KeySize = 4, ValueSize = 24, MaxEntries = 1, BtfValueTypeId = rootVal }];
        var (obj, prog) = TestProgram.Build(asm.Replace("{node}", node.ToString(), StringComparison.Ordinal), ProgramType.SchedCls, maps);
        prog = prog with { FuncInfos = lessAt < 0 ? [new FuncInfo(0, main)] : [new FuncInfo(0, main), new FuncInfo(lessAt, less)] };
        obj = obj with { Btf = b.BuildSpec(), Programs = [prog] };
        return BpfVerifier.Verify(obj, prog, new VerifierOptions { LogLevel = 1 });
    }

    private const string Prologue = "w1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = m_root ll; call 1; r6 = r0; ";

    [Fact]
    public void AddFirstRemoveUnderLock()
    {
        // add_first_remove: success, 50 insns, 5 states (the less() callback is visited once per path).
        var r = Verify(Prologue + "if r6 == 0 goto out; r1 = {node} ll; r2 = 0; call bpf_obj_new_impl; r8 = r0; if r8 == 0 goto out; " +
            "r1 = r6; call 93; r7 = r6; r7 += 8; r8 += 8; r1 = r7; r2 = r8; r3 = less ll; r4 = 0; r5 = 0; call bpf_rbtree_add_impl; " +
            "r1 = r7; call bpf_rbtree_first; if r0 != 0 goto rm; r1 = r6; call 94; goto out; " +
            "rm: r1 = r7; r2 = r0; call bpf_rbtree_remove; r7 = r0; r1 = r6; call 94; if r7 == 0 goto out; r7 += -8; r1 = r7; r2 = 0; " +
            "call bpf_obj_drop_impl; out: w0 = 0; exit; less: w0 = 0; exit;", 46);
        Assert.True(r.Accepted, r.ErrorLine + "\n" + r.Log);
        Assert.Equal(50, r.Stats.TotalInsns);
        Assert.Equal(5, r.Stats.PeakStates);
    }

    [Fact]
    public void RootLeftRightAreNonOwning()
    {
        // walk: success, 53 insns, 5 peak states (root/left/right return non-owning references; remove takes one).
        var r = Verify("w6 = 0; *(u32 *)(r10 - 4) = r6; r2 = r10; r2 += -4; r1 = m_root ll; call 1; r7 = r0; if r7 == 0 goto out; " +
            "r1 = r7; call 93; r8 = r7; r8 += 8; r1 = r8; call bpf_rbtree_root; r9 = r0; w6 = 0; if r9 == 0 goto unl; " +
            "r1 = r8; r2 = r9; call bpf_rbtree_left; r6 = r0; r1 = r8; r2 = r9; call bpf_rbtree_right; r1 = r6; w6 = 0; " +
            "if r1 == 0 goto l1; r6 = *(u64 *)(r1 - 8); l1: if r0 != 0 goto rm; unl: r1 = r7; call 94; goto out; " +
            "rm: r1 = r8; r2 = r0; call bpf_rbtree_remove; r8 = r0; r1 = r7; call 94; if r8 == 0 goto out; r8 += -8; r1 = r8; " +
            "r2 = 0; call bpf_obj_drop_impl; out: w0 = w6; exit;", -1);
        Assert.True(r.Accepted, r.ErrorLine + "\n" + r.Log);
        Assert.Equal(53, r.Stats.TotalInsns);
        Assert.Equal(5, r.Stats.PeakStates);
    }

    [Fact]
    public void AddWithoutLockIsRejected()
    {
        // add_without_lock: failure, 20 insns.
        var r = Verify(Prologue + "if r6 == 0 goto out; r1 = {node} ll; r2 = 0; call bpf_obj_new_impl; if r0 == 0 goto out; r6 += 8; r0 += 8; " +
            "r1 = r6; r2 = r0; r3 = less ll; r4 = 0; r5 = 0; call bpf_rbtree_add_impl; out: w0 = 0; exit; less: w0 = 0; exit;", 25);
        Assert.False(r.Accepted);
        Assert.Equal("bpf_spin_lock at off=0 must be held for bpf_rb_root", r.ErrorLine);
        Assert.Equal(20, r.Stats.TotalInsns);
    }

    /// <summary>Data/graph_list_cases.c: struct elem { long key; struct bpf_list_node ln; struct bpf_refcount rc; },
    /// struct plain { long key; struct bpf_list_node ln; } and a map value holding the lock and one head of each.</summary>
    private static VerificationResult VerifyList(string asm)
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        uint u32 = b.Int("unsigned int", 4);
        uint i64 = b.Int("long", 8, signed: true);
        uint listNode = b.Struct("bpf_list_node", 24);
        uint listHead = b.Struct("bpf_list_head", 16);
        uint refcount = b.Struct("bpf_refcount", 4);
        uint lockT = b.Struct("bpf_spin_lock", 4, new BtfBuilderMember("val", u32, 0));
        uint elem = b.Struct("elem", 40, new BtfBuilderMember("key", i64, 0), new BtfBuilderMember("ln", listNode, 64),
            new BtfBuilderMember("rc", refcount, 256));
        uint plain = b.Struct("plain", 32, new BtfBuilderMember("key", i64, 0), new BtfBuilderMember("ln", listNode, 64));
        uint lval = b.Struct("lval", 40, new BtfBuilderMember("l", lockT, 0), new BtfBuilderMember("ghead", listHead, 64),
            new BtfBuilderMember("phead", listHead, 192));
        b.DeclTag("contains:elem:ln", lval, 1);
        b.DeclTag("contains:plain:ln", lval, 2);
        uint main = b.Func("prog", b.FuncProto(i32, ("ctx", b.Ptr(0))));
        MapSpec[] maps = [new() { Name = "m_list", Type = 2, KeySize = 4, ValueSize = 40, MaxEntries = 1, BtfValueTypeId = lval }];
        asm = asm.Replace("{elem}", elem.ToString(), StringComparison.Ordinal).Replace("{plain}", plain.ToString(), StringComparison.Ordinal);
        var (obj, prog) = TestProgram.Build(asm, ProgramType.SchedCls, maps);
        prog = prog with { FuncInfos = [new FuncInfo(0, main)] };
        obj = obj with { Btf = b.BuildSpec(), Programs = [prog] };
        return BpfVerifier.Verify(obj, prog, new VerifierOptions { LogLevel = 1 });
    }

    private const string ListPrologue = "w1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = m_list ll; call 1; r6 = r0; ";

    [Fact]
    public void ListPushPopWithRefcount()
    {
        // list_push_pop: success, 52 insns, 5 peak states; n stays writable as a non-owning reference under the lock.
        var r = VerifyList(ListPrologue + "if r6 == 0 goto out; r1 = {elem} ll; r2 = 0; call bpf_obj_new_impl; if r0 == 0 goto out; " +
            "r1 = 1; *(u64 *)(r0 + 0) = r1; r1 = r0; r2 = 0; r9 = r0; call bpf_refcount_acquire_impl; r7 = r0; r1 = r6; call 93; " +
            "r8 = r6; r8 += 8; r2 = r9; r2 += 8; r1 = r8; r3 = 0; r4 = 0; call bpf_list_push_front_impl; r1 = 2; *(u64 *)(r9 + 0) = r1; " +
            "r1 = r8; call bpf_list_pop_back; r8 = r0; r1 = r6; call 94; if r8 == 0 goto l1; r8 += -8; r1 = r8; r2 = 0; " +
            "call bpf_obj_drop_impl; l1: if r7 == 0 goto out; r1 = 3; *(u64 *)(r7 + 0) = r1; r1 = r7; r2 = 0; call bpf_obj_drop_impl; " +
            "out: w0 = 0; exit;");
        Assert.True(r.Accepted, r.ErrorLine + "\n" + r.Log);
        Assert.Equal(52, r.Stats.TotalInsns);
        Assert.Equal(5, r.Stats.PeakStates);
    }

    [Fact]
    public void NonOwningReferenceDiesAtUnlock()
    {
        // use_after_unlock: failure, 26 insns.
        var r = VerifyList(ListPrologue + "if r6 == 0 goto out; r1 = {plain} ll; r2 = 0; call bpf_obj_new_impl; r7 = r0; if r7 == 0 goto out; " +
            "r1 = r6; call 93; r1 = r6; r1 += 24; r2 = r7; r2 += 8; r3 = 0; r4 = 0; call bpf_list_push_back_impl; r1 = r6; call 94; " +
            "r1 = 5; *(u64 *)(r7 + 0) = r1; out: w0 = 0; exit;");
        Assert.False(r.Accepted);
        Assert.Equal("R7 invalid mem access 'scalar'", r.ErrorLine);
        Assert.Equal(26, r.Stats.TotalInsns);
    }

    /// <summary>Data/graph_stash_cases.c: struct rnode { long key; struct bpf_rb_node rb; struct bpf_refcount rc; }
    /// and a map value struct sval { struct rnode __kptr *p; }.</summary>
    private static VerificationResult VerifyStash(string asm)
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        uint i64 = b.Int("long", 8, signed: true);
        uint rbNode = b.Struct("bpf_rb_node", 32);
        uint refcount = b.Struct("bpf_refcount", 4);
        uint rnode = b.Struct("rnode", 48, new BtfBuilderMember("key", i64, 0), new BtfBuilderMember("rb", rbNode, 64),
            new BtfBuilderMember("rc", refcount, 320));
        uint sval = b.Struct("sval", 8, new BtfBuilderMember("p", b.Ptr(b.TypeTag("kptr", rnode)), 0));
        uint main = b.Func("prog", b.FuncProto(i32, ("ctx", b.Ptr(0))));
        MapSpec[] maps = [new() { Name = "m_stash", Type = 2, KeySize = 4, ValueSize = 8, MaxEntries = 1, BtfValueTypeId = sval }];
        var (obj, prog) = TestProgram.Build(asm.Replace("{rnode}", rnode.ToString(), StringComparison.Ordinal), ProgramType.SchedCls, maps);
        prog = prog with { FuncInfos = [new FuncInfo(0, main)] };
        obj = obj with { Btf = b.BuildSpec(), Programs = [prog] };
        return BpfVerifier.Verify(obj, prog, new VerifierOptions { LogLevel = 1 });
    }

    [Fact]
    public void StashLocalObjectInMapKptr()
    {
        // stash_local: success, 25 insns, 2 peak states.
        var r = VerifyStash("w1 = 0; *(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = m_stash ll; call 1; r6 = r0; if r6 == 0 goto out; " +
            "r1 = {rnode} ll; r2 = 0; call bpf_obj_new_impl; if r0 == 0 goto out; r1 = 7; *(u64 *)(r0 + 0) = r1; r1 = r6; r2 = r0; " +
            "call 194; if r0 == 0 goto out; r1 = r0; r2 = 0; call bpf_obj_drop_impl; out: w0 = 0; exit;");
        Assert.True(r.Accepted, r.ErrorLine + "\n" + r.Log);
        Assert.Equal(25, r.Stats.TotalInsns);
        Assert.Equal(2, r.Stats.PeakStates);
    }

    [Fact]
    public void RefcountAcquireOfLoadedLocalKptr()
    {
        // acquire_stashed: success, 24 insns, 2 peak states (the load is an RCU non-owning reference).
        var r = VerifyStash("w6 = 0; *(u32 *)(r10 - 4) = r6; r2 = r10; r2 += -4; r1 = m_stash ll; call 1; if r0 == 0 goto out; " +
            "r1 = *(u64 *)(r0 + 0); if r1 == 0 goto out; r2 = 0; call bpf_refcount_acquire_impl; if r0 == 0 goto out; " +
            "r1 = *(u64 *)(r0 + 0); *(u32 *)(r10 - 4) = r1; r1 = r0; r2 = 0; call bpf_obj_drop_impl; r6 = *(u32 *)(r10 - 4); " +
            "out: w0 = w6; exit;");
        Assert.True(r.Accepted, r.ErrorLine + "\n" + r.Log);
        Assert.Equal(24, r.Stats.TotalInsns);
        Assert.Equal(2, r.Stats.PeakStates);
    }
}
