namespace Bpf.Object.Tests;

public class CorruptInputTests
{
    private static byte[] Progs => File.ReadAllBytes(TestData.Path("progs.o"));

    [Fact]
    public void NotElf() =>
        Assert.Contains("not an ELF file", Assert.Throws<ObjectFormatException>(() => ObjectLoader.Load("hello world, no elf"u8.ToArray(), "x.o")).Message);

    [Fact]
    public void EmptyFile() => Assert.Throws<ObjectFormatException>(() => ObjectLoader.Load([], "x.o"));

    [Fact]
    public void WrongMachine()
    {
        var b = Progs;
        b[18] = 62; // EM_X86_64
        Assert.Contains("not a BPF object", Assert.Throws<ObjectFormatException>(() => ObjectLoader.Load(b, "x.o")).Message);
    }

    [Fact]
    public void SectionHeadersBeyondTheFile()
    {
        var b = Progs;
        BitConverter.GetBytes((ulong)b.Length * 4).CopyTo(b, 0x28); // e_shoff
        Assert.Throws<ObjectFormatException>(() => ObjectLoader.Load(b, "x.o"));
    }

    /// <summary>Found by bench/Bpf.Fuzz: a NOBITS .bss whose sh_size was corrupted to an enormous value.</summary>
    [Fact]
    public void HugeBssSizeIsRefusedNotAllocated()
    {
        var b = File.ReadAllBytes(TestData.Path("maps.o"));
        int shoff = (int)BitConverter.ToUInt64(b, 0x28);
        int shnum = BitConverter.ToUInt16(b, 0x3c);
        int strHdr = shoff + 64 * BitConverter.ToUInt16(b, 0x3e);
        int strOff = (int)BitConverter.ToUInt64(b, strHdr + 0x18);
        bool patched = false;
        for (int i = 0; i < shnum && !patched; i++)
        {
            int h = shoff + 64 * i;
            int name = strOff + BitConverter.ToInt32(b, h);
            if (System.Text.Encoding.ASCII.GetString(b, name, 5) == ".bss\0")
            {
                BitConverter.GetBytes(0xffff_fff0_0000_0000UL).CopyTo(b, h + 0x20); // sh_size
                patched = true;
            }
        }
        Assert.True(patched, "maps.o should have a .bss section");
        Assert.Throws<ObjectFormatException>(() => ObjectLoader.Load(b, "x.o"));
    }

    [Fact]
    public void EveryTruncationFailsCleanly()
    {
        var b = Progs;
        for (int len = 0; len < b.Length; len += 97)
        {
            var cut = b.AsSpan(0, len).ToArray();
            var e = Record.Exception(() => ObjectLoader.Load(cut, "x.o"));
            Assert.True(e is null or ObjectFormatException, $"length {len}: {e?.GetType().Name}: {e?.Message}");
        }
    }

    [Fact]
    public void RandomByteFlipsNeverCrash()
    {
        var rng = new Random(1234);
        var original = Progs;
        for (int round = 0; round < 300; round++)
        {
            var b = (byte[])original.Clone();
            for (int k = 0; k < 4; k++)
                b[rng.Next(b.Length)] = (byte)rng.Next(256);
            var e = Record.Exception(() => ObjectLoader.Load(b, "x.o"));
            Assert.True(e is null or ObjectFormatException, $"round {round}: {e?.GetType().Name}: {e?.Message}\n{e?.StackTrace}");
        }
    }
}
