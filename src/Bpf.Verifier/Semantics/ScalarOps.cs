using Bpf.Verifier.Domain;
using Bpf.Verifier.Semantics.Scalar;

namespace Bpf.Verifier.Semantics;

/// <summary>The single seam between the core and the numeric domain (ScalarAlu / ScalarBranch / ScalarBounds).</summary>
internal static class ScalarOps
{
    /// <summary>dst = dst op src for two-operand ALU ops; unknown when the kernel gives up.</summary>
    public static void Alu(ref ScalarBounds dst, in ScalarBounds src, byte op, bool is64) => ScalarAlu.Apply(ref dst, src, op, is64);

    public static void Neg(ref ScalarBounds dst, bool is64) => ScalarAlu.Neg(ref dst, is64);

    public static void ByteSwap(ref ScalarBounds dst, byte code, int imm) => ScalarAlu.ByteSwap(ref dst, code, imm);

    public static void Mov32(ref ScalarBounds dst) => ScalarAlu.Mov32(ref dst);

    public static void MovSx(ref ScalarBounds dst, int sizeBits, bool is64) => ScalarAlu.MovSx(ref dst, sizeBits, is64);

    public static int BranchTaken(in ScalarBounds a, in ScalarBounds b, byte op, bool is32) => ScalarBranch.IsTaken(a, b, op, is32);

    /// <summary>Refines both operands for the branch where "a op b" holds; <paramref name="taken"/> false refines the negation.</summary>
    public static void Refine(ref ScalarBounds a, ref ScalarBounds b, byte op, bool is32, bool taken) =>
        ScalarBranch.RefineAndSync(ref a, ref b, taken ? op : ScalarBranch.Negate(op), is32);

    public static void Coerce(ref ScalarBounds b, int size) => b.CoerceToSize(size);

    public static void CoerceSx(ref ScalarBounds b, int size) => b.CoerceToSizeSx(size);

    public static void Sync(ref ScalarBounds b) => b.Sync();
}
