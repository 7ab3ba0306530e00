using BenchmarkDotNet.Attributes;
using Bpf.Verifier.Domain;

namespace Bpf.Benchmarks;

/// <summary>The numeric domain: tnum arithmetic and bounds synchronisation, run on every ALU instruction.</summary>
[MemoryDiagnoser]
public class DomainBenchmarks
{
    private const int N = 1024;
    private readonly Tnum[] _a = new Tnum[N];
    private readonly Tnum[] _b = new Tnum[N];
    private readonly ScalarBounds[] _bounds = new ScalarBounds[N];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(7);
        for (int i = 0; i < N; i++)
        {
            ulong mask = (ulong)rng.NextInt64() & (ulong)rng.NextInt64();
            _a[i] = new Tnum((ulong)rng.NextInt64() & ~mask, mask);
            mask = (ulong)rng.NextInt64() & (ulong)rng.NextInt64();
            _b[i] = new Tnum((ulong)rng.NextInt64() & ~mask, mask);
            var b = ScalarBounds.Unknown;
            b.VarOff = _a[i];
            _bounds[i] = b;
        }
    }

    [Benchmark(OperationsPerInvoke = N)]
    public ulong TnumAdd()
    {
        ulong acc = 0;
        for (int i = 0; i < N; i++)
            acc ^= Tnum.Add(_a[i], _b[i]).Mask;
        return acc;
    }

    [Benchmark(OperationsPerInvoke = N)]
    public ulong TnumMul()
    {
        ulong acc = 0;
        for (int i = 0; i < N; i++)
            acc ^= Tnum.Mul(_a[i], _b[i]).Mask;
        return acc;
    }

    [Benchmark(OperationsPerInvoke = N)]
    public long BoundsSync()
    {
        long acc = 0;
        for (int i = 0; i < N; i++)
        {
            var b = _bounds[i];
            b.Sync();
            acc ^= b.SMin;
        }
        return acc;
    }
}
