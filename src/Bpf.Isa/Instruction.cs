using System.Buffers.Binary;

namespace Bpf.Isa;

/// <summary>
/// One 8-byte eBPF instruction slot: <c>code:8 dst:4 src:4 off:16 imm:32</c> (little endian).
/// An ld_imm64 occupies two slots; the second carries the high 32 bits in its imm.
/// Programs are kept as arrays of slots so indices match the kernel's instruction numbers.
/// </summary>
public readonly record struct Instruction(byte Code, byte Regs, short Offset, int Imm)
{
    public const int Size = 8;

    public Instruction(byte code, int dst, int src, short offset, int imm)
        : this(code, (byte)((dst & 0xf) | ((src & 0xf) << 4)), offset, imm)
    {
    }

    public int Dst => Regs & 0xf;
    public int Src => Regs >> 4;
    public byte Class => (byte)(Code & Opcode.ClassMask);

    public bool IsLdImm64 => Code == (Opcode.Ld | Opcode.Imm | Opcode.DW);
    public bool IsExit => Code == (Opcode.Jmp | Opcode.Exit);
    public bool IsCall => Code == (Opcode.Jmp | Opcode.Call);
    public bool IsHelperCall => IsCall && Src == Pseudo.Helper;
    public bool IsPseudoCall => IsCall && Src == Pseudo.Call;
    public bool IsKfuncCall => IsCall && Src == Pseudo.KfuncCall;

    public Instruction WithImm(int imm) => this with { Imm = imm };
    public Instruction WithSrc(int src) => this with { Regs = (byte)((Regs & 0xf) | ((src & 0xf) << 4)) };
    public Instruction WithDst(int dst) => this with { Regs = (byte)((Regs & 0xf0) | (dst & 0xf)) };

    public static Instruction Read(ReadOnlySpan<byte> b) =>
        new(b[0], b[1], BinaryPrimitives.ReadInt16LittleEndian(b[2..]), BinaryPrimitives.ReadInt32LittleEndian(b[4..]));

    public void Write(Span<byte> b)
    {
        b[0] = Code;
        b[1] = Regs;
        BinaryPrimitives.WriteInt16LittleEndian(b[2..], Offset);
        BinaryPrimitives.WriteInt32LittleEndian(b[4..], Imm);
    }

    /// <summary>Decodes raw bytes into slots. Never throws: a trailing partial slot is ignored and reported by <paramref name="trailingBytes"/>.</summary>
    public static Instruction[] ReadAll(ReadOnlySpan<byte> bytes, out int trailingBytes)
    {
        int n = bytes.Length / Size;
        trailingBytes = bytes.Length - n * Size;
        var result = new Instruction[n];
        for (int i = 0; i < n; i++)
            result[i] = Read(bytes.Slice(i * Size, Size));
        return result;
    }

    public static byte[] WriteAll(ReadOnlySpan<Instruction> insns)
    {
        var bytes = new byte[insns.Length * Size];
        for (int i = 0; i < insns.Length; i++)
            insns[i].Write(bytes.AsSpan(i * Size, Size));
        return bytes;
    }

    /// <summary>The 64-bit immediate of an ld_imm64 pair (this slot and <paramref name="next"/>).</summary>
    public ulong Imm64(Instruction next) => (uint)Imm | ((ulong)(uint)next.Imm << 32);
}
