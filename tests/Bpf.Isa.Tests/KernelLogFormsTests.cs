using Xunit.Abstractions;

namespace Bpf.Isa.Tests;

/// <summary>
/// Every distinct instruction shape seen in the 6.18 kernel's level-2 logs over the corpus
/// (Data/kernel-insn-forms.txt, made by bench/isa-logcheck): the line must assemble to an
/// instruction whose opcode is the printed one, and that instruction must print back identically.
/// </summary>
public class KernelLogFormsTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryKernelLogLineReassemblesAndPrintsIdentically()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", "kernel-insn-forms.txt");
        var failures = new List<string>();
        var opcodes = new HashSet<string>();
        int checkedLines = 0;
        foreach (string raw in File.ReadLines(path))
        {
            if (raw.Length == 0 || raw[0] == '#')
                continue;
            string[] parts = raw.Split('\t');
            string text = parts[0];
            checkedLines++;
            opcodes.Add(text[..4]);
            try
            {
                var result = Assembler.Assemble(text);
                var symbols = new DisasmSymbolTable();
                foreach (var (index, name) in result.CallNames)
                    symbols.CallNamesByIndex[index] = name;
                string again = Disassembler.Format(result.Instructions, 0, symbols);
                if (again != text)
                    failures.Add($"{parts[^1]}: kernel '{text}' vs bpfv '{again}'");
            }
            catch (AsmException e)
            {
                failures.Add($"{parts[^1]}: '{text}': {e.Message}");
            }
        }

        output.WriteLine($"{checkedLines} kernel lines, {opcodes.Count} distinct opcodes, {failures.Count} mismatches");
        Assert.True(checkedLines > 1000, "data file too small");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(40)));
    }
}
