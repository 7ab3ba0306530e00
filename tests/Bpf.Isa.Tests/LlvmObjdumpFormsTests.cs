using System.Globalization;
using Xunit.Abstractions;

namespace Bpf.Isa.Tests;

/// <summary>
/// llvm-objdump's text of corpus instructions (Data/llvm-objdump-forms.txt, made by
/// bench/isa-logcheck/make-llvm-forms.py) must assemble to the very bytes it was printed from:
/// an independent check of the LLVM-dialect assembler.
/// </summary>
public class LlvmObjdumpFormsTests(ITestOutputHelper output)
{
    [Fact]
    public void LlvmTextAssemblesToTheOriginalBytes()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", "llvm-objdump-forms.txt");
        var failures = new List<string>();
        int checkedLines = 0, lossy = 0;
        foreach (string raw in File.ReadLines(path))
        {
            if (raw.Length == 0 || raw[0] == '#')
                continue;
            string[] parts = raw.Split('\t');
            var expected = Decode(parts[0]);
            if (IsLossyInLlvm14(expected[0]))
            {
                lossy++;
                continue;
            }

            checkedLines++;
            try
            {
                var got = Assembler.Assemble(parts[1]);
                if (!expected.AsSpan().SequenceEqual(got.Instructions) && !IsExternalCall(expected[0], got))
                    failures.Add($"{parts[2]}: '{parts[1]}': {RoundTripTests.Dump(expected)} -> {RoundTripTests.Dump(got.Instructions)}");
            }
            catch (AsmException e)
            {
                failures.Add($"{parts[2]}: '{parts[1]}': {e.Message}");
            }
        }

        output.WriteLine($"{checkedLines} llvm-objdump lines checked, {lossy} skipped (LLVM 14 prints them lossily), {failures.Count} failures");
        Assert.True(checkedLines > 50, "data file too small");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(40)));
    }

    private static Instruction[] Decode(string hex)
    {
        string[] bytes = hex.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var buf = new byte[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
            buf[i] = byte.Parse(bytes[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return Instruction.ReadAll(buf, out _);
    }

    /// <summary>LLVM 14 predates cpu v4: it prints these encodings without their distinguishing fields.</summary>
    private static bool IsLossyInLlvm14(Instruction i)
    {
        if (Opcode.IsAluClass(i.Code))
            return i.Offset != 0 || Opcode.Op(i.Code) == Opcode.End && i.Class == Opcode.Alu64;
        if (i.Class == Opcode.Ldx)
            return Opcode.Mode(i.Code) == Opcode.MemSx;
        if (i.Code is (Opcode.Jmp32 | Opcode.Ja) or (Opcode.Jmp | Opcode.Jcond))
            return true;
        if (i.Class == Opcode.Ld && Opcode.Mode(i.Code) == Opcode.Ind)
            return i.Imm != 0; // printed as skb[rN] without the immediate
        return i.Class == Opcode.Stx && Opcode.Mode(i.Code) == Opcode.Atomic && i.Imm >= AtomicOp.LoadAcq;
    }

    /// <summary>
    /// LLVM prints a relocated call's imm (-1) as "call -1", which bpfv reads as a relative jump, and a
    /// pseudo call as its relative imm without saying it is one: compare those by imm only.
    /// </summary>
    private static bool IsExternalCall(Instruction expected, AssemblyResult got) =>
        expected.IsCall && got.Instructions.Length == 1 && got.Instructions[0].IsCall && got.Instructions[0].Imm == expected.Imm;
}
