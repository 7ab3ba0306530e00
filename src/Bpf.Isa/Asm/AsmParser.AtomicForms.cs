namespace Bpf.Isa;

/// <summary>BPF_ATOMIC forms: <c>lock</c> read-modify-writes, fetch/xchg/cmpxchg calls, store_release.</summary>
internal sealed partial class AsmParser
{
    private static readonly string[] AtomicFetchOps = ["add", "and", "or", "xor"];

    /// <summary>
    /// Kernel spellings <c>atomic64_fetch_add((u64 *)(r1 +0), r2)</c>, <c>atomic_xchg</c>, <c>atomic64_cmpxchg(.., r0, r2)</c>
    /// and LLVM's <c>atomic_fetch_add((u64 *)(r1 + 0), r2)</c>, <c>xchg_64(r1 + 0, r2)</c>, <c>cmpxchg32_32(r1 + 0, w0, w2)</c>.
    /// </summary>
    private bool TryParseAtomicCall(AsmToken dstTok, int dst, string w)
    {
        int imm;
        bool llvmShape = false; // (reg + off, ...) instead of ((type *)(reg off), ...)
        int size = -1;
        string name = w;
        if (name.StartsWith("atomic64_", StringComparison.Ordinal))
            name = "atomic_" + name[9..];

        if (name.StartsWith("atomic_fetch_", StringComparison.Ordinal))
        {
            int k = Array.IndexOf(AtomicFetchOps, name[13..]);
            if (k < 0)
                return false;
            imm = (k switch { 0 => AtomicOp.Add, 1 => AtomicOp.And, 2 => AtomicOp.Or, _ => AtomicOp.Xor }) | AtomicOp.Fetch;
        }
        else if (name == "atomic_xchg")
        {
            imm = AtomicOp.Xchg;
        }
        else if (name == "atomic_cmpxchg")
        {
            imm = AtomicOp.Cmpxchg;
        }
        else if (name is "xchg_64" or "xchg32_32")
        {
            imm = AtomicOp.Xchg;
            llvmShape = true;
            size = name == "xchg_64" ? Opcode.DW : Opcode.W;
        }
        else if (name is "cmpxchg_64" or "cmpxchg32_32")
        {
            imm = AtomicOp.Cmpxchg;
            llvmShape = true;
            size = name == "cmpxchg_64" ? Opcode.DW : Opcode.W;
        }
        else
        {
            return false;
        }

        Next();
        Expect("(");
        int reg;
        short off;
        if (llvmShape)
        {
            (reg, off) = ParseRegOffset();
        }
        else
        {
            size = ParseUnsignedTypeCast();
            (reg, off) = ParseMemOperand();
        }

        Expect(",");
        var valTok = Peek;
        int val = ExpectAnyReg();
        if (imm == AtomicOp.Cmpxchg)
        {
            if (val != 0 || dst != 0)
                throw Error("cmpxchg compares and returns r0", valTok);
            Expect(",");
            val = ExpectAnyReg();
        }
        else if (val != dst)
        {
            throw Error("atomic result must go to its value register", dstTok);
        }

        Expect(")");
        _b.Emit(new Instruction((byte)(Opcode.Stx | Opcode.Atomic | size), reg, val, off, imm));
        return true;
    }

    /// <summary><c>lock *(u64 *)(r1 +0) += r2</c> (also <c>&amp;=</c>, <c>|=</c>, <c>^=</c>).</summary>
    private void ParseLock()
    {
        Next();
        Expect("*");
        int size = ParseUnsignedTypeCast();
        var (reg, off) = ParseMemOperand();
        var opTok = Next();
        int imm = opTok.Text switch
        {
            "+=" => AtomicOp.Add,
            "&=" => AtomicOp.And,
            "|=" => AtomicOp.Or,
            "^=" => AtomicOp.Xor,
            _ => throw Error($"atomic operator expected, got '{opTok.Text}'", opTok),
        };
        int src = ExpectAnyReg();
        _b.Emit(new Instruction((byte)(Opcode.Stx | Opcode.Atomic | size), reg, src, off, imm));
    }

    /// <summary><c>store_release((u64 *)(r1 +0), r2)</c>.</summary>
    private void ParseStoreRelease()
    {
        Next();
        Expect("(");
        int size = ParseUnsignedTypeCast();
        var (reg, off) = ParseMemOperand();
        Expect(",");
        int src = ExpectAnyReg();
        Expect(")");
        _b.Emit(new Instruction((byte)(Opcode.Stx | Opcode.Atomic | size), reg, src, off, AtomicOp.StoreRel));
    }
}
