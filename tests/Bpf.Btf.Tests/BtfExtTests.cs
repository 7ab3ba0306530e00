using System.Buffers.Binary;

namespace Bpf.Btf.Tests;

public class BtfExtTests
{
    internal static byte[] BuildExt(uint secName, (uint Off, uint Type)[] funcs, (uint Off, uint File, uint Line, uint LineCol)[] lines, (uint Off, uint Type, uint Access, uint Kind)[] relos)
    {
        var words = new List<uint>();
        int Section(int recWords, int count, Action<List<uint>> write)
        {
            int start = words.Count;
            words.Add((uint)recWords * 4);
            words.Add(secName);
            words.Add((uint)count);
            write(words);
            return start;
        }
        int fOff = Section(2, funcs.Length, w => { foreach (var f in funcs) w.AddRange([f.Off, f.Type]); });
        int fLen = words.Count - fOff;
        int lOff = Section(4, lines.Length, w => { foreach (var l in lines) w.AddRange([l.Off, l.File, l.Line, l.LineCol]); });
        int lLen = words.Count - lOff;
        int cOff = Section(4, relos.Length, w => { foreach (var r in relos) w.AddRange([r.Off, r.Type, r.Access, r.Kind]); });
        int cLen = words.Count - cOff;
        var bytes = new byte[32 + words.Count * 4];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, 0xeB9F);
        bytes[2] = 1;
        uint[] hdr = [32, (uint)fOff * 4, (uint)fLen * 4, (uint)lOff * 4, (uint)lLen * 4, (uint)cOff * 4, (uint)cLen * 4];
        for (int i = 0; i < hdr.Length; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4 + i * 4), hdr[i]);
        for (int i = 0; i < words.Count; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(32 + i * 4), words[i]);
        return bytes;
    }

    [Fact]
    public void ParsesFuncLineAndCoreRecords()
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4, signed: true);
        uint proto = b.FuncProto(i32);
        uint fn = b.Func("prog", proto);
        uint sec = b.AddString("tc");
        uint file = b.AddString("/src/prog.c");
        uint line = b.AddString("    return 0;");
        uint access = b.AddString("0:1");
        var spec = b.BuildSpec();
        var bytes = BuildExt(sec, [(0, fn)], [(0, file, line, (12u << 10) | 5), (8, file, line, 13u << 10)], [(16, i32, access, 0)]);
        var ext = BtfExt.Parse(bytes, spec);
        var s = Assert.Single(ext.Sections);
        Assert.Equal("tc", s.Name);
        Assert.Equal(new BtfFuncInfo(0, fn), Assert.Single(s.FuncInfos));
        Assert.Equal(2, s.LineInfos.Count);
        Assert.Equal("/src/prog.c", s.LineInfos[0].FileName);
        Assert.Equal("    return 0;", s.LineInfos[0].LineText);
        Assert.Equal(12u, s.LineInfos[0].Line);
        Assert.Equal(5u, s.LineInfos[0].Column);
        Assert.Equal(1, s.LineInfos[1].InsnIndex);
        var relo = Assert.Single(s.CoreRelos);
        Assert.Equal(2, relo.InsnIndex);
        Assert.Equal("0:1", relo.AccessString);
        Assert.Equal(CoreReloKind.FieldByteOffset, relo.Kind);
        Assert.Equal(8u, ext.FuncInfoRecSize);
        Assert.Equal(16u, ext.LineInfoRecSize);
    }

    [Fact]
    public void CorruptExtThrowsOnlyBtfException()
    {
        var b = new BtfBuilder();
        uint i32 = b.Int("int", 4);
        uint sec = b.AddString("tc");
        var spec = b.BuildSpec();
        var full = BuildExt(sec, [(0, i32)], [(0, sec, sec, 0)], [(0, i32, sec, 0)]);
        for (int len = 0; len < full.Length; len++)
            BtfExt.TryParse(full.AsSpan(0, len), spec, out _);
        for (int i = 0; i < full.Length; i++)
        {
            var copy = (byte[])full.Clone();
            copy[i] ^= 0xff;
            BtfExt.TryParse(copy, spec, out _);
        }
        var bad = (byte[])full.Clone();
        bad[32] = 3; // func_info record size 3
        Assert.Contains("invalid record size", Assert.Throws<BtfException>(() => BtfExt.Parse(bad, spec)).Message);
    }
}
