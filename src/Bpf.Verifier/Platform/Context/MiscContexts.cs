using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Platform;

/// <summary>Contexts of syscall and netfilter programs.</summary>
public static class MiscContexts
{
    /// <summary>
    /// syscall_prog_is_valid_access: the context is user memory of any size below U16_MAX, read and written with
    /// any aligned access.
    /// </summary>
    public static readonly ContextLayout Syscall = new("bpf_syscall_ctx", ushort.MaxValue,
    [
        new(0, ushort.MaxValue + 8, 8, CtxSize.Any, CtxSize.Any),
    ]);

    /// <summary>
    /// bpf_nf_ctx (nf_is_valid_access): state 0 and skb 8, read-only, whole pointers, producing trusted pointers
    /// to the kernel's nf_hook_state and sk_buff.
    /// </summary>
    public static readonly ContextLayout Netfilter = new("bpf_nf_ctx", 16,
    [
        CtxField.Ptr(0, 8, RegType.PtrToBtfId, RegFlags.PtrTrusted) with { BtfStruct = "nf_hook_state" },
        CtxField.Ptr(8, 8, RegType.PtrToBtfId, RegFlags.PtrTrusted) with { BtfStruct = "sk_buff" },
    ]);
}
