namespace Bpf.Isa.Tests;

public class AssemblerTests
{
    private static Instruction[] Asm(string text, IReadOnlyDictionary<string, long>? constants = null) =>
        Assembler.Assemble(text, constants).Instructions;

    private static Instruction One(string text) => Assert.Single(Asm(text));

    [Theory]
    [InlineData("r0 = 0;", 0xb7, 0, 0, 0, 0)]
    [InlineData("w1 = w2;", 0xbc, 1, 2, 0, 0)]
    [InlineData("r1 += -8;", 0x07, 1, 0, 0, -8)]
    [InlineData("r1 = -r1", 0x87, 1, 0, 0, 0)]
    [InlineData("w3 s>>= 24", 0xc4, 3, 0, 0, 24)]
    [InlineData("r2 s/= r3", 0x3f, 2, 3, 1, 0)]
    [InlineData("w0 s%= -2", 0x94, 0, 0, 1, -2)]
    [InlineData("r1 = (s8)r2", 0xbf, 1, 2, 8, 0)]
    [InlineData("w1 = (s16)w2", 0xbc, 1, 2, 16, 0)]
    [InlineData("r1 = be16 r1", 0xdc, 1, 0, 0, 16)]
    [InlineData("r1 = le64 r1", 0xd4, 1, 0, 0, 64)]
    [InlineData("r1 = bswap32 r1", 0xd7, 1, 0, 0, 32)]
    [InlineData("r1 = addr_space_cast(r2, 0, 1)", 0xbf, 1, 2, 1, 1)]
    [InlineData("*(u64 *)(r10 - 8) = r1;", 0x7b, 10, 1, -8, 0)]
    [InlineData("*(u32 *)(r10 - 8) = 5;", 0x62, 10, 0, -8, 5)]
    [InlineData("r0 = *(u32 *)(r1 + 0);", 0x61, 0, 1, 0, 0)]
    [InlineData("w0 = *(u8 *)(r1 + 3);", 0x71, 0, 1, 3, 0)]
    [InlineData("r0 = *(s16 *)(r1 + 0)", 0x89, 0, 1, 0, 0)]
    [InlineData("lock *(u64 *)(r1 + 0) += r2", 0xdb, 1, 2, 0, 0x00)]
    [InlineData("lock *(u32 *)(r1 + 8) ^= w2", 0xc3, 1, 2, 8, 0xa0)]
    [InlineData("r0 = atomic_fetch_add((u64 *)(r1 + 0), r0)", 0xdb, 1, 0, 0, 0x01)]
    [InlineData("w3 = atomic_fetch_or((u32 *)(r10 - 4), w3)", 0xc3, 10, 3, -4, 0x41)]
    [InlineData("r0 = xchg_64(r1 + 0, r0)", 0xdb, 1, 0, 0, 0xe1)]
    [InlineData("w0 = xchg32_32(r1 + 4, w0)", 0xc3, 1, 0, 4, 0xe1)]
    [InlineData("r0 = cmpxchg_64(r1 + 0, r0, r2)", 0xdb, 1, 2, 0, 0xf1)]
    [InlineData("w0 = cmpxchg32_32(r1 + 0, w0, w2)", 0xc3, 1, 2, 0, 0xf1)]
    [InlineData("r0 = load_acquire((u64 *)(r1 + 0))", 0xdb, 0, 1, 0, 0x100)]
    [InlineData("w0 = load_acquire((u8 *)(r1 + 0))", 0xd3, 0, 1, 0, 0x100)]
    [InlineData("store_release((u16 *)(r1 + 2), w2)", 0xcb, 1, 2, 2, 0x110)]
    [InlineData("r0 = *(u8 *)skb[4]", 0x30, 0, 0, 0, 4)]
    [InlineData("r0 = *(u16 *)skb[r6]", 0x48, 0, 6, 0, 0)]
    [InlineData("if w1 s< 3 goto +2", 0xc6, 1, 0, 2, 3)]
    [InlineData("if r1 > 0x5 goto -1", 0x25, 1, 0, -1, 5)]
    [InlineData("if r1 & r2 goto pc+4", 0x4d, 1, 2, 4, 0)]
    [InlineData("if r1 != -1 goto +0", 0x55, 1, 0, 0, -1)]
    [InlineData("goto +3", 0x05, 0, 0, 3, 0)]
    [InlineData("gotol -7", 0x06, 0, 0, 0, -7)]
    [InlineData("may_goto +2", 0xe5, 0, 0, 2, 0)]
    [InlineData("call bpf_map_lookup_elem;", 0x85, 0, 0, 0, 1)]
    [InlineData("call map_update_elem", 0x85, 0, 0, 0, 2)]
    [InlineData("call 1", 0x85, 0, 0, 0, 1)]
    [InlineData("call pc+3", 0x85, 0, 1, 0, 3)]
    [InlineData("exit;", 0x95, 0, 0, 0, 0)]
    [InlineData(".8byte 0x0000000500000cb7", 0xb7, 12, 0, 0, 5)]
    public void LlvmDialectSingleInstructions(string text, int code, int dst, int src, int off, int imm)
    {
        var insn = One(text);
        Assert.Equal(new Instruction((byte)code, dst, src, (short)off, imm), insn);
    }

    [Fact]
    public void SelftestStyleBlockWithLabelsAndSubstitutions()
    {
        // The shape of tools/testing/selftests/bpf/progs/verifier_*.c naked functions, strings concatenated.
        const string text =
            "r1 = 0;" +
            "*(u64*)(r10 - 8) = r1;" +
            "r2 = r10;" +
            "r2 += -8;" +
            "r1 = %[map_hash_8b] ll;" +
            "call %[bpf_map_lookup_elem];" +
            "if r0 == 0 goto l0_%=;" +
            "r1 = *(u32 *)(r0 + %[off]);" +
            "l0_%=:" +
            "exit;";
        var result = Assembler.Assemble(text, new Dictionary<string, long> { ["off"] = 12 });
        var insns = result.Instructions;
        Assert.Equal(10, insns.Length);
        Assert.True(insns[4].IsLdImm64);
        Assert.Equal(new AsmRelocation(4, "map_hash_8b", AsmRelocKind.LdImm64), Assert.Single(result.Relocations));
        Assert.Equal(new Instruction(0x85, 0, 0, 0, 1), insns[6]);
        Assert.Equal(new Instruction(0x15, 0, 0, 1, 0), insns[7]);
        Assert.Equal(new Instruction(0x61, 1, 0, 12, 0), insns[8]);
        Assert.Equal(9, result.Labels["l0_%="]);
    }

    [Fact]
    public void NumberedLocalLabelsResolveForwardAndBackward()
    {
        const string text = """
            1: r0 += 1
            if r0 < 10 goto 1b
            if r0 > 20 goto 1f
            r0 = 0
            1: exit
            """;
        var insns = Asm(text);
        Assert.Equal(-2, insns[1].Offset);
        Assert.Equal(1, insns[2].Offset);
    }

    [Fact]
    public void PseudoCallsAndCallbacksToLabels()
    {
        const string text = """
            r1 = 4;
            r2 = loop_cb ll;
            r3 = 0;
            r4 = 0;
            call bpf_loop;
            call subprog;
            exit;
            loop_cb:
            r0 = 0;
            exit;
            subprog:
            r0 = 1;
            exit;
            """;
        var result = Assembler.Assemble(text);
        var insns = result.Instructions;
        Assert.Equal(new Instruction(0x18, 2, Pseudo.Func, 0, 6), insns[1]);
        Assert.Equal(new Instruction(0x85, 0, 0, 0, 181), insns[5]);
        Assert.Equal(new Instruction(0x85, 0, Pseudo.Call, 0, 3), insns[6]);
        Assert.Empty(result.Relocations);
    }

    [Fact]
    public void UnresolvedSymbolsBecomeRelocations()
    {
        var result = Assembler.Assemble("r1 = map[my_map] ll\ncall %[bpf_obj_new_impl]\ncall bpf_rcu_read_lock\nr2 = some_global ll");
        Assert.Equal(
            [
                new AsmRelocation(0, "my_map", AsmRelocKind.Map),
                new AsmRelocation(2, "bpf_obj_new_impl", AsmRelocKind.Call),
                new AsmRelocation(3, "bpf_rcu_read_lock", AsmRelocKind.Call),
                new AsmRelocation(4, "some_global", AsmRelocKind.LdImm64),
            ],
            result.Relocations);
        Assert.Equal(new Instruction(0x85, 0, 0, 0, -1), result.Instructions[2]);
    }

    [Fact]
    public void LdImm64Forms()
    {
        Assert.Equal([new(0x18, 1, 0, 0, 0), new(0, 0, 0, 0, 0)], Asm("r1 = 0 ll"));
        Assert.Equal([new(0x18, 1, 0, 0, 0x34567890), new(0, 0, 0, 0, 0x12)], Asm("r1 = 0x1234567890 ll"));
        // Too wide for a mov: ld_imm64 even without "ll".
        Assert.Equal([new(0x18, 3, 0, 0, 0), new(0, 0, 0, 0, 1)], Asm("r3 = 0x100000000"));
        Assert.Equal([new(0x18, 1, 2, 0, 7), new(0, 0, 0, 0, 0)], Asm("ld_pseudo r1, 2, 7"));
        // Kernel log form: the (18) opcode selects ld_imm64 for a small value.
        Assert.Equal([new(0x18, 7, 0, 0, 5), new(0, 0, 0, 0, 0)], Asm("4: (18) r7 = 0x5       ; R7=5"));
    }

    [Fact]
    public void KernelLogDialect()
    {
        // Lines as they appear in veristat -vl2 output, with index, opcode and register state.
        const string text = """
            0: R1=ctx() R10=fp0
            ; int x = 0; @ prog.c:12
            0: (85) call bpf_get_smp_processor_id#8       ; R0=scalar()
            1: (bc) w1 = w0                       ; R1=scalar()
            2: (18) r8 = 0xffffc90104c8ba98      ; R8=map_value(map=.bss,ks=4,vs=8)
            4: (85) call bpf_arena_alloc_pages#63529     ; R0=scalar()
            5: (85) call pc+29
            6: (c6) if w1 s< 0x0 goto pc-21      ; R1=scalar()
            7: (85) call kernel-function#77
            8: (85) call unknown#4000
            9: (95) exit
            """;
        string filtered = string.Join('\n', text.Split('\n')[1..]); // the state-only line is not assembly
        var insns = Asm(filtered);
        Assert.Equal(new Instruction(0x85, 0, 0, 0, 8), insns[0]);
        Assert.Equal(0xffffc90104c8ba98UL, insns[2].Imm64(insns[3]));
        Assert.Equal(new Instruction(0x85, 0, Pseudo.KfuncCall, 0, 63529), insns[4]);
        Assert.Equal(new Instruction(0x85, 0, Pseudo.Call, 0, 29), insns[5]);
        Assert.Equal(new Instruction(0xc6, 1, 0, -21, 0), insns[6]);
        Assert.Equal(new Instruction(0x85, 0, Pseudo.KfuncCall, 0, 77), insns[7]);
        Assert.Equal(new Instruction(0x85, 0, 0, 0, 4000), insns[8]);
    }

    [Fact]
    public void RawDataAndRepeats()
    {
        // verifier_iterating_callbacks.c spells may_goto in raw bytes; verifier_gotol.c repeats with .rept.
        var insns = Asm(".byte 0xe5; .byte 0; .short -1; .long 0;\n.rept 3\nr0 += 1\n.endr\nexit");
        Assert.Equal(new Instruction(0xe5, 0, 0, -1, 0), insns[0]);
        Assert.Equal(5, insns.Length);
        Assert.Equal(new Instruction(0x07, 0, 0, 0, 1), insns[3]);
        Assert.Throws<AsmException>(() => Assembler.Assemble(".byte 1; exit"));
        Assert.Throws<AsmException>(() => Assembler.Assemble(".rept 2\nexit"));
    }

    [Fact]
    public void InlineAsmEscapesAndSuffixes()
    {
        Assert.Equal(new Instruction(0x9f, 1, 2, 0, 0), One("r1 %%= r2"));
        Assert.Equal(new Instruction(0x94, 1, 0, 1, 3), One("w1 s%%= 3"));
        Assert.Equal([new(0x18, 0, 0, 0, 0), new(0, 0, 0, 0, unchecked((int)0x80000000))], Asm("r0 = 9223372036854775808ULL ll"));
        var c = new Dictionary<string, long> { ["shrt_min"] = short.MinValue };
        Assert.Equal(new Instruction(0x73, 1, 0, short.MinValue, 0), Assert.Single(Asm("*(u8*)(r1  %[shrt_min]) = r0", c)));
    }

    [Fact]
    public void CommentsAreIgnored()
    {
        var insns = Asm("r0 = 1 // one\n/* multi\nline */ r0 += 2 /* inline */;\nexit");
        Assert.Equal(3, insns.Length);
        Assert.Equal(2, insns[1].Imm);
    }

    [Fact]
    public void TextSubstitutionsExpandMemoryOperands()
    {
        var result = Assembler.Assemble(
            "r1 = *(u64 *)%[ctx_a]; exit",
            null,
            new Dictionary<string, string> { ["ctx_a"] = "(r1 + 8)" });
        Assert.Equal(new Instruction(0x79, 1, 1, 8, 0), result.Instructions[0]);
    }

    [Fact]
    public void ConstantExpressions()
    {
        var c = new Dictionary<string, long> { ["sz"] = 10 };
        Assert.Equal(9, Assert.Single(Asm("r0 = %[sz] - 1", c)).Imm);
        Assert.Equal(-2, One("r0 = -(1 + 1)").Imm);
    }

    [Theory]
    [InlineData("r0 = ", 1, 6)]
    [InlineData("r16 = 0", 1, 1)]
    [InlineData("exit\nr1 = *(u32 *)(r1 + 0", 2, 21)]
    [InlineData("goto nowhere", 1, 6)]
    [InlineData("(bf) r1 = 5", 1, 1)]
    [InlineData("w1 = r2", 1, 6)]
    [InlineData("r1 = %[unknown] + 1", 1, 17)]
    public void BadSyntaxReportsLineAndColumn(string text, int line, int column)
    {
        var ex = Assert.Throws<AsmException>(() => Assembler.Assemble(text));
        Assert.Equal(line, ex.Line);
        Assert.Equal(column, ex.Column);
    }
}
