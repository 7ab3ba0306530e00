using BenchmarkDotNet.Running;

// Hot-path micro-benchmarks (BenchmarkDotNet). Whole-corpus timings against the kernel live in bench/corpus-time.sh
// and bench/Bpf.Conformance; these isolate the pieces: the numeric domain, object loading, and the exploration with
// its state comparisons.
//   dotnet run -c Release --project bench/Bpf.Benchmarks -- --filter '*'        (add --job short for a quick pass)
BenchmarkSwitcher.FromAssembly(typeof(Bpf.Benchmarks.DomainBenchmarks).Assembly).Run(args);
