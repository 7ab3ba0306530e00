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
