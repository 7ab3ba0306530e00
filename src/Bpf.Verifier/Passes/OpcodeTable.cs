using Bpf.Isa;

namespace Bpf.Verifier.Passes;

/// <summary>bpf_opcode_in_insntable: the opcodes the kernel knows at all.</summary>
internal static class OpcodeTable
{
    private static readonly bool[] Valid = Build();

    public static bool IsValid(byte code) => Valid[code];

    private static bool[] Build()
    {
        var v = new bool[256];
        byte[] aluOps = [Opcode.Add, Opcode.Sub, Opcode.Mul, Opcode.Div, Opcode.Or, Opcode.And, Opcode.Lsh, Opcode.Rsh, Opcode.Neg, Opcode.Mod, Opcode.Xor, Opcode.Mov, Opcode.Arsh];
        foreach (var cls in new[] { Opcode.Alu, Opcode.Alu64 })
        {
            foreach (var op in aluOps)
            {
                v[cls | op | Opcode.K] = true;
                v[cls | op | Opcode.X] = true;
            }
        }
        v[Opcode.Alu | Opcode.End | Opcode.ToLe] = true;
        v[Opcode.Alu | Opcode.End | Opcode.ToBe] = true;
        v[Opcode.Alu64 | Opcode.End | Opcode.ToLe] = true;
        byte[] jmpOps = [Opcode.Jeq, Opcode.Jgt, Opcode.Jge, Opcode.Jset, Opcode.Jne, Opcode.Jsgt, Opcode.Jsge, Opcode.Jlt, Opcode.Jle, Opcode.Jslt, Opcode.Jsle];
        foreach (var cls in new[] { Opcode.Jmp, Opcode.Jmp32 })
        {
            foreach (var op in jmpOps)
            {
                v[cls | op | Opcode.K] = true;
                v[cls | op | Opcode.X] = true;
            }
            v[cls | Opcode.Ja] = true;
        }
        v[Opcode.Jmp | Opcode.Call] = true;
        v[Opcode.Jmp | Opcode.Exit] = true;
        v[Opcode.Jmp | Opcode.Jcond] = true;
        v[Opcode.Ld | Opcode.Imm | Opcode.DW] = true;
        foreach (var sz in new[] { Opcode.W, Opcode.H, Opcode.B })
        {
            v[Opcode.Ld | Opcode.Abs | sz] = true;
            v[Opcode.Ld | Opcode.Ind | sz] = true;
        }
        foreach (var sz in new[] { Opcode.W, Opcode.H, Opcode.B, Opcode.DW })
        {
            v[Opcode.Ldx | Opcode.Mem | sz] = true;
            v[Opcode.St | Opcode.Mem | sz] = true;
            v[Opcode.Stx | Opcode.Mem | sz] = true;
            v[Opcode.Stx | Opcode.Atomic | sz] = true;
        }
        foreach (var sz in new[] { Opcode.W, Opcode.H, Opcode.B })
            v[Opcode.Ldx | Opcode.MemSx | sz] = true;
        return v;
    }
}
