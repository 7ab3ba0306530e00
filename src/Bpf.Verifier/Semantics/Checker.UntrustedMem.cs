using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// 6.17+ read-only untrusted memory (PTR_TO_MEM | MEM_RDONLY | PTR_UNTRUSTED, size 0): what bpf_rdonly_cast(p, 0)
/// returns and what a load of a BTF pointer member to a non-struct type gives. The JIT reads it with probe loads, so
/// loads of any size at any offset are allowed, writes are refused, its offset is not tracked and it may be NULL.
/// </summary>
internal sealed partial class Checker
{
    private static RegState UntrustedMem()
    {
        var r = KnownZeroPtr(RegType.PtrToMem, RegFlags.MemRdonly | RegFlags.PtrUntrusted);
        r.Aux = 0;
        return r;
    }

    private static bool IsUntrustedMem(in RegState reg) =>
        reg.Type == RegType.PtrToMem && (reg.Flags & (RegFlags.MemRdonly | RegFlags.PtrUntrusted)) == (RegFlags.MemRdonly | RegFlags.PtrUntrusted);
}
