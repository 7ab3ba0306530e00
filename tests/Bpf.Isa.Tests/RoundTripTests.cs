namespace Bpf.Isa.Tests;

public class RoundTripTests
{
    [Fact]
    public void AssembleOfFormatReproducesEveryGeneratedInstruction()
    {
        var rng = new Random(618);
        for (int n = 0; n < 50_000; n++)
        {
            var insns = InsnGen.Next(rng);
            string text = Disassembler.Format(insns, 0);
            var result = Assembler.Assemble(text);
            if (!insns.AsSpan().SequenceEqual(result.Instructions))
                Assert.Fail($"{text}: expected {Dump(insns)}, got {Dump(result.Instructions)}");
        }
    }

    [Fact]
    public void ListingRoundTripsAsAWhole()
    {
        var rng = new Random(42);
        var prog = new List<Instruction>();
        for (int n = 0; n < 2000; n++)
            prog.AddRange(InsnGen.Next(rng));
        string listing = Disassembler.FormatListing(prog.ToArray(), lineComment: i => i % 7 == 0 ? $"source line {i}" : null);
        var result = Assembler.Assemble(listing);
        Assert.Equal(prog, result.Instructions);
    }

    internal static string Dump(ReadOnlySpan<Instruction> insns)
    {
        var parts = new List<string>();
        foreach (var i in insns)
            parts.Add($"{{code={i.Code:x2} dst={i.Dst} src={i.Src} off={i.Offset} imm={i.Imm}}}");
        return string.Join(" ", parts);
    }
}
