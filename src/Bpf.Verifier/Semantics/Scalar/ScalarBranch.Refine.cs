using System.Numerics;
using Bpf.Isa;
using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Semantics.Scalar;

/// <summary>regs_refine_cond_op and the numeric part of reg_set_min_max.</summary>
public static partial class ScalarBranch
{
    /// <summary>
    /// regs_refine_cond_op: narrow both operands assuming "a OP b" holds. No sync; use
    /// <see cref="RefineAndSync"/> for the kernel's refine-then-sync sequence. For the fall-through
    /// branch pass <see cref="Negate"/>(op). For "if rX OP rX" pass the same variable for both
    /// operands: 6.18 has no same-register shortcut and refines the register against itself.
    /// </summary>
    public static void Refine(ref ScalarBounds a, ref ScalarBounds b, byte op, bool is32)
    {
        // GE/GT/SGE/SGT reuse LE/LT/SLE/SLT with swapped operands.
        if (op is Opcode.Jge or Opcode.Jgt or Opcode.Jsge or Opcode.Jsgt)
        {
            RefineOrdered(ref b, ref a, Flip(op), is32);
            return;
        }

        switch (op)
        {
            case Opcode.Jeq:
                RefineEq(ref a, ref b, is32);
                break;
            case Opcode.Jne:
                if (b.IsConstOf(is32))
                {
                    RefineNe(ref a, b.ConstValueOf(is32), is32);
                }
                else if (a.IsConstOf(is32))
                {
                    RefineNe(ref b, a.ConstValueOf(is32), is32);
                }

                break;
            case Opcode.Jset:
                if (b.IsConstOf(is32))
                {
                    RefineJset(ref a, b.ConstValueOf(is32), is32);
                }
                else if (a.IsConstOf(is32))
                {
                    RefineJset(ref b, a.ConstValueOf(is32), is32);
                }

                break;
            case JsetFalse:
                if (b.IsConstOf(is32))
                {
                    RefineJsetFalse(ref a, b.ConstValueOf(is32), is32);
                }
                else if (a.IsConstOf(is32))
                {
                    RefineJsetFalse(ref b, a.ConstValueOf(is32), is32);
                }

                break;
            default:
                RefineOrdered(ref a, ref b, op, is32);
                break;
        }
    }

    /// <summary>
    /// The numeric part of reg_set_min_max for one branch: refine with <paramref name="op"/>, then
    /// reg_bounds_sync both operands. The kernel runs it for the false branch (negated op) first,
    /// then the true branch, then the sanity checks (see <see cref="ScalarBounds.CheckInvariants"/>:
    /// true_reg1, true_reg2, false_reg1, false_reg2).
    /// </summary>
    public static void RefineAndSync(ref ScalarBounds a, ref ScalarBounds b, byte op, bool is32)
    {
        Refine(ref a, ref b, op, is32);
        a.Sync();
        b.Sync();
    }

    /// <summary>
    /// reg_set_min_max for two scalars: refine and sync the fall-through pair with the negated op,
    /// then the taken pair with <paramref name="op"/>, then sanity-check true_reg1, true_reg2,
    /// false_reg1, false_reg2 in that order (each broken register is reported and its bounds reset).
    /// For a K operand pass two separate copies of the constant; for "rX OP rX" pass the same
    /// variable for both operands of a branch. Returns the violation lines joined by '\n', or null.
    /// </summary>
    public static string? SetMinMax(
        ref ScalarBounds true1, ref ScalarBounds true2, ref ScalarBounds false1, ref ScalarBounds false2, byte op, bool is32)
    {
        RefineAndSync(ref false1, ref false2, Negate(op), is32);
        RefineAndSync(ref true1, ref true2, op, is32);
        string? m1 = true1.SanityCheck("true_reg1");
        string? m2 = true2.SanityCheck("true_reg2");
        string? m3 = false1.SanityCheck("false_reg1");
        string? m4 = false2.SanityCheck("false_reg2");
        return Join(Join(m1, m2), Join(m3, m4));
    }

    private static string? Join(string? a, string? b) => a == null ? b : b == null ? a : a + "\n" + b;

    private static void RefineEq(ref ScalarBounds a, ref ScalarBounds b, bool is32)
    {
        if (is32)
        {
            a.U32Min = Math.Max(a.U32Min, b.U32Min);
            a.U32Max = Math.Min(a.U32Max, b.U32Max);
            a.S32Min = Math.Max(a.S32Min, b.S32Min);
            a.S32Max = Math.Min(a.S32Max, b.S32Max);
            b.U32Min = a.U32Min;
            b.U32Max = a.U32Max;
            b.S32Min = a.S32Min;
            b.S32Max = a.S32Max;
            Tnum t = Tnum.Intersect(Tnum.Subreg(a.VarOff), Tnum.Subreg(b.VarOff));
            a.VarOff = Tnum.WithSubreg(a.VarOff, t);
            b.VarOff = Tnum.WithSubreg(b.VarOff, t);
        }
        else
        {
            a.UMin = Math.Max(a.UMin, b.UMin);
            a.UMax = Math.Min(a.UMax, b.UMax);
            a.SMin = Math.Max(a.SMin, b.SMin);
            a.SMax = Math.Min(a.SMax, b.SMax);
            b.UMin = a.UMin;
            b.UMax = a.UMax;
            b.SMin = a.SMin;
            b.SMax = a.SMax;
            a.VarOff = Tnum.Intersect(a.VarOff, b.VarOff);
            b.VarOff = a.VarOff;
        }
    }

    // A constant at the very edge of a range can be cut off.
    private static void RefineNe(ref ScalarBounds a, ulong val, bool is32)
    {
        if (is32)
        {
            if (a.U32Min == (uint)val)
            {
                a.U32Min++;
            }

            if (a.U32Max == (uint)val)
            {
                a.U32Max--;
            }

            if (a.S32Min == (int)(uint)val)
            {
                a.S32Min++;
            }

            if (a.S32Max == (int)(uint)val)
            {
                a.S32Max--;
            }
        }
        else
        {
            if (a.UMin == val)
            {
                a.UMin++;
            }

            if (a.UMax == val)
            {
                a.UMax--;
            }

            if (a.SMin == (long)val)
            {
                a.SMin++;
            }

            if (a.SMax == (long)val)
            {
                a.SMax--;
            }
        }
    }

    // "a & val != 0" only pins a bit when val has exactly one bit.
    private static void RefineJset(ref ScalarBounds a, ulong val, bool is32)
    {
        if (val == 0 || !BitOperations.IsPow2(val))
        {
            return;
        }

        if (is32)
        {
            Tnum t = Tnum.Or(Tnum.Subreg(a.VarOff), Tnum.Const(val));
            a.VarOff = Tnum.WithSubreg(a.VarOff, t);
        }
        else
        {
            a.VarOff = Tnum.Or(a.VarOff, Tnum.Const(val));
        }
    }

    private static void RefineJsetFalse(ref ScalarBounds a, ulong val, bool is32)
    {
        // Ranges are forgotten first so a dead branch cannot produce contradictory bounds.
        a.MarkUnbounded();
        if (is32)
        {
            Tnum t = Tnum.And(Tnum.Subreg(a.VarOff), Tnum.Const(~val));
            a.VarOff = Tnum.WithSubreg(a.VarOff, t);
        }
        else
        {
            a.VarOff = Tnum.And(a.VarOff, Tnum.Const(~val));
        }
    }

    // LE, LT, SLE, SLT: a is the smaller side.
    private static void RefineOrdered(ref ScalarBounds a, ref ScalarBounds b, byte op, bool is32)
    {
        switch (op)
        {
            case Opcode.Jle:
                if (is32)
                {
                    a.U32Max = Math.Min(a.U32Max, b.U32Max);
                    b.U32Min = Math.Max(a.U32Min, b.U32Min);
                }
                else
                {
                    a.UMax = Math.Min(a.UMax, b.UMax);
                    b.UMin = Math.Max(a.UMin, b.UMin);
                }

                break;
            case Opcode.Jlt:
                if (is32)
                {
                    a.U32Max = Math.Min(a.U32Max, b.U32Max - 1);
                    b.U32Min = Math.Max(a.U32Min + 1, b.U32Min);
                }
                else
                {
                    a.UMax = Math.Min(a.UMax, b.UMax - 1);
                    b.UMin = Math.Max(a.UMin + 1, b.UMin);
                }

                break;
            case Opcode.Jsle:
                if (is32)
                {
                    a.S32Max = Math.Min(a.S32Max, b.S32Max);
                    b.S32Min = Math.Max(a.S32Min, b.S32Min);
                }
                else
                {
                    a.SMax = Math.Min(a.SMax, b.SMax);
                    b.SMin = Math.Max(a.SMin, b.SMin);
                }

                break;
            case Opcode.Jslt:
                if (is32)
                {
                    a.S32Max = Math.Min(a.S32Max, b.S32Max - 1);
                    b.S32Min = Math.Max(a.S32Min + 1, b.S32Min);
                }
                else
                {
                    a.SMax = Math.Min(a.SMax, b.SMax - 1);
                    b.SMin = Math.Max(a.SMin + 1, b.SMin);
                }

                break;
        }
    }
}
