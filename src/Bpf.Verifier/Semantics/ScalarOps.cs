using Bpf.Verifier.Domain;
using Bpf.Verifier.Semantics.Scalar;

namespace Bpf.Verifier.Semantics;

/// <summary>The single seam between the core and the numeric domain (ScalarAlu / ScalarBranch / ScalarBounds).</summary>
internal static class ScalarOps
{
    /// <summary>BPF_ADD_CONST64: the scalar id links "base + off" made by a 64-bit add/sub of a constant.</summary>
    public const uint IdAddConst64 = 1u << 31;

    /// <summary>BPF_ADD_CONST32: the same link made by a 32-bit add/sub (the result is zero-extended).</summary>
    public const uint IdAddConst32 = 1u << 30;

    /// <summary>BPF_ADD_CONST: either link flag.</summary>
    public const uint IdAddConst = IdAddConst64 | IdAddConst32;

    /// <summary>
    /// sync_linked_regs' delta step: b += delta (scalar32/scalar_min_max_add, tnum_add), zero-extended
    /// when either side of the link is 32-bit, then reg_bounds_sync.
    /// </summary>
    public static void AddLinkDelta(ref ScalarBounds b, long delta, bool zext)
    {
        var c = ScalarBounds.Const((ulong)delta);
        ScalarAlu.Add32(ref b, c);
        ScalarAlu.Add64(ref b, c);
        b.VarOff = Tnum.Add(b.VarOff, c.VarOff);
        if (zext)
            b.Zext32To64();
        b.Sync();
    }

    /// <summary>dst = dst op src for two-operand ALU ops; unknown when the kernel gives up.</summary>
    public static void Alu(ref ScalarBounds dst, in ScalarBounds src, byte op, bool is64) => ScalarAlu.Apply(ref dst, src, op, is64);

    public static void Neg(ref ScalarBounds dst, bool is64) => ScalarAlu.Neg(ref dst, is64);

    public static void ByteSwap(ref ScalarBounds dst, byte code, int imm) => ScalarAlu.ByteSwap(ref dst, code, imm);

    public static void Mov32(ref ScalarBounds dst) => ScalarAlu.Mov32(ref dst);

    public static void MovSx(ref ScalarBounds dst, int sizeBits, bool is64) => ScalarAlu.MovSx(ref dst, sizeBits, is64);

    /// <summary>maybe_fork_scalars' condition (AND/OR with a constant, dst in [-1, 0]); see <see cref="ScalarAlu.ForkOnAndOr"/>.</summary>
    public static bool ForkOnAndOr(in ScalarBounds dst, in ScalarBounds src, byte op, out bool alu32) =>
        ScalarAlu.ForkOnAndOr(dst, src, op, out alu32);

    /// <summary>The value a fork assigns (__mark_reg_known / __mark_reg32_known, numeric part).</summary>
    public static void ForkValue(ref ScalarBounds dst, ulong value, bool alu32) => ScalarAlu.ForkValue(ref dst, value, alu32);

    public static int BranchTaken(in ScalarBounds a, in ScalarBounds b, byte op, bool is32) => ScalarBranch.IsTaken(a, b, op, is32);

    /// <summary>
    /// reg_set_min_max for two scalars (taken pair, fall-through pair) including the four sanity checks;
    /// returns the "verifier bug: REG INVARIANTS VIOLATION" lines joined by '\n', or null.
    /// </summary>
    public static string? SetMinMax(
        ref ScalarBounds true1, ref ScalarBounds true2, ref ScalarBounds false1, ref ScalarBounds false2, byte op, bool is32) =>
        ScalarBranch.SetMinMax(ref true1, ref true2, ref false1, ref false2, op, is32);

    /// <summary>reg_bounds_sanity_check: the violation line (bounds then forgotten) or null.</summary>
    public static string? SanityCheck(ref ScalarBounds b, string ctx) => b.SanityCheck(ctx);

    public static void Coerce(ref ScalarBounds b, int size) => b.CoerceToSize(size);

    public static void CoerceSx(ref ScalarBounds b, int size) => b.CoerceToSizeSx(size);

    public static void Sync(ref ScalarBounds b) => b.Sync();
}
