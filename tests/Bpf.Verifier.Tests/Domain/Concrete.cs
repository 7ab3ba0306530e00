using System.Buffers.Binary;
using Bpf.Isa;

namespace Bpf.Verifier.Tests.Domain;

/// <summary>Reference semantics of BPF instructions on concrete 64-bit register values.</summary>
internal static class Concrete
{
    public static ulong Alu(byte op, ulong dst, ulong src, bool alu64)
    {
        if (alu64)
        {
            return op switch
            {
                Opcode.Add => dst + src,
                Opcode.Sub => dst - src,
                Opcode.Mul => dst * src,
                Opcode.Div => src == 0 ? 0 : dst / src,
                Opcode.Mod => src == 0 ? dst : dst % src,
                Opcode.And => dst & src,
                Opcode.Or => dst | src,
                Opcode.Xor => dst ^ src,
                Opcode.Lsh => dst << (int)(src & 63),
                Opcode.Rsh => dst >> (int)(src & 63),
                Opcode.Arsh => (ulong)((long)dst >> (int)(src & 63)),
                Opcode.Neg => (ulong)-(long)dst,
                _ => throw new ArgumentOutOfRangeException(nameof(op)),
            };
        }

        uint d = (uint)dst;
        uint s = (uint)src;
        uint r = op switch
        {
            Opcode.Add => d + s,
            Opcode.Sub => d - s,
            Opcode.Mul => d * s,
            Opcode.Div => s == 0 ? 0 : d / s,
            Opcode.Mod => s == 0 ? d : d % s,
            Opcode.And => d & s,
            Opcode.Or => d | s,
            Opcode.Xor => d ^ s,
            Opcode.Lsh => d << (int)(s & 31),
            Opcode.Rsh => d >> (int)(s & 31),
            Opcode.Arsh => (uint)((int)d >> (int)(s & 31)),
            Opcode.Neg => (uint)-(int)d,
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };
        return r;
    }

    /// <summary>BPF_END on a little-endian machine.</summary>
    public static ulong End(byte code, int imm, ulong v)
    {
        bool swap = Opcode.Class(code) == Opcode.Alu64 || Opcode.Src(code) == Opcode.ToBe;
        return imm switch
        {
            16 => swap ? BinaryPrimitives.ReverseEndianness((ushort)v) : (ushort)v,
            32 => swap ? BinaryPrimitives.ReverseEndianness((uint)v) : (uint)v,
            _ => swap ? BinaryPrimitives.ReverseEndianness(v) : v,
        };
    }

    public static bool Cond(byte op, ulong a, ulong b, bool is32)
    {
        if (is32)
        {
            a = (uint)a;
            b = (uint)b;
        }

        long sa = is32 ? (int)(uint)a : (long)a;
        long sb = is32 ? (int)(uint)b : (long)b;
        return op switch
        {
            Opcode.Jeq => a == b,
            Opcode.Jne => a != b,
            Opcode.Jgt => a > b,
            Opcode.Jge => a >= b,
            Opcode.Jlt => a < b,
            Opcode.Jle => a <= b,
            Opcode.Jsgt => sa > sb,
            Opcode.Jsge => sa >= sb,
            Opcode.Jslt => sa < sb,
            Opcode.Jsle => sa <= sb,
            Opcode.Jset => (a & b) != 0,
            Bpf.Verifier.Semantics.Scalar.ScalarBranch.JsetFalse => (a & b) == 0,
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };
    }
}
