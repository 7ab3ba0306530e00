using Xunit.Abstractions;

namespace Bpf.Isa.Tests;

/// <summary>Assemble(Format(insn)) over every instruction of every corpus object's executable sections.</summary>
public class CorpusRoundTripTests(ITestOutputHelper output)
{
    [CorpusFact]
    public void EveryCorpusInstructionRoundTrips()
    {
        int objects = 0, insnCount = 0, lossy = 0;
        var failures = new List<string>();
        var forms = new Dictionary<string, string>();
        foreach (string obj in Directory.EnumerateFiles(CorpusFactAttribute.Root, "*.o", SearchOption.AllDirectories))
        {
            objects++;
            foreach (var (section, prog) in TestElf.ExecutableSections(File.ReadAllBytes(obj)))
            {
                for (int i = 0; i < prog.Length; i++)
                {
                    insnCount++;
                    forms.TryAdd(InsnForms.Key(prog[i]), $"{Path.GetFileName(obj)} {section}[{i}] {Disassembler.Format(prog, i)}");
                    int width = prog[i].IsLdImm64 && i + 1 < prog.Length ? 2 : 1;
                    string text = Disassembler.Format(prog, i);
                    if (prog[i].IsLdImm64 && prog[i].Src != 0)
                    {
                        // The printed form of a pseudo ld_imm64 is just its value, as in the kernel log.
                        lossy++;
                        i += width - 1;
                        continue;
                    }

                    Instruction[] got;
                    try
                    {
                        got = Assembler.Assemble(text).Instructions;
                    }
                    catch (AsmException e)
                    {
                        failures.Add($"{obj} {section}[{i}] {text}: {e.Message}");
                        continue;
                    }

                    if (!prog.AsSpan(i, width).SequenceEqual(got))
                        failures.Add($"{obj} {section}[{i}] {text}: {RoundTripTests.Dump(prog.AsSpan(i, width))} -> {RoundTripTests.Dump(got)}");
                    i += width - 1;
                }
            }
        }

        MeasureFormat();
        output.WriteLine($"{objects} objects, {insnCount} instruction slots, {lossy} pseudo ld_imm64 skipped, {failures.Count} failures");
        ReportFormsMissingFromKernelLogs(forms);
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(50)));
    }

    /// <summary>Disassembly throughput over the whole corpus, the way a level-2 log appends lines.</summary>
    private void MeasureFormat()
    {
        var programs = new List<Instruction[]>();
        foreach (string obj in Directory.EnumerateFiles(CorpusFactAttribute.Root, "*.o", SearchOption.AllDirectories))
        {
            foreach (var (_, prog) in TestElf.ExecutableSections(File.ReadAllBytes(obj)))
                programs.Add(prog);
        }

        var sb = new System.Text.StringBuilder();
        long count = 0;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        foreach (var prog in programs)
        {
            for (int i = 0; i < prog.Length; i++)
            {
                sb.Clear();
                Disassembler.Append(sb, prog, i);
                count++;
            }
        }

        sw.Stop();
        output.WriteLine($"Disassembler.Append: {count} instructions in {sw.ElapsedMilliseconds} ms ({count / Math.Max(1e-9, sw.Elapsed.TotalSeconds) / 1e6:F1} M/s)");
    }

    /// <summary>Which printed forms of the corpus the kernel-log data file (KernelLogFormsTests) does not cover.</summary>
    private void ReportFormsMissingFromKernelLogs(Dictionary<string, string> corpusForms)
    {
        var logForms = new HashSet<string>();
        foreach (string raw in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "kernel-insn-forms.txt")))
        {
            if (raw.Length == 0 || raw[0] == '#')
                continue;
            var insns = Assembler.Assemble(raw.Split('\t')[0]).Instructions;
            logForms.Add(InsnForms.Key(insns[0]));
        }

        int missing = 0;
        foreach (var (key, example) in corpusForms.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (logForms.Contains(key))
                continue;
            missing++;
            output.WriteLine($"not in kernel logs: {key,-16} e.g. {example}");
        }

        output.WriteLine($"{corpusForms.Count} distinct forms in the corpus, {logForms.Count} in kernel logs, {missing} corpus forms not covered");
    }
}
