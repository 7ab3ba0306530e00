using System.Text;
using Bpf.Btf;
using Bpf.Isa;
using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// Helpers with BTF-typed arguments and returns, from Data/helperbtf_cases.c (clang-19 -O2 -g --target=bpf -mcpu=v3):
/// verdict, error line and processed instructions as the live Linux 6.18 verifier gave them through veristat.
/// </summary>
public class HelperBtfTests
{
    private const string Stack16 = "r2 = 0; *(u64 *)(r10 - 8) = r2; r2 = r10; r2 += -8; r3 = 8;";

    private static VerificationResult Verify(string asm, ProgramType type, AttachType? attach = null, string? target = null,
        uint targetId = 0, MapSpec[]? maps = null)
    {
        var (obj, prog) = TestProgram.Build(asm, type, maps);
        prog = prog with { ExpectedAttachType = attach, AttachTo = target, AttachBtfId = targetId };
        // A reference to the read-only map is a pointer to its value (BPF_PSEUDO_MAP_IDX_VALUE), as for a const global.
        var insns = prog.Instructions;
        for (int i = 0; i < insns.Length; i++)
        {
            if (insns[i].Src == Pseudo.MapIdx && maps != null && maps[insns[i].Imm].IsReadOnlyGlobal)
                insns[i] = insns[i].WithSrc(Pseudo.MapIdxValue);
        }
        obj = obj with { Programs = [prog] };
        return BpfVerifier.Verify(obj, prog, new VerifierOptions { LogLevel = 1 | 4 });
    }

    private static VerificationResult IterTask(string asm) =>
        Verify(asm, ProgramType.Tracing, AttachType.TraceIter, "task", KernelBtf.Embedded.FindByName("bpf_iter_task", BtfKind.Func));

    private static VerificationResult TaskNewtask(string asm) =>
        Verify(asm, ProgramType.Tracing, AttachType.TraceRawTp, "task_newtask",
            KernelBtf.Embedded.FindByName("btf_trace_task_newtask", BtfKind.Typedef));

    private static MapSpec Rodata(string text)
    {
        var bytes = new byte[8];
        Encoding.ASCII.GetBytes(text).CopyTo(bytes, 0);
        return new MapSpec
        {
            Name = "rodata",
            Type = 2,
            KeySize = 4,
            ValueSize = 8,
            MaxEntries = 1,
            Origin = MapOrigin.Rodata,
            InitialValue = bytes,
        };
    }

    private static void Accepted(VerificationResult r, int insns)
    {
        Assert.True(r.Accepted, $"{r.ErrorLine}\n{r.Log}");
        Assert.Equal(insns, r.Stats.TotalInsns);
    }

    private static void Rejected(VerificationResult r, string error, int insns)
    {
        Assert.False(r.Accepted, r.Log);
        Assert.Equal(error, r.ErrorLine);
        Assert.Equal(insns, r.Stats.TotalInsns);
    }

    [Fact]
    public void SeqWriteTakesTheIteratorsSeqFile() =>
        Accepted(IterTask("r1 = *(u64 *)(r1 + 0); r1 = *(u64 *)(r1 + 0); " + Stack16 + " call 127; r0 = 0; exit;"), 10);

    [Fact]
    public void SeqWriteRefusesTheContext() =>
        Rejected(IterTask(Stack16 + " call 127; r0 = 0; exit;"), "R1 type=ctx expected=ptr_, trusted_ptr_, rcu_ptr_", 6);

    [Fact]
    public void SeqWriteRefusesAnotherStruct() =>
        Rejected(IterTask("r1 = *(u64 *)(r1 + 0); " + Stack16 + " call 127; r0 = 0; exit;"),
            "R1 is of type bpf_iter_meta but seq_file is expected", 7);

    [Fact]
    public void TaskStackRefusesMaybeNullTask() =>
        Rejected(IterTask("r1 = *(u64 *)(r1 + 8); r2 = r10; r2 += -16; r3 = 16; r4 = 0; call 141; r0 = 0; exit;"),
            "R1 type=trusted_ptr_or_null_ expected=ptr_, trusted_ptr_, rcu_ptr_", 6);

    [Fact]
    public void TaskStackReturnsAtMostTheBufferSize() =>
        // The s> 16 branch is dead: bpf_get_task_stack's R0 is refined to [-4095, 16].
        Accepted(IterTask("r1 = *(u64 *)(r1 + 8); if r1 == 0 goto l0; r2 = r10; r2 += -16; r3 = 16; r4 = 0; call 141; " +
            "if r0 s> 16 goto l1; l0: r0 = 0; exit; l1: r0 = *(u64 *)(r9 + 0); exit;"), 12);

    [Fact]
    public void TrustedPointerIsNotWritableHelperMemory() =>
        Rejected(TaskNewtask("r1 = *(u64 *)(r1 + 0); r1 += 8; r2 = 8; r3 = 0; call 113; r0 = 0; exit;"),
            "bpf_probe_read_kernel() may write into memory pointed by R1 type=trusted_ptr_", 5);

    [Fact]
    public void DPathIsNotAllowedInRawTracepoints() =>
        Rejected(TaskNewtask("r1 = *(u64 *)(r1 + 0); r2 = r10; r2 += -16; r3 = 16; call 147; r0 = 0; exit;"),
            "helper call is not allowed in probe", 5);

    [Fact]
    public void SkcToTcpSockCastsASocket() =>
        Accepted(Verify("r1 = *(u64 *)(r1 + 168); if r1 == 0 goto l0; call 137; if r0 == 0 goto l0; r0 = *(u32 *)(r0 + 0); " +
            "l0: r0 = 0; exit;", ProgramType.SchedCls), 10);

    [Fact]
    public void SkcToTcpSockRefusesMaybeNull() =>
        Rejected(Verify("r1 = *(u64 *)(r1 + 168); call 137; r0 = 0; exit;", ProgramType.SchedCls),
            "R1 type=sock_common_or_null expected=sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_", 2);

    [Fact]
    public void SysctlGetNameWritesUninitializedStackAsRoot() =>
        Accepted(Verify("r2 = r10; r2 += -16; r3 = 16; r4 = 0; call 101; r0 = 1; exit;", ProgramType.CgroupSysctl), 7);

    [Fact]
    public void PerfProgReadValueFillsUninitializedStack() =>
        Accepted(Verify("r2 = r10; r2 += -24; r3 = 24; call 56; r0 = 0; exit;", ProgramType.PerfEvent), 6);

    [Fact]
    public void ReadBranchRecordsAcceptsANullBuffer() =>
        Accepted(Verify("r2 = 0; r3 = 0; r4 = 1; call 119; r0 = 0; exit;", ProgramType.PerfEvent), 6);

    [Fact]
    public void TaskPtRegsReturnsALoadablePointer() =>
        Accepted(IterTask("r1 = *(u64 *)(r1 + 8); if r1 == 0 goto l0; call 175; r0 = *(u64 *)(r0 + 0); l0: r0 = 0; exit;"), 8);

    [Fact]
    public void TaskPtRegsRefusesMaybeNullTask() =>
        Rejected(IterTask("r1 = *(u64 *)(r1 + 8); call 175; r0 = 0; exit;"),
            "R1 type=trusted_ptr_or_null_ expected=ptr_, trusted_ptr_, rcu_ptr_", 2);

    private static VerificationResult IterSockmap(string asm) =>
        Verify(asm, ProgramType.Tracing, AttachType.TraceIter, "sockmap", KernelBtf.Embedded.FindByName("bpf_iter_sockmap", BtfKind.Func));

    // The live machine refuses to load map iterators (EPERM before verification), so these two follow check_mem_access
    // for PTR_TO_BUF; the corpus's bpf_iter_bpf_*_map programs check the accepted side against the reference kernel.
    [Fact]
    public void IteratorKeyBufferIsReadOnly() =>
        Rejected(IterSockmap("w0 = 0; r1 = *(u64 *)(r1 + 16); if r1 == 0 goto l0; w2 = 1; *(u32 *)(r1 + 0) = r2; l0: exit;"),
            "R1 cannot write into rdonly_buf", 5);

    [Fact]
    public void IteratorKeyBufferRefusesNegativeOffsets() =>
        Rejected(IterSockmap("w0 = 0; r1 = *(u64 *)(r1 + 16); if r1 == 0 goto l0; r0 = *(u32 *)(r1 - 4); w0 = 0; l0: exit;"),
            "R1 invalid rdonly buffer access: off=-4, size=4", 4);

    private const string SnprintfArgs = "r1 = 1; *(u64 *)(r10 - 16) = r1; r1 = 0; *(u64 *)(r10 - 8) = r1; *(u64 *)(r10 - 24) = r1; " +
        "*(u64 *)(r10 - 32) = r1; r1 = r10; r1 += -32; r2 = 16; r3 = %[rodata] ll; r4 = r10; r4 += -16;";

    [Theory]
    [InlineData("%d %s", 16, null, 16)]
    [InlineData("%d %s", 8, "Invalid format string", 14)]
    [InlineData("%d %q", 16, "Invalid format string", 14)]
    public void SnprintfChecksTheFormat(string fmt, int dataLen, string? error, int insns)
    {
        var r = Verify(SnprintfArgs + $" r5 = {dataLen}; call 165; r0 = 0; exit;", ProgramType.SchedCls, maps: [Rodata(fmt)]);
        if (error == null)
            Accepted(r, insns);
        else
            Rejected(r, error, insns);
    }

    [Fact]
    public void SnprintfAcceptsANullOutput() =>
        Accepted(Verify("r1 = 1; *(u64 *)(r10 - 16) = r1; r1 = 0; *(u64 *)(r10 - 8) = r1; r1 = 0; r2 = 0; r3 = %[rodata] ll; " +
            "r4 = r10; r4 += -16; r5 = 16; call 165; r0 = 0; exit;", ProgramType.SchedCls, maps: [Rodata("%d %s")]), 13);
}
