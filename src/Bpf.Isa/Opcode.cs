namespace Bpf.Isa;

/// <summary>
/// Opcode bit fields of the eBPF instruction set (include/uapi/linux/bpf.h, bpf_common.h).
/// An opcode byte is <c>class(3 bits, low) | source/size (bits 3-4) | op/mode (high bits)</c>.
/// </summary>
public static class Opcode
{
    // Instruction classes: bits 0-2.
    public const byte ClassMask = 0x07;
    public const byte Ld = 0x00;
    public const byte Ldx = 0x01;
    public const byte St = 0x02;
    public const byte Stx = 0x03;
    public const byte Alu = 0x04;
    public const byte Jmp = 0x05;
    public const byte Jmp32 = 0x06;
    public const byte Alu64 = 0x07;

    // Size for loads/stores: bits 3-4.
    public const byte SizeMask = 0x18;
    public const byte W = 0x00;   // 4 bytes
    public const byte H = 0x08;   // 2 bytes
    public const byte B = 0x10;   // 1 byte
    public const byte DW = 0x18;  // 8 bytes

    // Mode for loads/stores: bits 5-7.
    public const byte ModeMask = 0xe0;
    public const byte Imm = 0x00;
    public const byte Abs = 0x20;
    public const byte Ind = 0x40;
    public const byte Mem = 0x60;
    public const byte MemSx = 0x80;
    public const byte Atomic = 0xc0;

    // Source operand for ALU/JMP: bit 3.
    public const byte SrcMask = 0x08;
    public const byte K = 0x00;
    public const byte X = 0x08;

    // ALU operations: bits 4-7.
    public const byte OpMask = 0xf0;
    public const byte Add = 0x00;
    public const byte Sub = 0x10;
    public const byte Mul = 0x20;
    public const byte Div = 0x30;
    public const byte Or = 0x40;
    public const byte And = 0x50;
    public const byte Lsh = 0x60;
    public const byte Rsh = 0x70;
    public const byte Neg = 0x80;
    public const byte Mod = 0x90;
    public const byte Xor = 0xa0;
    public const byte Mov = 0xb0;
    public const byte Arsh = 0xc0;
    public const byte End = 0xd0;

    // Byte-swap direction (source bit of END).
    public const byte ToLe = 0x00;
    public const byte ToBe = 0x08;

    // Jump operations: bits 4-7.
    public const byte Ja = 0x00;
    public const byte Jeq = 0x10;
    public const byte Jgt = 0x20;
    public const byte Jge = 0x30;
    public const byte Jset = 0x40;
    public const byte Jne = 0x50;
    public const byte Jsgt = 0x60;
    public const byte Jsge = 0x70;
    public const byte Call = 0x80;
    public const byte Exit = 0x90;
    public const byte Jlt = 0xa0;
    public const byte Jle = 0xb0;
    public const byte Jslt = 0xc0;
    public const byte Jsle = 0xd0;
    public const byte Jcond = 0xe0; // may_goto

    public static byte Class(byte code) => (byte)(code & ClassMask);
    public static byte Size(byte code) => (byte)(code & SizeMask);
    public static byte Mode(byte code) => (byte)(code & ModeMask);
    public static byte Src(byte code) => (byte)(code & SrcMask);
    public static byte Op(byte code) => (byte)(code & OpMask);

    /// <summary>Access size in bytes of a load/store size field.</summary>
    public static int SizeBytes(byte code) => Size(code) switch
    {
        W => 4,
        H => 2,
        B => 1,
        _ => 8,
    };

    public static bool IsAluClass(byte code) => Class(code) is Alu or Alu64;
    public static bool IsJmpClass(byte code) => Class(code) is Jmp or Jmp32;
    public static bool IsLdImm64(byte code) => code == (Ld | Imm | DW);
}

/// <summary>Values of the src_reg field of special instructions (BPF_PSEUDO_*).</summary>
public static class Pseudo
{
    // ld_imm64 sources.
    public const byte MapFd = 1;
    public const byte MapValue = 2;
    public const byte BtfId = 3;
    public const byte MapIdx = 5;
    public const byte MapIdxValue = 6;
    public const byte Func = 4;

    // call sources.
    public const byte Helper = 0;
    public const byte Call = 1;       // bpf-to-bpf call, imm is relative
    public const byte KfuncCall = 2;  // imm is a BTF id of a kernel function
}

/// <summary>Atomic operation codes carried in imm of BPF_ATOMIC instructions.</summary>
public static class AtomicOp
{
    public const int Fetch = 0x01;
    public const int Add = 0x00;
    public const int Or = 0x40;
    public const int And = 0x50;
    public const int Xor = 0xa0;
    public const int Xchg = 0xe0 | Fetch;
    public const int Cmpxchg = 0xf0 | Fetch;
    public const int LoadAcq = 0x100;
    public const int StoreRel = 0x110;
}
