using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// Legacy map-in-map definitions (Data/legacy_mim_cases.c): two outer maps sharing one inner template through
/// inner_map_idx. The kernel gives every outer map its own inner_map_meta, so the inner map pointers of the two
/// paths are different maps and the join after them is not pruned (with -t: 46 insns, 15 states; bpfv had pruned:
/// 37, 12, as on ebpf-samples' linux/test_map_in_map_kern.o). A legacy loader creates a map-in-map with a 4-byte
/// value. Expectations from the live Linux 6.18.44 kernel through bench/liveload (veristat cannot open legacy maps).
/// </summary>
public class LegacyMapInMapTests
{
    private static readonly Lazy<ObjectSpec> Obj =
        new(() => ObjectLoader.Load(Path.Combine(AppContext.BaseDirectory, "Data", "legacy_mim_cases.o")));

    private static VerificationResult Run(bool stateFreq, int logLevel = 4) =>
        BpfVerifier.Verify(Obj.Value, Obj.Value.Programs.Single(p => p.Name == "two_outer_maps"),
            new VerifierOptions { LogLevel = logLevel, NrCpus = TestProgram.KernelNrCpus, TestStateFreq = stateFreq });

    [Fact]
    public void InnerMapsOfDifferentOuterMapsAreDifferentMaps()
    {
        KernelAnswer.AssertAgrees("two_outer_maps", freq => Run(freq), null, 46, 5, 46, 15);
        Assert.Equal(15, Run(true).Stats.TotalStates);
    }

    [Fact]
    public void LegacyMapInMapHasAFourByteValue()
    {
        Assert.All(Obj.Value.Maps.Where(m => m.Type is 12 or 13), m => Assert.Equal(4u, m.ValueSize));
        Assert.Contains("map_value_or_null(id=", Run(false, 2 | 4).Log);
        Assert.Contains(",ks=4,vs=4)", Run(false, 2 | 4).Log);
    }
}
