namespace Bpf.Isa.Tests;

public class RobustnessTests
{
    [Fact]
    public void DisassemblerNeverThrowsOnRandomBytes()
    {
        var rng = new Random(7);
        var bytes = new byte[8 * 4096 + 5];
        for (int round = 0; round < 8; round++)
        {
            rng.NextBytes(bytes);
            var prog = Instruction.ReadAll(bytes, out int trailing);
            Assert.Equal(5, trailing);
            for (int i = 0; i < prog.Length; i++)
                Assert.NotNull(Disassembler.Format(prog, i));
            Assert.NotNull(Disassembler.FormatListing(prog));
        }
    }

    [Fact]
    public void EveryOpcodeByteFormatsAndReassemblesOrFailsCleanly()
    {
        var rng = new Random(11);
        for (int code = 0; code < 256; code++)
        {
            for (int k = 0; k < 64; k++)
            {
                var insn = new Instruction((byte)code, (byte)rng.Next(256), (short)rng.Next(short.MinValue, short.MaxValue + 1), rng.Next(int.MinValue, int.MaxValue));
                Instruction[] prog = [insn, new Instruction(0, 0, 0, 0, rng.Next())];
                string text = Disassembler.Format(prog, 0);
                try
                {
                    Assembler.Assemble(text);
                }
                catch (AsmException)
                {
                    // Malformed encodings print forms (BUG_.., (null), r12) that are not assembly.
                }
            }
        }
    }

    [Fact]
    public void FormatOutsideTheProgramIsEmpty()
    {
        Assert.Equal("", Disassembler.Format([], 0));
        Instruction[] truncated = [new(Opcode.Ld | Opcode.Imm | Opcode.DW, 1, 0, 0, 5)];
        Assert.Equal("(18) r1 = 0x5", Disassembler.Format(truncated, 0));
    }

    [Fact]
    public void AssemblerThrowsOnlyAsmExceptionOnGarbage()
    {
        var rng = new Random(3);
        const string alphabet = "rw0123456789 +-*/=<>&|^()[]%;:,#.xsulbgotifcal_\n";
        for (int n = 0; n < 5000; n++)
        {
            var chars = new char[rng.Next(1, 40)];
            for (int i = 0; i < chars.Length; i++)
                chars[i] = alphabet[rng.Next(alphabet.Length)];
            try
            {
                Assembler.Assemble(new string(chars));
            }
            catch (AsmException)
            {
            }
        }
    }

    [Fact]
    public void AssemblerThrowsOnlyAsmExceptionOnTokenSoup()
    {
        string[] vocab =
        [
            "r0", "w1", "r10", "r15", "=", "+=", "s>>=", "s%=", "%%=", "-", "+", "*", "(", ")", "[", "]", ",", ":", ";", "\n",
            "u32", "s8", "u64", "0", "-1", "0x7fffffff", "99999999999999999999", "ll", "goto", "gotol", "may_goto", "if", "call",
            "exit", "lock", "pc", "+3", "1f", "1b", "l0_%=", "%[x]", "%[", "map", "skb", ".rept", ".endr", ".byte", ".8byte",
            "be16", "bswap64", "addr_space_cast", "load_acquire", "store_release", "atomic64_cmpxchg", "xchg_64", "ld_pseudo",
            "&", "(bf)", "(18)", "#", "kernel-function", "/*", "*/", "//",
        ];
        var rng = new Random(5);
        var constants = new Dictionary<string, long> { ["x"] = 3 };
        for (int n = 0; n < 20000; n++)
        {
            var parts = new string[rng.Next(1, 12)];
            for (int i = 0; i < parts.Length; i++)
                parts[i] = vocab[rng.Next(vocab.Length)];
            string text = string.Join(" ", parts);
            try
            {
                Assembler.Assemble(text, constants);
            }
            catch (AsmException)
            {
            }
        }
    }
}
