using System.IO.Compression;

namespace Bpf.Btf;

/// <summary>
/// Target (kernel) BTF: the vmlinux type information CO-RE relocations and BTF-typed verifier checks resolve against.
/// </summary>
public static class KernelBtf
{
    public const string SysfsPath = "/sys/kernel/btf/vmlinux";
    public const string EmbeddedResourceName = "Bpf.Btf.vmlinux.btf.gz";

    private static readonly Lazy<BtfSpec> s_default = new(() => Load(null), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<BtfSpec> s_embedded = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The default kernel BTF (sysfs if readable, else the embedded 6.18 copy), parsed once per process.</summary>
    public static BtfSpec Default => s_default.Value;

    /// <summary>The embedded Linux 6.18 vmlinux BTF, parsed once per process (deterministic regardless of host).</summary>
    public static BtfSpec Embedded => s_embedded.Value;

    /// <summary>
    /// Loads kernel BTF: <paramref name="path"/> when given (raw or gzip BTF), else <see cref="SysfsPath"/> when readable,
    /// else the embedded copy. Throws <see cref="BtfException"/> when the file is unreadable or malformed.
    /// </summary>
    public static BtfSpec Load(string? path)
    {
        if (path != null)
            return LoadFile(path);
        try
        {
            if (File.Exists(SysfsPath))
                return BtfSpec.Parse(File.ReadAllBytes(SysfsPath));
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        catch (BtfException)
        {
        }
        return Embedded;
    }

    /// <summary>Reads a raw or gzip-compressed BTF file.</summary>
    public static BtfSpec LoadFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new BtfException($"cannot read kernel BTF '{path}': {e.Message}");
        }
        return BtfSpec.Parse(MaybeGunzip(bytes));
    }

    /// <summary>Returns <paramref name="bytes"/> decompressed when they start with the gzip magic.</summary>
    public static byte[] MaybeGunzip(byte[] bytes)
    {
        if (bytes.Length < 2 || bytes[0] != 0x1f || bytes[1] != 0x8b)
            return bytes;
        try
        {
            using var input = new MemoryStream(bytes);
            using var gz = new GZipStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream(bytes.Length * 4);
            gz.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new BtfException($"corrupt gzip-compressed BTF: {e.Message}");
        }
    }

    private static BtfSpec LoadEmbedded()
    {
        using var stream = typeof(KernelBtf).Assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new BtfException($"embedded kernel BTF resource '{EmbeddedResourceName}' is missing");
        // gzip's trailer holds the uncompressed size: the sections are inflated straight into their arrays.
        Span<byte> isize = stackalloc byte[4];
        stream.Seek(-4, SeekOrigin.End);
        stream.ReadExactly(isize);
        stream.Seek(0, SeekOrigin.Begin);
        using var gz = new GZipStream(stream, CompressionMode.Decompress);
        return BtfSpec.Parse(gz, System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(isize));
    }
}
