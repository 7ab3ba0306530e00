using Bpf.Isa;
using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Semantics.Scalar;

/// <summary>
/// adjust_scalar_min_max_vals (Linux 6.18) for scalar OP scalar: the numeric result of an ALU
/// instruction. The caller handles pointers, register ids, precision, sanitation and messages.
/// </summary>
public static partial class ScalarAlu
{
    /// <summary>
    /// is_safe_to_compute_dst_reg_range: add, sub, mul, and, or, xor, neg and end always; shifts only
    /// by a constant below the operation width; div, mod and anything else never.
    /// </summary>
    public static bool IsSafeToCompute(in ScalarBounds src, byte op, bool alu64)
    {
        switch (op)
        {
            case Opcode.Add:
            case Opcode.Sub:
            case Opcode.Neg:
            case Opcode.And:
            case Opcode.Xor:
            case Opcode.Or:
            case Opcode.Mul:
            case Opcode.End:
                return true;
            case Opcode.Lsh:
            case Opcode.Rsh:
            case Opcode.Arsh:
                bool srcConst = alu64
                    ? src.VarOff.IsConst && src.SMin == src.SMax && src.UMin == src.UMax
                    : src.VarOff.SubregIsConst && src.S32Min == src.S32Max && src.U32Min == src.U32Max;
                return srcConst && src.UMax < (alu64 ? 64UL : 32UL);
            default:
                return false;
        }
    }

    /// <summary>
    /// Applies <c>dst = dst OP src</c> for a two-operand ALU op (Add..Arsh except Neg/End/Mov; op is
    /// the BPF_OP nibble, e.g. <see cref="Opcode.Add"/>), zero-extends 32-bit results and syncs.
    /// Returns false when the kernel gives up (<see cref="IsSafeToCompute"/> false): dst is then
    /// <see cref="ScalarBounds.Unknown"/> and the caller must also apply the rest of __mark_reg_unknown
    /// (clear id, precision). The caller decides maybe_fork_scalars (<see cref="ForkOnAndOr"/>) first,
    /// and after every ALU instruction (incl. mov, neg, end) runs dst.SanityCheck("alu") like check_alu_op.
    /// </summary>
    public static bool Apply(ref ScalarBounds dst, in ScalarBounds src, byte op, bool alu64)
    {
        if (!IsSafeToCompute(src, op, alu64))
        {
            dst = ScalarBounds.Unknown;
            return false;
        }

        Compute(ref dst, src, op, alu64);
        if (!alu64)
        {
            dst.Zext32To64();
        }

        dst.Sync();
        return true;
    }

    /// <summary>BPF_NEG on a scalar: 0 - dst on both widths (6.18 tracks it through sub and tnum_neg).</summary>
    public static void Neg(ref ScalarBounds dst, bool alu64)
    {
        ScalarBounds old = dst;
        dst = ScalarBounds.Const(0);
        Sub32(ref dst, old);
        Sub64(ref dst, old);
        dst.VarOff = Tnum.Neg(old.VarOff);
        if (!alu64)
        {
            dst.Zext32To64();
        }

        dst.Sync();
    }

    /// <summary>
    /// BPF_END on a scalar (6.18 stable: bitwise tracking). <paramref name="code"/> is the full opcode
    /// byte (class ALU = to_le/to_be, ALU64 = unconditional bswap), <paramref name="imm"/> 16/32/64.
    /// Little-endian host: to_le only truncates, to_be and bswap swap. No zero extension beyond the
    /// truncation; synced.
    /// </summary>
    public static void ByteSwap(ref ScalarBounds dst, byte code, int imm)
    {
        bool alu64 = Opcode.Class(code) == Opcode.Alu64;
        bool toLe = Opcode.Src(code) == Opcode.ToLe;
        if (alu64 || !toLe)
        {
            dst.VarOff = imm switch
            {
                16 => Tnum.ByteSwap16(dst.VarOff),
                32 => Tnum.ByteSwap32(dst.VarOff),
                64 => Tnum.ByteSwap64(dst.VarOff),
                _ => dst.VarOff,
            };
            dst.MarkUnbounded();
        }

        if (imm is 16 or 32)
        {
            dst.CoerceToSize(imm / 8);
        }

        dst.Sync();
    }

    /// <summary>32-bit register move (<c>w1 = w2</c>) of a scalar: zero-extend and sync.</summary>
    public static void Mov32(ref ScalarBounds dst)
    {
        dst.Zext32To64();
        dst.Sync();
    }

    /// <summary>
    /// Sign-extending move of a scalar (<c>r1 = (s8)r2</c>, <c>w1 = (s16)w2</c>); <paramref name="dst"/>
    /// holds the copied source. <paramref name="sizeBits"/> is insn->off (8, 16 or 32).
    /// </summary>
    public static void MovSx(ref ScalarBounds dst, int sizeBits, bool alu64)
    {
        if (alu64)
        {
            dst.CoerceToSizeSx(sizeBits / 8);
            return;
        }

        dst.CoerceSubregToSizeSx(sizeBits / 8);
        dst.Zext32To64();
        dst.Sync();
    }

    /// <summary>
    /// maybe_fork_scalars: before AND/OR with a constant source, a dst known to be in [-1, 0]
    /// (64-bit first, else 32-bit) is split. Returns true when the kernel forks; then the caller
    /// pushes a branch state whose dst gets <see cref="ForkValue"/>(0) and continues with dst set by
    /// <see cref="ForkValue"/>(-1) before calling <see cref="Apply"/>.
    /// </summary>
    public static bool ForkOnAndOr(in ScalarBounds dst, in ScalarBounds src, byte op, out bool alu32)
    {
        alu32 = false;
        if ((op != Opcode.And && op != Opcode.Or) || !src.VarOff.IsConst)
        {
            return false;
        }

        if (dst.SMin == -1 && dst.SMax == 0)
        {
            return true;
        }

        if (dst.S32Min == -1 && dst.S32Max == 0)
        {
            alu32 = true;
            return true;
        }

        return false;
    }

    /// <summary>Value assignment used by a fork: __mark_reg32_known or the numeric part of __mark_reg_known.</summary>
    public static void ForkValue(ref ScalarBounds dst, ulong value, bool alu32)
    {
        if (alu32)
        {
            dst.MarkKnown32(value);
        }
        else
        {
            dst.MarkKnown(value);
        }
    }

    private static void Compute(ref ScalarBounds dst, in ScalarBounds src, byte op, bool alu64)
    {
        switch (op)
        {
            case Opcode.Add:
                Add32(ref dst, src);
                Add64(ref dst, src);
                dst.VarOff = Tnum.Add(dst.VarOff, src.VarOff);
                break;
            case Opcode.Sub:
                Sub32(ref dst, src);
                Sub64(ref dst, src);
                dst.VarOff = Tnum.Sub(dst.VarOff, src.VarOff);
                break;
            case Opcode.Mul:
                dst.VarOff = Tnum.Mul(dst.VarOff, src.VarOff);
                Mul32(ref dst, src);
                Mul64(ref dst, src);
                break;
            case Opcode.And:
                dst.VarOff = Tnum.And(dst.VarOff, src.VarOff);
                And32(ref dst, src);
                And64(ref dst, src);
                break;
            case Opcode.Or:
                dst.VarOff = Tnum.Or(dst.VarOff, src.VarOff);
                Or32(ref dst, src);
                Or64(ref dst, src);
                break;
            case Opcode.Xor:
                dst.VarOff = Tnum.Xor(dst.VarOff, src.VarOff);
                Xor32(ref dst, src);
                Xor64(ref dst, src);
                break;
            case Opcode.Neg:
                ScalarBounds old = dst;
                dst = ScalarBounds.Const(0);
                Sub32(ref dst, old);
                Sub64(ref dst, old);
                dst.VarOff = Tnum.Neg(old.VarOff);
                break;
            case Opcode.Lsh:
                if (alu64)
                {
                    Lsh64(ref dst, src);
                }
                else
                {
                    Lsh32(ref dst, src);
                }

                break;
            case Opcode.Rsh:
                if (alu64)
                {
                    Rsh64(ref dst, src);
                }
                else
                {
                    Rsh32(ref dst, src);
                }

                break;
            case Opcode.Arsh:
                if (alu64)
                {
                    Arsh64(ref dst, src);
                }
                else
                {
                    Arsh32(ref dst, src);
                }

                break;
        }
    }
}
