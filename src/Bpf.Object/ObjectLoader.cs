using Bpf.Btf;
using Bpf.Isa;
using Bpf.Object.Elf;
using Bpf.Object.Linking;
using Bpf.Object.Loading;
using Bpf.Object.Maps;
using Bpf.Object.Sections;

namespace Bpf.Object;

/// <summary>
/// Opens a clang-built BPF object the way libbpf 1.5 does (plus the legacy conventions of older loaders) and returns
/// every entry program linked and relocated, with its maps. Nothing touches the kernel.
/// </summary>
public static class ObjectLoader
{
    /// <summary>Reads and loads <paramref name="path"/>. Throws <see cref="ObjectFormatException"/> for malformed objects and IO exceptions for unreadable files.</summary>
    public static ObjectSpec Load(string path, LoadOptions? options = null) =>
        Load(File.ReadAllBytes(path), path, options);

    /// <summary>Loads an object from memory; <paramref name="path"/> names it (object name, prog-types matching).</summary>
    public static ObjectSpec Load(byte[] bytes, string path, LoadOptions? options = null)
    {
        options ??= LoadOptions.Default;
        try
        {
            return new ObjectBuilder(ElfFile.Parse(bytes), path, options).Build();
        }
        catch (BtfException e)
        {
            throw new ObjectFormatException($"BTF: {e.Message}", e);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException)
        {
            // Defensive: any unchecked shape problem is still a malformed object, never a crash.
            throw new ObjectFormatException($"malformed object: {e.Message}", e);
        }
    }
}
