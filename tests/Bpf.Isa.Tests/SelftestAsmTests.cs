using Xunit.Abstractions;

namespace Bpf.Isa.Tests;

/// <summary>
/// The selftests' inline asm (verifier_*.c of linux-source-6.12), assembled by bpfv, against what
/// clang made of it in the corpus objects: same slots, opcodes, registers, offsets and immediates,
/// except where an operand's value is not known here (<c>__imm_const</c>, relocations).
/// </summary>
public class SelftestAsmTests(ITestOutputHelper output)
{
    private const string Progs = "/opt/ksrc/linux-source-6.12/tools/testing/selftests/bpf/progs";
    private const string Objs = CorpusFactAttribute.Root + "/selftests/objs";

    [CorpusFact(Progs)]
    public void SelftestInlineAsmAssemblesLikeClang()
    {
        int blocks = 0, macroText = 0, registerOperands = 0, identical = 0;
        var failures = new List<string>();
        foreach (string src in Directory.EnumerateFiles(Progs, "verifier_*.c").Order(StringComparer.Ordinal))
        {
            string obj = Path.Combine(Objs, Path.GetFileNameWithoutExtension(src) + ".bpf.o");
            if (!File.Exists(obj))
                continue;
            var functions = TestElf.Functions(File.ReadAllBytes(obj));
            foreach (var naked in SelftestAsmSource.Extract(File.ReadAllText(src)))
            {
                if (!functions.TryGetValue(naked.Function, out var expected))
                    continue;
                blocks++;
                if (naked.Text == null)
                {
                    macroText++; // asm text built by C macros: not reproducible without a preprocessor
                    continue;
                }

                if (naked.Operands.Exists(o => o.Macro == "__imm_ptr"))
                {
                    registerOperands++; // "r" operands: clang picks the register and loads it before the asm
                    continue;
                }

                string? diff = Compare(naked, expected);
                if (diff == null)
                    identical++;
                else
                    failures.Add($"{Path.GetFileName(src)} {naked.Function}: {diff}");
            }
        }

        output.WriteLine($"{blocks} naked asm blocks, {macroText} built by macros and {registerOperands} with compiler-chosen registers (skipped), {identical} identical to clang, {failures.Count} different");
        foreach (string f in failures.Take(60))
            output.WriteLine(f);
        Assert.True(blocks > 1000, "too few asm blocks found");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(30)));
    }

    private static string? Compare(NakedAsm naked, Instruction[] expected)
    {
        // Operands whose values clang knew but we do not get two different stand-ins; slots that
        // change between the two depend on them and are compared by opcode only.
        var zero = new Dictionary<string, long>(StringComparer.Ordinal);
        var one = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (macro, name) in naked.Operands)
        {
            if (macro is "__imm_const" or "__imm_insn" or "i")
            {
                zero[name] = 0;
                one[name] = 1;
            }
        }

        AssemblyResult a, b;
        try
        {
            a = Assembler.Assemble(naked.Text!, zero);
            b = Assembler.Assemble(naked.Text!, one);
        }
        catch (AsmException e)
        {
            return e.Message;
        }

        var got = a.Instructions;
        if (got.Length != expected.Length)
            return $"{got.Length} slots, clang {expected.Length}";
        var relocated = new HashSet<int>();
        foreach (var r in a.Relocations)
            relocated.Add(r.InsnIndex);
        for (int i = 0; i < got.Length; i++)
        {
            bool placeholder = got[i] != b.Instructions[i] || i > 0 && got[i - 1].IsLdImm64 && got[i - 1] != b.Instructions[i - 1];
            if (placeholder && (got[i].Code == 0 || b.Instructions[i].Code != got[i].Code))
                continue; // .8byte %[insn]: the whole slot is the operand
            bool same = placeholder || relocated.Contains(i)
                ? got[i].Code == expected[i].Code && got[i].Dst == expected[i].Dst
                : got[i] == expected[i];
            if (!same)
                return $"slot {i}: {RoundTripTests.Dump(got.AsSpan(i, 1))} clang {RoundTripTests.Dump(expected.AsSpan(i, 1))}";
        }

        return null;
    }
}
