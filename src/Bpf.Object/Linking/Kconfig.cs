using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Bpf.Object.Loading;

namespace Bpf.Object.Linking;

/// <summary>
/// Values of <c>.kconfig</c> externs: libbpf's built-ins (LINUX_KERNEL_VERSION, LINUX_HAS_*) and CONFIG_* options
/// from a kernel config file (<see cref="LoadOptions.KconfigPath"/>, else /proc/config.gz as libbpf reads it).
/// </summary>
internal static class Kconfig
{
    public const string ProcConfig = "/proc/config.gz";

    public static byte[] Fill(List<ExternDesc> externs, int size, LoadOptions options)
    {
        var data = new byte[size];
        Dictionary<string, string>? config = null;
        foreach (var e in externs)
        {
            if (e.Kind != ExternKind.Kconfig || e.Error != null)
                continue;
            string? value = e.Name switch
            {
                "LINUX_KERNEL_VERSION" => options.KernelVersionCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "LINUX_HAS_BPF_COOKIE" => "y",
                // libbpf probes this by opening a kprobe on __x64_sys_bpf; the reference machine refuses the probe,
                // so libbpf writes 0 there (bpf_syscall_macro's logs load 0), and so does bpfv.
                "LINUX_HAS_SYSCALL_WRAPPER" => "n",
                _ => null,
            };
            if (value == null && e.Name.StartsWith("CONFIG_", StringComparison.Ordinal))
            {
                config ??= ReadConfig(options.KconfigPath ?? (File.Exists(ProcConfig) ? ProcConfig : null));
                config.TryGetValue(e.Name, out value);
            }
            if (value == null)
            {
                if (!e.IsWeak && !e.Name.StartsWith("CONFIG_", StringComparison.Ordinal))
                    e.Error = $"libbpf: extern (kcfg) '{e.Name}': value not found";
                continue;
            }
            Write(data.AsSpan(e.KconfigOffset, e.KconfigSize), value);
        }
        return data;
    }

    private static void Write(Span<byte> slot, string value)
    {
        if (value.Length >= 2 && value[0] == '"')
        {
            var bytes = Encoding.UTF8.GetBytes(value[1..^1]);
            bytes.AsSpan(0, Math.Min(bytes.Length, Math.Max(slot.Length - 1, 0))).CopyTo(slot);
            return;
        }
        ulong v = value switch
        {
            "y" => 1,
            "m" => 2,
            "n" => 0,
            _ => ParseNumber(value),
        };
        switch (slot.Length)
        {
            case 1: slot[0] = (byte)v; break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(slot, (ushort)v); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(slot, (uint)v); break;
            case 8: BinaryPrimitives.WriteUInt64LittleEndian(slot, v); break;
        }
    }

    private static ulong ParseNumber(string s)
    {
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && ulong.TryParse(s.AsSpan(2), System.Globalization.NumberStyles.HexNumber, null, out ulong h))
            return h;
        if (long.TryParse(s, out long l))
            return (ulong)l;
        return 0;
    }

    private static Dictionary<string, string> ReadConfig(string? path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (path == null)
            return result;
        try
        {
            using Stream file = File.OpenRead(path);
            using Stream input = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var reader = new StreamReader(input);
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                int eq = line.IndexOf('=');
                if (line.StartsWith("CONFIG_", StringComparison.Ordinal) && eq > 0)
                    result[line[..eq]] = line[(eq + 1)..];
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // libbpf treats an unreadable config as "no values".
        }
        return result;
    }
}
