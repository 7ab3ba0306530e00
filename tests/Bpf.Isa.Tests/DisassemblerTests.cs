namespace Bpf.Isa.Tests;

public class DisassemblerTests
{
    private static string Fmt(int code, int dst, int src, int off, int imm) =>
        Disassembler.Format(new Instruction((byte)code, dst, src, (short)off, imm));

    /// <summary>
    /// Expected strings are the Linux 6.18.44 verifier's own lines (veristat -vl2) for the object
    /// built by bench/isa-logcheck/patch-forms.py (gotol_large_imm overwritten with these encodings).
    /// </summary>
    [Theory]
    [InlineData(0xbf, 6, 1, 0, 0, "(bf) r6 = r1")]
    [InlineData(0xb7, 0, 0, 0, 0, "(b7) r0 = 0")]
    [InlineData(0x7b, 10, 0, -8, 0, "(7b) *(u64 *)(r10 -8) = r0")]
    [InlineData(0x7b, 10, 0, -16, 0, "(7b) *(u64 *)(r10 -16) = r0")]
    [InlineData(0xb7, 1, 0, 0, 1, "(b7) r1 = 1")]
    [InlineData(0xbf, 2, 10, 0, 0, "(bf) r2 = r10")]
    [InlineData(0x07, 2, 0, 0, -8, "(07) r2 += -8")]
    [InlineData(0xdb, 2, 1, 0, 1, "(db) r1 = atomic64_fetch_add((u64 *)(r2 +0), r1)")]
    [InlineData(0xdb, 2, 1, 0, 81, "(db) r1 = atomic64_fetch_and((u64 *)(r2 +0), r1)")]
    [InlineData(0xdb, 2, 1, 0, 65, "(db) r1 = atomic64_fetch_or((u64 *)(r2 +0), r1)")]
    [InlineData(0xdb, 2, 1, 0, 161, "(db) r1 = atomic64_fetch_xor((u64 *)(r2 +0), r1)")]
    [InlineData(0xdb, 2, 1, 0, 225, "(db) r1 = atomic64_xchg((u64 *)(r2 +0), r1)")]
    [InlineData(0xdb, 2, 1, 0, 241, "(db) r0 = atomic64_cmpxchg((u64 *)(r2 +0), r0, r1)")]
    [InlineData(0xdb, 2, 1, 0, 80, "(db) lock *(u64 *)(r2 +0) &= r1")]
    [InlineData(0xdb, 2, 1, 0, 64, "(db) lock *(u64 *)(r2 +0) |= r1")]
    [InlineData(0xdb, 2, 1, 0, 160, "(db) lock *(u64 *)(r2 +0) ^= r1")]
    [InlineData(0xc3, 2, 1, 0, 1, "(c3) r1 = atomic_fetch_add((u32 *)(r2 +0), r1)")]
    [InlineData(0xc3, 2, 1, 0, 81, "(c3) r1 = atomic_fetch_and((u32 *)(r2 +0), r1)")]
    [InlineData(0xc3, 2, 1, 0, 65, "(c3) r1 = atomic_fetch_or((u32 *)(r2 +0), r1)")]
    [InlineData(0xc3, 2, 1, 0, 161, "(c3) r1 = atomic_fetch_xor((u32 *)(r2 +0), r1)")]
    [InlineData(0xc3, 2, 1, 0, 225, "(c3) r1 = atomic_xchg((u32 *)(r2 +0), r1)")]
    [InlineData(0xc3, 2, 1, 0, 241, "(c3) r0 = atomic_cmpxchg((u32 *)(r2 +0), r0, r1)")]
    [InlineData(0xc3, 2, 1, 0, 80, "(c3) lock *(u32 *)(r2 +0) &= r1")]
    [InlineData(0xc3, 2, 1, 0, 64, "(c3) lock *(u32 *)(r2 +0) |= r1")]
    [InlineData(0xc3, 2, 1, 0, 160, "(c3) lock *(u32 *)(r2 +0) ^= r1")]
    [InlineData(0xdb, 1, 2, 0, 256, "(db) r1 = load_acquire((u64 *)(r2 +0))")]
    [InlineData(0xc3, 1, 2, -4, 256, "(c3) r1 = load_acquire((u32 *)(r2 -4))")]
    [InlineData(0xcb, 1, 2, 2, 256, "(cb) r1 = load_acquire((u16 *)(r2 +2))")]
    [InlineData(0xd3, 1, 2, 1, 256, "(d3) r1 = load_acquire((u8 *)(r2 +1))")]
    [InlineData(0xdb, 2, 1, 0, 272, "(db) store_release((u64 *)(r2 +0), r1)")]
    [InlineData(0xc3, 2, 1, 4, 272, "(c3) store_release((u32 *)(r2 +4), r1)")]
    [InlineData(0xcb, 2, 1, -2, 272, "(cb) store_release((u16 *)(r2 -2), r1)")]
    [InlineData(0xd3, 2, 1, 0, 272, "(d3) store_release((u8 *)(r2 +0), r1)")]
    [InlineData(0xd4, 0, 0, 0, 64, "(d4) r0 = le64 r0")]
    [InlineData(0xd4, 0, 0, 0, 16, "(d4) r0 = le16 r0")]
    [InlineData(0xdc, 0, 0, 0, 64, "(dc) r0 = be64 r0")]
    [InlineData(0xd7, 0, 0, 0, 16, "(d7) r0 = bswap16 r0")]
    [InlineData(0x45, 0, 0, 0, 1, "(45) if r0 & 0x1 goto pc+0")]
    [InlineData(0x46, 0, 0, 0, 2147483647, "(46) if w0 & 0x7fffffff goto pc+0")]
    [InlineData(0x45, 0, 0, 0, -2, "(45) if r0 & 0xfffffffe goto pc+0")]
    [InlineData(0xb7, 7, 0, 0, 0, "(b7) r7 = 0")]
    [InlineData(0x48, 0, 7, 0, 0, "(48) r0 = *(u16 *)skb[r7 + 0]")]
    [InlineData(0x50, 0, 7, 0, 2, "(50) r0 = *(u8 *)skb[r7 + 2]")]
    [InlineData(0x40, 0, 7, 0, -1, "(40) r0 = *(u32 *)skb[r7 + -1]")]
    [InlineData(0x30, 0, 0, 0, 0, "(30) r0 = *(u8 *)skb[0]")]
    [InlineData(0x28, 0, 0, 0, 4, "(28) r0 = *(u16 *)skb[4]")]
    [InlineData(0x20, 0, 0, 0, 8, "(20) r0 = *(u32 *)skb[8]")]
    [InlineData(0x06, 0, 0, 0, 0, "(06) gotol pc+0")]
    [InlineData(0xe5, 0, 0, 0, 0, "(e5) may_goto pc+0")]
    [InlineData(0x87, 0, 0, 0, 0, "(87) r0 = -r0")]
    [InlineData(0x84, 0, 0, 0, 0, "(84) w0 = -w0")]
    [InlineData(0xbf, 3, 0, 8, 0, "(bf) r3 = (s8)r0")]
    [InlineData(0xbc, 3, 0, 16, 0, "(bc) w3 = (s16)w0")]
    [InlineData(0xbf, 3, 0, 32, 0, "(bf) r3 = (s32)r0")]
    [InlineData(0xbc, 3, 0, 8, 0, "(bc) w3 = (s8)w0")]
    [InlineData(0x91, 4, 10, -8, 0, "(91) r4 = *(s8 *)(r10 -8)")]
    [InlineData(0x89, 4, 10, -8, 0, "(89) r4 = *(s16 *)(r10 -8)")]
    [InlineData(0x81, 4, 10, -8, 0, "(81) r4 = *(s32 *)(r10 -8)")]
    [InlineData(0x37, 3, 0, 1, 7, "(37) r3 s/= 7")]
    [InlineData(0x94, 3, 0, 1, -3, "(94) w3 s%= -3")]
    [InlineData(0x3f, 3, 3, 1, 0, "(3f) r3 s/= r3")]
    [InlineData(0x9c, 3, 3, 1, 0, "(9c) w3 s%= w3")]
    [InlineData(0x72, 10, 0, -1, -1, "(72) *(u8 *)(r10 -1) = -1")]
    [InlineData(0x6a, 10, 0, -4, 32767, "(6a) *(u16 *)(r10 -4) = 32767")]
    [InlineData(0x62, 10, 0, -8, -2147483648, "(62) *(u32 *)(r10 -8) = -2147483648")]
    public void PatchedObjectFormsMatchTheKernelLog(int code, int dst, int src, int off, int imm, string expected) =>
        Assert.Equal(expected, Fmt(code, dst, src, off, imm));

    /// <summary>Lines of corpus kernel logs (veristat -vl2 on Linux 6.18.44); the object is named per row.</summary>
    [Theory]
    [InlineData(0x85, 0, 0, 0, 8, "(85) call bpf_get_smp_processor_id#8")] // arena_htab_asm.bpf.o
    [InlineData(0xbf, 0, 0, 1, 1, "(bf) r0 = addr_space_cast(r0, 0, 1)")] // arena_htab_asm.bpf.o
    [InlineData(0xbf, 6, 6, 1, 0x10000, "(bf) r6 = addr_space_cast(r6, 1, 0)")] // arena_htab_asm.bpf.o
    [InlineData(0x85, 0, 1, 0, 29, "(85) call pc+29")] // arena_htab_asm.bpf.o
    [InlineData(0x85, 0, 1, 0, -108, "(85) call pc-108")] // map_ptr_kern.bpf.o
    [InlineData(0xe5, 0, 0, 10, 0, "(e5) may_goto pc+10")] // arena_htab_asm.bpf.o
    [InlineData(0xc6, 1, 0, -21, 0, "(c6) if w1 s< 0x0 goto pc-21")] // arena_htab_asm.bpf.o
    [InlineData(0x26, 1, 0, 29, 0x1869f, "(26) if w1 > 0x1869f goto pc+29")] // arena_htab_asm.bpf.o
    [InlineData(0xb4, 4, 0, 0, -1, "(b4) w4 = -1")] // arena_htab_asm.bpf.o
    [InlineData(0x05, 0, 0, 6, 0, "(05) goto pc+6")] // arena_htab_asm.bpf.o
    [InlineData(0x06, 0, 0, 0, -40003, "(06) gotol pc-40003")] // verifier_gotol.bpf.o
    [InlineData(0x95, 0, 0, 0, 0, "(95) exit")] // arena_htab_asm.bpf.o
    [InlineData(0x30, 0, 0, 0, 0, "(30) r0 = *(u8 *)skb[0]")] // tailcall_bpf2bpf2.bpf.o
    [InlineData(0xdc, 3, 0, 0, 16, "(dc) r3 = be16 r3")] // bpf_iter_setsockopt.bpf.o
    [InlineData(0xc4, 0, 0, 0, 24, "(c4) w0 s>>= 24")] // async_stack_depth.bpf.o
    [InlineData(0xdb, 1, 6, 0, 0, "(db) lock *(u64 *)(r1 +0) += r6")] // bench_local_storage_create.bpf.o
    [InlineData(0x7b, 0, 0, 4088, 0, "(7b) *(u64 *)(r0 +4088) = r0")] // arena_htab_asm.bpf.o (r0 stored)
    [InlineData(0x73, 1, 7, 0, 0, "(73) *(u8 *)(r1 +0) = r7")] // arena_htab_asm.bpf.o
    [InlineData(0x61, 1, 7, 0, 0, "(61) r1 = *(u32 *)(r7 +0)")] // arena_htab_asm.bpf.o
    [InlineData(0xbf, 0, 15, 0, 0, "(bf) r0 = r15")] // verifier_uninit.bpf.o: printed before the rejection
    public void CorpusLogFormsMatch(int code, int dst, int src, int off, int imm, string expected) =>
        Assert.Equal(expected, Fmt(code, dst, src, off, imm));

    [Fact]
    public void LdImm64PrintsTheValueTheCallerSupplies()
    {
        // arena_htab_asm.bpf.o: "4: (18) r7 = 0xffffc90104c8c298" after the kernel resolved a .bss map value.
        Instruction[] prog = [new(0x18, 7, Pseudo.MapValue, 0, 3), new(0, 0, 0, 0, 0x19298)];
        var symbols = new DisasmSymbolTable();
        Assert.Equal("(18) r7 = 0x1929800000003", Disassembler.Format(prog, 0));
        symbols.Imm64ByIndex[0] = 0xffffc90104c8c298;
        Assert.Equal("(18) r7 = 0xffffc90104c8c298", Disassembler.Format(prog, 0, symbols));
        Assert.Equal("(18) r1 = 0x0", Disassembler.Format([new(0x18, 1, 0, 0, 0), default], 0));
    }

    [Fact]
    public void KfuncCallsUseTheSuppliedNameElseKernelFunction()
    {
        // arena_htab_asm.bpf.o: "(85) call bpf_arena_alloc_pages#63529" (imm is the kernel BTF id).
        Instruction[] prog = [new(0x85, 0, Pseudo.KfuncCall, 0, 63529)];
        Assert.Equal("(85) call kernel-function#63529", Disassembler.Format(prog, 0));
        var symbols = new DisasmSymbolTable();
        symbols.KfuncNamesByBtfId[63529] = "bpf_arena_alloc_pages";
        Assert.Equal("(85) call bpf_arena_alloc_pages#63529", Disassembler.Format(prog, 0, symbols));
    }

    [Theory]
    // Forms of kernel/bpf/disasm.c the verifier never reaches with these encodings (the opcode
    // table check refuses them first); printed as that code would, never throwing.
    [InlineData(0x85, 0, 0, 0, 212, "(85) call unknown#212")]
    [InlineData(0x85, 0, 3, 0, 1, "(85) call unknown#1")]
    [InlineData(0x60, 0, 0, 0, 0, "BUG_ld_60")]
    [InlineData(0x38, 0, 0, 0, 0, "(38) r0 = *(u64 *)skb[0]")]
    [InlineData(0x9b, 0, 0, 0, 0, "BUG_9b")]
    [InlineData(0xdb, 1, 2, 0, 0x20, "BUG_db")]
    [InlineData(0x8a, 0, 0, 0, 0, "BUG_st_8a")]
    [InlineData(0x21, 0, 0, 0, 0, "BUG_ldx_21")]
    [InlineData(0xc2, 0, 0, 0, 0, "(c2) nospec")]
    [InlineData(0xbf, 1, 2, -1, 0, "(bf) r1 = &(void __percpu *)(r2)")]
    [InlineData(0xe4, 0, 0, 0, 0, "(e4) w0 (null) 0")]
    [InlineData(0xe5, 0, 1, 2, 7, "(e5) if r0 (null) 0x7 goto pc+2")]
    [InlineData(0x99, 1, 2, 0, 0, "(99) r1 = *((null) *)(r2 +0)")]
    [InlineData(0xdf, 3, 0, 0, 32, "(df) r3 = bswap32 r3")]
    [InlineData(0x96, 0, 0, 0, 0, "(96) if w0 exit 0x0 goto pc+0")]
    public void MalformedEncodingsPrintLikeDisasmC(int code, int dst, int src, int off, int imm, string expected) =>
        Assert.Equal(expected, Fmt(code, dst, src, off, imm));

    [Fact]
    public void ListingIsNumberedWithSourceComments()
    {
        Instruction[] prog = [new(0xb7, 0, 0, 0, 0), new(0x18, 1, 0, 0, 5), new(0, 0, 0, 0, 0), new(0x95, 0, 0, 0, 0)];
        string listing = Disassembler.FormatListing(prog, lineComment: i => i == 3 ? "return 0;" : null);
        Assert.Equal("   0: (b7) r0 = 0\n   1: (18) r1 = 0x5\n; return 0;\n   3: (95) exit\n", listing);
    }
}
