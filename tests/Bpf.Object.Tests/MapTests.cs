using Bpf.Isa;

namespace Bpf.Object.Tests;

public class MapTests
{
    private static MapSpec Map(ObjectSpec obj, string name) => obj.Maps.Single(m => m.Name == name);

    [Fact]
    public void BtfDefinedMaps()
    {
        var obj = TestData.Load("maps.o");
        var hash = Map(obj, "hash_map");
        Assert.Equal(1u, hash.Type);
        Assert.Equal(4u, hash.KeySize);
        Assert.Equal(16u, hash.ValueSize);
        Assert.Equal(128u, hash.MaxEntries);
        Assert.Equal(1u, hash.Flags);
        Assert.Equal(1u, hash.Pinning);
        Assert.NotEqual(0u, hash.BtfKeyTypeId);
        Assert.Equal("value", obj.Btf!.Name(hash.BtfValueTypeId));

        var sized = Map(obj, "sized_array");
        Assert.Equal((4u, 24u, 1u), (sized.KeySize, sized.ValueSize, sized.NumaNode));

        var outer = Map(obj, "outer");
        Assert.Equal(12u, outer.Type);
        Assert.Equal(4u, outer.ValueSize);
        Assert.NotNull(outer.InnerMap);
        Assert.Equal("outer.inner", outer.InnerMap!.Name);
        Assert.Equal((2u, 4u, 8u, 1u), (outer.InnerMap.Type, outer.InnerMap.KeySize, outer.InnerMap.ValueSize, outer.InnerMap.MaxEntries));
        Assert.Equal(0u, outer.BtfKeyTypeId); // libbpf creates map-in-map without key/value BTF

        Assert.Equal(1u, Map(obj, "events").MaxEntries); // veristat's max_entries 0 -> 1
    }

    [Fact]
    public void GlobalDataMapsAreNamedLikeLibbpf()
    {
        var obj = TestData.Load("maps.o");
        var data = Map(obj, "maps.data");
        Assert.Equal(MapOrigin.Data, data.Origin);
        Assert.Equal(7ul, BitConverter.ToUInt64(data.InitialValue.Span));
        var ro = Map(obj, "maps.rodata");
        Assert.True(ro.IsReadOnlyGlobal);
        Assert.Equal(0x80u, ro.Flags & 0x80u);
        Assert.Equal(42u, BitConverter.ToUInt32(ro.InitialValue.Span));
        Assert.Equal(MapOrigin.Bss, Map(obj, "maps.bss").Origin);
        Assert.Equal(MapOrigin.Data, Map(obj, ".data.custom").Origin);
        Assert.Equal("Dual BSD/GPL", obj.License);
        Assert.True(obj.IsGplCompatible);
        Assert.Equal(0x060c00u, obj.KernelVersion);
    }

    [Theory]
    [InlineData("map_ptr_kern", ".rodata", "map_ptr_.rodata")]
    [InlineData("test_global_data", ".bss", "test_glo.bss")]
    [InlineData("x", ".kconfig", "x.kconfig")]
    [InlineData("test_skeleton", ".rodata.dyn", ".rodata.dyn")]
    [InlineData("abc", ".rodata.abracadabra_long", ".rodata.abracad")]
    public void InternalMapNames(string obj, string section, string expected) =>
        Assert.Equal(expected, Maps.GlobalDataMaps.InternalMapName(obj, section));

    [Fact]
    public void ObjectNameStopsAtTheFirstDot() =>
        Assert.Equal("map_ptr_kern", Maps.GlobalDataMaps.ObjectName("/x/y/map_ptr_kern.bpf.o"));

    [Fact]
    public void MapAndDataRelocations()
    {
        var obj = TestData.Load("maps.o");
        var p = obj.Prog("use_maps");
        var refs = new List<(byte Src, string Map, int Off)>();
        for (int i = 0; i < p.Instructions.Length; i++)
        {
            var insn = p.Instructions[i];
            if (!insn.IsLdImm64)
                continue;
            refs.Add(((byte)insn.Src, obj.Maps[insn.Imm].Name, p.Instructions[i + 1].Imm));
            i++;
        }
        Assert.Contains(((byte)Pseudo.MapIdx, "hash_map", 0), refs);
        Assert.Contains(((byte)Pseudo.MapIdx, "outer", 0), refs);
        Assert.Contains(((byte)Pseudo.MapIdxValue, "maps.data", 0), refs);
        Assert.Contains(((byte)Pseudo.MapIdxValue, "maps.rodata", 0), refs);
        Assert.Contains(refs, r => r.Src == Pseudo.MapIdxValue && r.Map == "maps.bss");
        Assert.Contains(((byte)Pseudo.MapIdxValue, "maps.kconfig", 0), refs); // LINUX_KERNEL_VERSION
    }

    [Fact]
    public void KconfigValues()
    {
        var obj = TestData.Load("maps.o");
        var kc = Map(obj, "maps.kconfig");
        Assert.Equal(MapOrigin.Kconfig, kc.Origin);
        var span = kc.InitialValue.Span;
        // Sorted by alignment then size then name: both 4-byte -> CONFIG_HZ (weak, unset = 0) at 0, LINUX_KERNEL_VERSION at 4.
        Assert.Equal(0u, BitConverter.ToUInt32(span));
        Assert.Equal((6u << 16) | (18u << 8) | 44u, BitConverter.ToUInt32(span[4..]));
    }

    [Fact]
    public void LegacyMapsSection()
    {
        var obj = TestData.Load("legacy.o");
        Assert.Null(obj.Btf);
        Assert.Contains(obj.Warnings, w => w.Contains("legacy map definitions", StringComparison.Ordinal));
        var counts = Map(obj, "counts");
        Assert.Equal((2u, 4u, 8u, 256u), (counts.Type, counts.KeySize, counts.ValueSize, counts.MaxEntries));
        Assert.Equal(MapOrigin.Legacy, counts.Origin);
        Assert.Equal(3u, Map(obj, "jmp_table").Type);

        Assert.Equal(ProgramType.SocketFilter, obj.Prog("bpf_prog1").Type);
        Assert.Equal(ProgramType.Xdp, obj.Prog("xdp_main").Type);
        Assert.Equal(ProgramType.SchedCls, obj.Prog("cls_main").Type);
        var p = obj.Prog("bpf_prog1");
        int ld = Array.FindIndex(p.Instructions, i => i.IsLdImm64);
        Assert.Equal(Pseudo.MapIdx, p.Instructions[ld].Src);
        Assert.Equal("counts", obj.Maps[p.Instructions[ld].Imm].Name);
    }

    [Fact]
    public void LegacyInnerMapIndexCountsEverySection()
    {
        // bpf_load_map_def.inner_map_idx = 1 names the definition in the next maps/NAME section (the kernel accepts
        // PREVAIL's map_in_map_legacy, whose outer map is used with this inner map as its template).
        var obj = TestData.Load("legacy_mim.o");
        var outer = Map(obj, "outer");
        Assert.Equal(12u, outer.Type);
        Assert.NotNull(outer.InnerMap);
        Assert.Equal((2u, 8u), (outer.InnerMap!.Type, outer.InnerMap.ValueSize));
    }

    [Fact]
    public void LegacyRelaRelocationsAreApplied()
    {
        // legacy.o with its REL sections rewritten as RELA (Data/to_rela.py), as old toolchains wrote them.
        var obj = TestData.Load("legacy_rela.o");
        var p = obj.Prog("bpf_prog1");
        int ld = Array.FindIndex(p.Instructions, i => i.IsLdImm64);
        Assert.Equal(Pseudo.MapIdx, p.Instructions[ld].Src);
        Assert.Equal("counts", obj.Maps[p.Instructions[ld].Imm].Name);
    }
}
