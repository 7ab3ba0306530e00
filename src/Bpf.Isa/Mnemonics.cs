namespace Bpf.Isa;

/// <summary>
/// Operator spellings of the kernel's disassembler (kernel/bpf/disasm.c), shared by the
/// disassembler and the assembler so both directions agree. Null entries are the kernel's
/// missing table slots, which its printf renders as <c>(null)</c>.
/// </summary>
internal static class Mnemonics
{
    public const string Null = "(null)";

    /// <summary>ALU operator by <c>op &gt;&gt; 4</c>.</summary>
    public static readonly string?[] Alu =
    [
        "+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=", "neg", "%=", "^=", "=", "s>>=", "endian", null, null,
    ];

    /// <summary>Jump operator by <c>op &gt;&gt; 4</c>.</summary>
    public static readonly string?[] Jmp =
    [
        "jmp", "==", ">", ">=", "&", "!=", "s>", "s>=", "call", "exit", "<", "<=", "s<", "s<=", null, null,
    ];

    /// <summary>Unsigned access type by <c>size &gt;&gt; 3</c>.</summary>
    public static readonly string[] Unsigned = ["u32", "u16", "u8", "u64"];

    /// <summary>Signed access type by <c>size &gt;&gt; 3</c> (no 64-bit sign-extending load exists).</summary>
    public static readonly string?[] Signed = ["s32", "s16", "s8", null];

    /// <summary>Atomic read-modify-write operation name by <c>op &gt;&gt; 4</c>.</summary>
    public static readonly string?[] AtomicAlu =
    [
        "add", null, null, null, "or", "and", null, null, null, null, "xor", null, null, null, null, null,
    ];

    public static string Class(byte cls) => cls switch
    {
        Opcode.Ld => "ld",
        Opcode.Ldx => "ldx",
        Opcode.St => "st",
        Opcode.Stx => "stx",
        Opcode.Alu => "alu",
        Opcode.Jmp => "jmp",
        Opcode.Jmp32 => "jmp32",
        _ => "alu64",
    };

    /// <summary>Size field (BPF_W/H/B/DW) of an access type name, or -1.</summary>
    public static int SizeOf(string type, out bool signed)
    {
        signed = type.Length > 0 && type[0] == 's';
        return type switch
        {
            "u32" or "s32" => Opcode.W,
            "u16" or "s16" => Opcode.H,
            "u8" or "s8" => Opcode.B,
            "u64" => Opcode.DW,
            _ => -1,
        };
    }

    /// <summary>ALU op of a compound assignment operator (<c>+=</c>), or -1.</summary>
    public static int AluOpOf(string op)
    {
        for (int i = 0; i < Alu.Length; i++)
        {
            if (i is 8 or 11 or 13)
                continue; // neg, mov and endian are not compound assignments
            if (Alu[i] == op)
                return i << 4;
        }

        return -1;
    }

    /// <summary>Conditional jump op of a comparison operator (<c>s&lt;=</c>), or -1.</summary>
    public static int JmpOpOf(string op)
    {
        for (int i = 1; i < Jmp.Length; i++)
        {
            if (i is 8 or 9)
                continue;
            if (Jmp[i] == op)
                return i << 4;
        }

        return -1;
    }
}
