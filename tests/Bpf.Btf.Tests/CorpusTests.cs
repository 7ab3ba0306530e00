using System.Diagnostics;
using Xunit.Abstractions;

namespace Bpf.Btf.Tests;

/// <summary>Surveys the shared corpus (skipped when it is absent, e.g. in CI).</summary>
public class CorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void AllCorpusBtfParsesAndKernelChecksMatch()
    {
        if (!Corpus.Available)
        {
            output.WriteLine($"SKIPPED: corpus not found at {Corpus.Root}");
            return;
        }
        int objs = 0, withBtf = 0, rejected = 0;
        var failures = new List<string>();
        var sw = Stopwatch.StartNew();
        foreach (string path in Corpus.Objects())
        {
            objs++;
            var (secs, syms) = TinyElf.Read(File.ReadAllBytes(path));
            if (!secs.TryGetValue(".BTF", out var btfBytes))
                continue;
            withBtf++;
            BtfSpec spec;
            try
            {
                spec = BtfSpec.Parse(btfBytes);
            }
            catch (BtfException e)
            {
                failures.Add($"{path}: {e.Message}");
                continue;
            }
            spec.FixupExterns();
            string? why = spec.FixupDatasecs(
                n => secs.TryGetValue(n, out var b) ? (ulong)b.Length : null,
                n => syms.TryGetValue(n, out var s) ? s : null);
            if (why != null)
            {
                output.WriteLine($"libbpf fixup fails for {Path.GetFileName(path)}: {why}");
                continue;
            }
            why = spec.CheckKernelAcceptance();
            if (why != null)
            {
                rejected++;
                output.WriteLine($"kernel rejects BTF of {Path.GetFileName(path)}: {why.Replace('\n', ' ')}");
            }
        }
        output.WriteLine($"{objs} objects, {withBtf} with .BTF, {rejected} rejected by kernel rules, {sw.ElapsedMilliseconds} ms");
        Assert.Empty(failures);
    }
}

public class CorpusCoreTests(ITestOutputHelper output)
{
    [Fact]
    public void CorpusCoreRelocationsAgainstEmbedded618()
    {
        if (!Corpus.Available)
        {
            output.WriteLine($"SKIPPED: corpus not found at {Corpus.Root}");
            return;
        }
        var target = KernelBtf.Embedded;
        int objs = 0, total = 0, patched = 0, poisoned = 0, failed = 0, extErrors = 0;
        double extMs = 0;
        target.FindByEssentialName("task_struct");
        var swLoad = System.Diagnostics.Stopwatch.StartNew();
        target.FindByEssentialName("task_struct");
        output.WriteLine($"target indexes: {swLoad.ElapsedMilliseconds} ms");
        var sw = System.Diagnostics.Stopwatch.StartNew();
        foreach (string path in Corpus.Objects())
        {
            var secs = TinyElf.Sections(File.ReadAllBytes(path));
            if (!secs.TryGetValue(".BTF", out var btfBytes) || !secs.TryGetValue(".BTF.ext", out var extBytes))
                continue;
            var local = BtfSpec.Parse(btfBytes);
            var swExt = System.Diagnostics.Stopwatch.StartNew();
            BtfExt ext;
            try
            {
                ext = BtfExt.Parse(extBytes, local);
            }
            catch (BtfException e)
            {
                extErrors++;
                output.WriteLine($"{Path.GetFileName(path)}: .BTF.ext: {e.Message}");
                continue;
            }
            extMs += swExt.Elapsed.TotalMilliseconds;
            if (ext.TotalCoreRelos == 0)
                continue;
            objs++;
            var relocator = new CoreRelocator(local, target);
            foreach (var sec in ext.Sections)
            {
                if (sec.CoreRelos.Count == 0 || !secs.TryGetValue(sec.Name, out var code))
                    continue;
                var insns = Bpf.Isa.Instruction.ReadAll(code, out _);
                foreach (var relo in sec.CoreRelos)
                {
                    total++;
                    if (!relocator.TryResolve(relo, out var res, out string? err)
                        || !CoreRelocator.TryPatch(insns, relo.InsnIndex, res, out err))
                    {
                        failed++;
                        if (failed <= 40)
                            output.WriteLine($"{Path.GetFileName(path)} {sec.Name} insn {relo.InsnIndex} [{relo.TypeId}] {local.Name(relo.TypeId)} {relo.AccessString} {relo.Kind}: {err}");
                        continue;
                    }
                    if (res.Poison)
                        poisoned++;
                    else
                        patched++;
                }
            }
        }
        output.WriteLine($"{objs} objects with CO-RE relocations: {total} relocations, {patched} resolved, {poisoned} poisoned, {failed} fatal; {extErrors} .BTF.ext errors; {sw.ElapsedMilliseconds} ms total, {extMs:F0} ms in BTF.ext parsing");
        Assert.Equal(0, extErrors);
    }
}
