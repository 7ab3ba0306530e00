using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// check_helper_call's bpf_get_local_storage flags check reads the register (register_is_null) without marking it
/// precise: the live kernel's level-2 log shows no mark_precise after the call (test_spin_lock, cg_storage_multi).
/// </summary>
public class LocalStorageFlagsTests
{
    private static readonly MapSpec CgroupStorage = new() { Name = "cg", Type = 19, KeySize = 16, ValueSize = 8, MaxEntries = 0 };

    [Fact]
    public void FlagsCheckMarksNothingPrecise()
    {
        var r = TestProgram.Verify("r1 = cg ll; r2 = 0; call 81; r0 = *(u64 *)(r0 + 0); r0 = 1; exit;",
            ProgramType.CgroupSkb, logLevel: 2, maps: [CgroupStorage]);
        Assert.True(r.Accepted, r.ErrorLine + "\n" + r.Log);
        // (the exit's return-range check marks R0, as the kernel does; nothing marks the flags register)
        Assert.DoesNotContain("regs=r2 ", r.Log, StringComparison.Ordinal);
    }
}
