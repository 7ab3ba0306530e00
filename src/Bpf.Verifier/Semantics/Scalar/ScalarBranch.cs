using Bpf.Isa;
using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Semantics.Scalar;

/// <summary>
/// Conditional jumps between two scalars (is_scalar_branch_taken, regs_refine_cond_op,
/// flip_opcode, rev_opcode; Linux 6.18). Jump ops are BPF_OP nibbles (<see cref="Opcode.Jeq"/> ...);
/// <see cref="JsetFalse"/> is the kernel's private "not JSET" code.
/// </summary>
public static partial class ScalarBranch
{
    /// <summary>rev_opcode of JSET: BPF_JSET | BPF_X, "no bit of the mask is set".</summary>
    public const byte JsetFalse = Opcode.Jset | Opcode.X;

    /// <summary>rev_opcode: the condition of the fall-through branch (0 for non-conditions).</summary>
    public static byte Negate(byte op) => op switch
    {
        Opcode.Jeq => Opcode.Jne,
        Opcode.Jne => Opcode.Jeq,
        Opcode.Jset => JsetFalse,
        JsetFalse => Opcode.Jset,
        Opcode.Jge => Opcode.Jlt,
        Opcode.Jgt => Opcode.Jle,
        Opcode.Jle => Opcode.Jgt,
        Opcode.Jlt => Opcode.Jge,
        Opcode.Jsge => Opcode.Jslt,
        Opcode.Jsgt => Opcode.Jsle,
        Opcode.Jsle => Opcode.Jsgt,
        Opcode.Jslt => Opcode.Jsge,
        _ => 0,
    };

    /// <summary>flip_opcode: the op for "b OP' a" given "a OP b" (0 for non-conditions).</summary>
    public static byte Flip(byte op) => op switch
    {
        Opcode.Jeq or Opcode.Jne or Opcode.Jset => op,
        Opcode.Jge => Opcode.Jle,
        Opcode.Jgt => Opcode.Jlt,
        Opcode.Jle => Opcode.Jge,
        Opcode.Jlt => Opcode.Jgt,
        Opcode.Jsge => Opcode.Jsle,
        Opcode.Jsgt => Opcode.Jslt,
        Opcode.Jsle => Opcode.Jsge,
        Opcode.Jslt => Opcode.Jsgt,
        _ => 0,
    };

    /// <summary>
    /// is_scalar_branch_taken for "a OP b": 1 always taken, 0 never, -1 unknown.
    /// <paramref name="is32"/> compares the low 32 bits (JMP32).
    /// </summary>
    public static int IsTaken(in ScalarBounds a, in ScalarBounds b, byte op, bool is32)
    {
        Tnum t1 = is32 ? Tnum.Subreg(a.VarOff) : a.VarOff;
        Tnum t2 = is32 ? Tnum.Subreg(b.VarOff) : b.VarOff;
        ulong umin1 = is32 ? a.U32Min : a.UMin;
        ulong umax1 = is32 ? a.U32Max : a.UMax;
        long smin1 = is32 ? a.S32Min : a.SMin;
        long smax1 = is32 ? a.S32Max : a.SMax;
        ulong umin2 = is32 ? b.U32Min : b.UMin;
        ulong umax2 = is32 ? b.U32Max : b.UMax;
        long smin2 = is32 ? b.S32Min : b.SMin;
        long smax2 = is32 ? b.S32Max : b.SMax;

        switch (op)
        {
            case Opcode.Jeq:
            case Opcode.Jne:
                {
                    int eq = IsEqual(a, b, t1, t2, umin1, umax1, smin1, smax1, umin2, umax2, smin2, smax2, is32);
                    return eq < 0 || op == Opcode.Jeq ? eq : 1 - eq;
                }

            case Opcode.Jset:
                {
                    Tnum x = t1;
                    Tnum k = t2;
                    if (!k.IsConst)
                    {
                        (x, k) = (k, x);
                    }

                    if (!k.IsConst)
                    {
                        return -1;
                    }

                    if ((~x.Mask & x.Value & k.Value) != 0)
                    {
                        return 1;
                    }

                    if (((x.Mask | x.Value) & k.Value) == 0)
                    {
                        return 0;
                    }

                    return -1;
                }

            case Opcode.Jgt:
                return umin1 > umax2 ? 1 : umax1 <= umin2 ? 0 : -1;
            case Opcode.Jsgt:
                return smin1 > smax2 ? 1 : smax1 <= smin2 ? 0 : -1;
            case Opcode.Jlt:
                return umax1 < umin2 ? 1 : umin1 >= umax2 ? 0 : -1;
            case Opcode.Jslt:
                return smax1 < smin2 ? 1 : smin1 >= smax2 ? 0 : -1;
            case Opcode.Jge:
                return umin1 >= umax2 ? 1 : umax1 < umin2 ? 0 : -1;
            case Opcode.Jsge:
                return smin1 >= smax2 ? 1 : smax1 < smin2 ? 0 : -1;
            case Opcode.Jle:
                return umax1 <= umin2 ? 1 : umin1 > umax2 ? 0 : -1;
            case Opcode.Jsle:
                return smax1 <= smin2 ? 1 : smin1 > smax2 ? 0 : -1;
            default:
                return -1;
        }
    }

    // 1 equal for sure, 0 never equal, -1 unknown.
    private static int IsEqual(
        in ScalarBounds a, in ScalarBounds b, Tnum t1, Tnum t2,
        ulong umin1, ulong umax1, long smin1, long smax1,
        ulong umin2, ulong umax2, long smin2, long smax2, bool is32)
    {
        if (t1.IsConst && t2.IsConst)
        {
            return t1.Value == t2.Value ? 1 : 0;
        }

        if (!Tnum.Overlap(t1, t2))
        {
            return 0;
        }

        if (umin1 > umax2 || umax1 < umin2 || smin1 > smax2 || smax1 < smin2)
        {
            return 0;
        }

        // Inconclusive 64-bit ranges may still be told apart by their 32-bit subranges.
        if (!is32 &&
            (a.U32Min > b.U32Max || a.U32Max < b.U32Min || a.S32Min > b.S32Max || a.S32Max < b.S32Min))
        {
            return 0;
        }

        return -1;
    }
}
