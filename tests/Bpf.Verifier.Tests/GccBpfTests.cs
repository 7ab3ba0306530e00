using Bpf.Object;

namespace Bpf.Verifier.Tests;

/// <summary>
/// Objects built with GCC's BPF backend (GCC 12, the kernel selftests' bpf_gcc flavour). The 6.12 selftests built
/// this way (376 objects, 80 of them with helpers declared through GCC's kernel_helper attribute; 445 programs the
/// kernel judged, 107 objects libbpf refuses to open) agree with the live kernel in verdict, error line, processed
/// instructions and peak states with and without -t; what differs from clang's output is the ELF: no
/// .BTF without -gbtf, no func_info, global functions placed in a program section, global data addressed through
/// the section symbol. Each program of Data/gccbpf/gcc_cases.o and gcc_more.o (built from the C files beside them)
/// against the live Linux 6.18.44 kernel's answer through veristat, and the objects libbpf refuses to open.
/// </summary>
public class GccBpfTests
{
    /// <summary>(object, program, kernel error line or null when accepted, total_insns, peak_states, and both with -t).</summary>
    public static readonly TheoryData<string, string, string?, int, int, int, int> Cases = new()
    {
        { "gcc_cases", "cg_badret", "At program exit the register R0 has smin=0 smax=3 should have been in [0, 1]", 3, 0, 3, 0 },
        { "gcc_cases", "cg_egress", null, 16, 1, 16, 2 },
        { "gcc_cases", "kp_bounded_loop", null, 92, 8, 77, 19 },
        { "gcc_cases", "kp_globals", "invalid access to map value pointer, value_size=168 off=256", 0, 0, 0, 0 },
        { "gcc_cases", "kp_globals_oob", "invalid access to map value pointer, value_size=168 off=256", 0, 0, 0, 0 },
        { "gcc_cases", "kp_loop", "invalid access to map value pointer, value_size=8 off=8", 0, 0, 0, 0 },
        { "gcc_cases", "kp_open", null, 24, 2, 22, 4 },
        { "gcc_cases", "kp_subprog", null, 21, 1, 21, 4 },
        { "gcc_cases", "sock_filter", null, 12, 0, 12, 1 },
        { "gcc_cases", "tc_ctx_write", "invalid bpf_context access off=0 size=4", 1, 0, 1, 0 },
        { "gcc_cases", "tc_load_bytes", null, 25, 2, 24, 5 },
        { "gcc_cases", "tc_lock", "map 'lk' has to have BTF in order to use bpf_spin_lock", 10, 0, 10, 2 },
        { "gcc_cases", "tc_mark", null, 45, 3, 35, 7 },
        { "gcc_cases", "tc_tail", null, 6, 0, 6, 1 },
        { "gcc_cases", "tp_exec", null, 20, 2, 20, 5 },
        { "gcc_cases", "tp_leak", "BPF_EXIT instruction in main prog would lead to reference leak", 17, 2, 17, 6 },
        { "gcc_cases", "tp_sys_enter", "invalid access to map value pointer, value_size=168 off=320", 0, 0, 0, 0 },
        { "gcc_cases", "xdp_adjust", null, 16, 1, 15, 3 },
        { "gcc_cases", "xdp_count", null, 48, 5, 43, 10 },
        { "gcc_cases", "xdp_nocheck", "R0 offset is outside of the packet", 6, 0, 6, 1 },
        { "gcc_cases", "xdp_ports", null, 69, 7, 63, 17 },
        { "gcc_more", "m_alu32", null, 19, 1, 19, 2 },
        { "gcc_more", "m_atomics", null, 17, 1, 17, 2 },
        { "gcc_more", "m_bits", "dereference of modified ctx ptr R1 off=8 disallowed", 2, 0, 2, 0 },
        { "gcc_more", "m_copy", null, 26, 1, 26, 3 },
        { "gcc_more", "m_for_each", "missing btf func_info", 6, 0, 6, 1 },
        { "gcc_more", "m_nullderef", "R0 invalid mem access 'map_value_or_null'", 7, 0, 7, 1 },
        { "gcc_more", "m_pkt_loop", null, 117, 8, 117, 18 },
        { "gcc_more", "m_s64", null, 22, 1, 16, 4 },
        { "gcc_more", "m_stack_idx", null, 22, 0, 22, 0 },
        { "gcc_more", "m_stack_oob", "invalid variable-offset write to stack R0 var_off=(0x0; 0x7f) off=-64 size=1", 7, 0, 7, 0 },
        { "gcc_more", "m_static", null, 7, 0, 7, 3 },
        { "gcc_more", "m_switch", null, 24, 2, 23, 11 },
    };

    private static readonly Dictionary<string, Lazy<ObjectSpec>> Objects = new()
    {
        ["gcc_cases"] = new(() => Load("gcc_cases")),
        ["gcc_more"] = new(() => Load("gcc_more")),
    };

    private static ObjectSpec Load(string name) =>
        ObjectLoader.Load(Path.Combine(AppContext.BaseDirectory, "Data", "gccbpf", name + ".o"));

    private static VerificationResult Run(string obj, string prog, bool testStateFreq = false)
    {
        var o = Objects[obj].Value;
        var spec = o.Programs.Single(p => p.Name == prog);
        return BpfVerifier.Verify(o, spec, new VerifierOptions { LogLevel = 1 | 4, NrCpus = TestProgram.KernelNrCpus, TestStateFreq = testStateFreq });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithKernel(string obj, string prog, string? error, int insns, int peak, int insnsT, int peakT) =>
        KernelAnswer.AssertAgrees(prog, freq => Run(obj, prog, freq), error, insns, peak, insnsT, peakT);

    /// <summary>
    /// A global function GCC put in a program section with no call relocation: libbpf fails the program before
    /// loading it ("no .text section found yet sub-program call exists"); the kernel never sees it.
    /// </summary>
    [Fact]
    public void CallIntoProgramSectionFailsBeforeLoad()
    {
        var r = Run("gcc_more", "m_global");
        Assert.False(r.Accepted);
        Assert.Contains("no .text section found yet sub-program call exists", r.ErrorLine);
    }

    /// <summary>Without -gbtf GCC writes no .BTF: libbpf needs it for the .maps section and refuses the object (-ENOENT).</summary>
    [Fact]
    public void MapsWithoutBtfRefuseTheObject()
    {
        var e = Assert.Throws<ObjectOpenException>(() => Load("gcc_cases_nobtf"));
        Assert.Equal("libbpf: BTF is required, but is missing or corrupted.", e.Message);
        Assert.Equal(2, e.Errno);
    }

    /// <summary>A call relocation against a program section fails libbpf's open of the whole object (-4005).</summary>
    [Fact]
    public void BadCallRelocationRefusesTheObject()
    {
        var e = Assert.Throws<ObjectOpenException>(() => Load("gcc_callrelo"));
        Assert.Equal("libbpf: prog 'x_gfunc': bad call relo against 'gfunc' in section 'xdp'", e.Message);
        Assert.Equal(4005, e.Errno);
    }

    /// <summary>A BTF map definition libbpf cannot parse fails the open of the whole object (-EINVAL).</summary>
    [Fact]
    public void BadMapDefinitionRefusesTheObject()
    {
        var e = Assert.Throws<ObjectOpenException>(() => Load("gcc_badpin"));
        Assert.Equal("libbpf: map 'pinned': invalid pinning value 16.", e.Message);
        Assert.Equal(22, e.Errno);
    }
}
