using Bpf.Object.Elf;

namespace Bpf.Object.Loading;

/// <summary>
/// Open-time refusals of libbpf that fail the whole object (veristat then prints only "Failed to open"):
/// objects built without BTF (GCC without -gbtf) that still need it, and relocations libbpf cannot record.
/// Objects loaded the legacy way (no BTF and no .maps, legacy map sections, program-type overrides) keep the
/// older loaders' per-program treatment.
/// </summary>
internal sealed partial class ObjectBuilder
{
    private const int ENOENT = 2;
    private const int EINVAL = 22;

    /// <summary>libbpf's -LIBBPF_ERRNO__RELOC: a relocation bpf_program__record_reloc refuses.</summary>
    internal const int LibbpfErrnoReloc = 4005;

    /// <summary>Whether open-time problems fail the whole object, as in libbpf, rather than single programs.</summary>
    private bool StrictOpen => _options.Legacy != true && _options.Overrides?.CoversObject(_path) != true;

    /// <summary>
    /// bpf_object__init_user_btf_maps fails the open at the first map definition it cannot parse (-EINVAL); the
    /// reader records those as warnings from index <paramref name="firstNew"/> on.
    /// </summary>
    private void RefuseBadMapDefs(int firstNew)
    {
        if (!_legacy && StrictOpen && _warnings.Count > firstNew)
            throw new ObjectOpenException(_warnings[firstNew]) { Errno = EINVAL };
    }

    /// <summary>
    /// libbpf_needs_btf when the ELF is collected: BTF-defined maps (a .maps section) or struct_ops data need the
    /// object's BTF; without it (absent: -ENOENT, unparsable: btf__new's error) the open fails.
    /// </summary>
    private void RequireBtf(SectionScan secs)
    {
        if (_btf != null || !StrictOpen)
            return;
        bool structOps = false;
        foreach (var s in _elf.Sections)
        {
            if (s.Type == ElfConst.ShtProgbits && !s.IsExecutable && s.Size > 0
                && s.Name is "struct_ops" or "struct_ops.link" or "?struct_ops" or "?struct_ops.link")
                structOps = true;
        }
        if (secs.BtfMaps == null && !structOps)
            return;
        throw new ObjectOpenException("libbpf: BTF is required, but is missing or corrupted.")
        {
            Errno = secs.Btf == null ? ENOENT : EINVAL,
        };
    }
}
