using static Bpf.Verifier.Platform.Kfuncs.KfuncFlags;

namespace Bpf.Verifier.Platform.Kfuncs;

/// <summary>
/// kernel/bpf/crypto.c: the context constructors for syscall programs (crypt_init_kfunc_set) and the
/// cipher operations for tc and XDP (crypt_kfunc_set).
/// </summary>
internal static class CryptoKfuncs
{
    public static readonly KfuncInfo[] All =
    [
        new("bpf_crypto_ctx_create", Acquire | RetNull | Sleepable, KfuncSet.Syscall),
        new("bpf_crypto_ctx_release", Release, KfuncSet.Syscall),
        new("bpf_crypto_ctx_acquire", Acquire | Rcu | RetNull, KfuncSet.Syscall),
        new("bpf_crypto_decrypt", Rcu, KfuncSet.Crypto),
        new("bpf_crypto_encrypt", Rcu, KfuncSet.Crypto),
    ];
}
