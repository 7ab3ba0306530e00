using Bpf.Btf;
using Bpf.Isa;
using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>Builds a one-program object from assembly text (kernel/clang inline-asm syntax) for verifier tests.</summary>
internal static class TestProgram
{
    /// <summary>CPUs of the machine the expectations were measured on (bpf_get_smp_processor_id's range).</summary>
    public const int KernelNrCpus = 2;

    public static readonly MapSpec ArrayMap = new() { Name = "m_array", Type = 2, KeySize = 4, ValueSize = 8, MaxEntries = 1 };
    public static readonly MapSpec HashMap = new() { Name = "m_hash", Type = 1, KeySize = 8, ValueSize = 8, MaxEntries = 16 };

    /// <summary>The maps of Data/kernel_cases.c, in declaration order.</summary>
    public static readonly MapSpec[] CaseMaps = [ArrayMap, HashMap];

    /// <summary>
    /// Assembles <paramref name="asm"/>; a relocation names a map of <paramref name="maps"/> or, failing that, a kfunc
    /// of the embedded 6.18 BTF (the call then carries its BTF id, as libbpf leaves it).
    /// </summary>
    public static (ObjectSpec Obj, ProgramSpec Prog) Build(string asm, ProgramType type = ProgramType.SocketFilter, MapSpec[]? maps = null,
        string license = "GPL", BtfSpec? btf = null)
    {
        maps ??= CaseMaps;
        var res = Assembler.Assemble(asm);
        var insns = (Instruction[])res.Instructions.Clone();
        var kfuncs = new Dictionary<int, KsymRef>();
        foreach (var r in res.Relocations)
        {
            int idx = Array.FindIndex(maps, m => m.Name == r.Symbol);
            if (idx >= 0)
            {
                insns[r.InsnIndex] = insns[r.InsnIndex].WithSrc(Pseudo.MapIdx).WithImm(idx);
                continue;
            }
            uint id = KernelBtf.Embedded.FindByName(r.Symbol, BtfKind.Func);
            if (id == 0)
                throw new InvalidOperationException($"unknown map or kfunc {r.Symbol}");
            insns[r.InsnIndex] = insns[r.InsnIndex].WithSrc(Pseudo.KfuncCall).WithImm((int)id);
            kfuncs[r.InsnIndex] = new KsymRef(r.Symbol, id, IsFunction: true, IsWeak: false);
        }
        var prog = new ProgramSpec
        {
            Name = "test",
            SectionName = type == ProgramType.Xdp ? "xdp" : "socket",
            Type = type,
            Instructions = insns,
            MainLength = insns.Length,
            Kfuncs = kfuncs,
        };
        var obj = new ObjectSpec { Path = "test.o", Programs = [prog], Maps = maps, License = license, Btf = btf };
        return (obj, prog);
    }

    public static VerificationResult Verify(string asm, ProgramType type = ProgramType.SocketFilter, int logLevel = 1, MapSpec[]? maps = null,
        string license = "GPL", BtfSpec? btf = null)
    {
        var (obj, prog) = Build(asm, type, maps, license, btf);
        return BpfVerifier.Verify(obj, prog, new VerifierOptions { LogLevel = AsVeristat(logLevel), NrCpus = KernelNrCpus });
    }

    public static VerificationResult Verify(Instruction[] insns, ProgramType type = ProgramType.SocketFilter, int logLevel = 1)
    {
        var prog = new ProgramSpec { Name = "test", SectionName = "socket", Type = type, Instructions = insns, MainLength = insns.Length };
        var obj = new ObjectSpec { Path = "test.o", Programs = [prog], Maps = CaseMaps, License = "GPL" };
        return BpfVerifier.Verify(obj, prog, new VerifierOptions { LogLevel = AsVeristat(logLevel), NrCpus = KernelNrCpus });
    }

    /// <summary>The expected logs come from `veristat -vlN`, which always adds BPF_LOG_STATS (4).</summary>
    private static int AsVeristat(int logLevel) => logLevel == 0 ? 0 : logLevel | 4;
}
