using BenchmarkDotNet.Attributes;
using Bpf.Isa;
using Bpf.Object;
using Bpf.Verifier;

namespace Bpf.Benchmarks;

/// <summary>
/// Object loading and whole verifications: the shipped examples, and assembled programs whose cost is dominated by
/// exploration with state checkpoints and comparisons (a bounded loop, a branch ladder).
/// </summary>
[MemoryDiagnoser]
public class VerifierBenchmarks
{
    private byte[] _hello = [];
    private ObjectSpec _helloObj = null!;
    private (ObjectSpec Obj, ProgramSpec Prog) _loop;
    private (ObjectSpec Obj, ProgramSpec Prog) _ladder;
    private readonly VerifierOptions _options = new() { LogLevel = 0 };

    private static string ExamplesDir()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            string p = Path.Combine(d.FullName, "examples");
            if (File.Exists(Path.Combine(p, "hello.bpf.o")))
                return p;
        }
        throw new FileNotFoundException("examples/hello.bpf.o not found above " + AppContext.BaseDirectory);
    }

    private static (ObjectSpec, ProgramSpec) Assembled(string asm)
    {
        var insns = Assembler.Assemble(asm).Instructions;
        var prog = new ProgramSpec { Name = "bench", SectionName = "socket", Type = ProgramType.SocketFilter, Instructions = insns, MainLength = insns.Length };
        return (new ObjectSpec { Path = "bench.o", Programs = [prog], Maps = [], License = "GPL" }, prog);
    }

    [GlobalSetup]
    public void Setup()
    {
        _hello = File.ReadAllBytes(Path.Combine(ExamplesDir(), "hello.bpf.o"));
        _helloObj = ObjectLoader.Load(_hello, "hello.bpf.o");
        // A bounded loop: the verifier walks every iteration, checkpointing at the back-edge target.
        _loop = Assembled("r1 = 0; l0: r1 += 1; if r1 < 2000 goto l0; r0 = 0; exit;");
        // A ladder of unknown branches: states meet at every join and are compared there.
        var sb = new System.Text.StringBuilder("call 7; r6 = r0; r7 = 0;");
        for (int i = 0; i < 200; i++)
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"if r6 > {i} goto j{i}; r7 += 1; j{i}: r6 >>= 1;");
        sb.Append("r0 = 0; exit;");
        _ladder = Assembled(sb.ToString());
    }

    [Benchmark]
    public int LoadHelloObject() => ObjectLoader.Load(_hello, "hello.bpf.o").Programs.Count;

    [Benchmark]
    public bool VerifyHello() => BpfVerifier.Verify(_helloObj, _helloObj.Programs[0], _options).Accepted;

    [Benchmark]
    public long VerifyBoundedLoop() => BpfVerifier.Verify(_loop.Obj, _loop.Prog, _options).Stats.TotalInsns;

    [Benchmark]
    public long VerifyBranchLadder() => BpfVerifier.Verify(_ladder.Obj, _ladder.Prog, _options).Stats.TotalInsns;
}
